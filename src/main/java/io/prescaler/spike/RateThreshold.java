package io.prescaler.spike;

import java.util.Locale;

/**
 * A threshold on a rate of the demand: in replicas per minute (velocity) or per minute per minute (acceleration),
 * either absolute ({@code 12}) or relative to the demand at the start of the window ({@code 30%}: 0.3 times that
 * demand), counted as at least one replica so that a near-idle HPA does not trigger on a fraction of a pod.
 *
 * <p>Relative thresholds are the defaults because a spike is a ratio: x5 in two minutes is 12 replicas per minute
 * for an HPA at 6 replicas and 200 for one at 100, while an ordinary evening ramp of the second is faster than the
 * spike of the first.
 *
 * @param value replicas per minute (or per minute squared) when absolute; the fraction of the base demand when relative
 */
public record RateThreshold(double value, boolean relative) {

    public RateThreshold {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a threshold is a finite number > 0, got " + value);
        }
    }

    public static RateThreshold absolute(double replicas) {
        return new RateThreshold(replicas, false);
    }

    public static RateThreshold percentOfDemand(double percent) {
        return new RateThreshold(percent / 100, true);
    }

    /** The threshold in replicas per minute (or per minute squared) for a window starting at {@code baseDemand}. */
    public double replicas(double baseDemand) {
        return relative ? value * Math.max(1, baseDemand) : value;
    }

    /** As the annotation writes it: {@code 12} or {@code 30%}. */
    public String text() {
        double shown = relative ? value * 100 : value;
        String number = shown == Math.rint(shown)
                ? String.valueOf((long) shown)
                : String.format(Locale.ROOT, "%s", stripped(shown));
        return relative ? number + "%" : number;
    }

    private static String stripped(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return text();
    }
}
