package io.prescaler.plan;

import io.prescaler.hpa.ToleranceTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes minor version whose HPA controller the plan models. Only the tolerance test depends on it: the
 * comparison changed in 1.33 (docs/hpa-model.md §2), which stops Bedrock's 11/10 encoding from scaling at all.
 */
public record KubernetesVersion(int major, int minor) {

    /** The first Kubernetes version serving {@code autoscaling/v2}, the only HPA version prescaling uses. */
    public static final KubernetesVersion OLDEST_SUPPORTED = new KubernetesVersion(1, 23);

    private static final Pattern FORM = Pattern.compile("v?(\\d+)\\.(\\d+)(\\.\\d+)?");

    /**
     * Accepts {@code 1.33}, {@code v1.33} and {@code 1.33.2} (the patch is ignored); refuses versions older than
     * {@link #OLDEST_SUPPORTED}, whose HPAs prescaling cannot use.
     */
    public static KubernetesVersion parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches() || !m.group(1).equals("1")) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a Kubernetes version (MAJOR.MINOR, for example 1.33 or 1.32)");
        }
        KubernetesVersion version = new KubernetesVersion(1, Integer.parseInt(m.group(2)));
        if (version.minor < OLDEST_SUPPORTED.minor) {
            throw new IllegalArgumentException("'" + text + "' is older than " + OLDEST_SUPPORTED
                    + ", the first Kubernetes version with autoscaling/v2 HPAs; prescaler supports " + OLDEST_SUPPORTED
                    + " and later");
        }
        return version;
    }

    public ToleranceTest toleranceTest() {
        return minor >= 33 ? ToleranceTest.FROM_1_33 : ToleranceTest.UP_TO_1_32;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
