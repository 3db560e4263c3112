package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The install's namespace: restricted Pod Security, and renamed everywhere by one line of an overlay. */
class InstallNamespaceTest {

    /** The shipped namespace as a whole string, a DNS label of a name, or the namespace half of NAMESPACE/NAME. */
    private static final Pattern SHIPPED =
            Pattern.compile("(^|[./])" + Pattern.quote(InstallVariant.SHIPPED_NAMESPACE) + "($|[./])");

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void enforcesWarnsAndAuditsThePodSecurityRestrictedProfile(InstallVariant variant) {
        Namespace namespace = RenderedInstall.of(variant).all(Namespace.class).get(0);

        Map<String, String> labels = namespace.getMetadata().getLabels();
        for (String mode : List.of("enforce", "warn", "audit")) {
            assertEquals("restricted", labels.get("pod-security.kubernetes.io/" + mode), mode);
            assertEquals("latest", labels.get("pod-security.kubernetes.io/" + mode + "-version"), mode);
        }
    }

    /**
     * Every string of a renamed install that could name a namespace names the new one: nothing is left for the user
     * to find and edit by hand (the webhook's namespaceSelector, the certs command, certificate DNS names, the CA
     * injection annotation, RBAC subjects, the webhook's Service reference).
     */
    @ParameterizedTest
    @EnumSource(
            value = InstallVariant.class,
            names = {"DEFAULT_IN_ANOTHER_NAMESPACE", "CERT_MANAGER_IN_ANOTHER_NAMESPACE"})
    void aRenamedInstallNamesTheShippedNamespaceNowhere(InstallVariant variant) {
        RenderedInstall install = RenderedInstall.of(variant);
        List<String> left = new ArrayList<>();
        for (JsonNode document : install.documents()) {
            String object = StrictManifestReader.describe(document);
            collectShipped(object, "", document, left);
        }

        assertEquals(InstallVariant.OTHER_NAMESPACE, install.namespace());
        assertEquals(List.of(), left);
    }

    /**
     * Walks every string value except those that name Prescaler rather than its namespace: the image, label values
     * (part-of: prescaler) and the webhook's own name (hpa.prescaler.io).
     */
    private static void collectShipped(String object, String path, JsonNode node, List<String> found) {
        if (node.isTextual()) {
            if (SHIPPED.matcher(node.asText()).find()) {
                found.add(object + " " + path + ": " + node.asText());
            }
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectShipped(object, path + "/" + i, node.get(i), found);
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            boolean namesPrescaler = key.equals("labels")
                    || key.equals("matchLabels")
                    || key.equals("image")
                    || (path.matches("/webhooks/\\d+") && key.equals("name"));
            if (!namesPrescaler) {
                collectShipped(object, path + "/" + key, field.getValue(), found);
            }
        }
    }
}
