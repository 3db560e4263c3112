package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The MutatingWebhookConfiguration as the design's Kubernetes contract describes it, in every variant. */
class WebhookConfigurationTest {

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void anOutageNeverBlocksHpaWrites(InstallVariant variant) {
        for (MutatingWebhook webhook : webhooks(variant)) {
            assertAll(
                    webhook.getName(),
                    () -> assertEquals("Ignore", webhook.getFailurePolicy()),
                    () -> assertNotNull(webhook.getTimeoutSeconds(), "timeoutSeconds (default 10 s is too long)"),
                    () -> assertTrue(webhook.getTimeoutSeconds() <= 5, "timeoutSeconds <= 5"),
                    () -> assertEquals("None", webhook.getSideEffects()),
                    () -> assertEquals(List.of("v1"), webhook.getAdmissionReviewVersions()),
                    () -> assertEquals("Equivalent", webhook.getMatchPolicy()));
        }
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void seesOnlyAutoscalingV2HpaCreatesAndUpdates(InstallVariant variant) {
        for (MutatingWebhook webhook : webhooks(variant)) {
            List<RuleWithOperations> rules = webhook.getRules();
            assertEquals(1, rules.size(), webhook.getName());
            RuleWithOperations rule = rules.get(0);
            assertAll(
                    () -> assertEquals(List.of("autoscaling"), rule.getApiGroups()),
                    () -> assertEquals(List.of("v2"), rule.getApiVersions()),
                    () -> assertEquals(List.of("horizontalpodautoscalers"), rule.getResources()),
                    () -> assertEquals(Set.of("CREATE", "UPDATE"), Set.copyOf(rule.getOperations())));
        }
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void excludesTheInstallsOwnAndTheSystemNamespaces(InstallVariant variant) {
        String own = RenderedInstall.of(variant).namespace();
        for (MutatingWebhook webhook : webhooks(variant)) {
            assertNotNull(webhook.getNamespaceSelector(), "namespaceSelector");
            Map<String, String> matchLabels = webhook.getNamespaceSelector().getMatchLabels();
            assertTrue(matchLabels == null || matchLabels.isEmpty(), "matchLabels would select, not exclude");
            List<LabelSelectorRequirement> expressions =
                    webhook.getNamespaceSelector().getMatchExpressions();
            LabelSelectorRequirement byName = expressions.stream()
                    .filter(e -> e.getKey().equals("kubernetes.io/metadata.name"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no kubernetes.io/metadata.name expression"));
            assertEquals("NotIn", byName.getOperator());
            assertTrue(
                    byName.getValues().containsAll(List.of(own, "kube-system", "kube-public", "kube-node-lease")),
                    "excluded: " + byName.getValues());
        }
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void callsTheWebhookServiceOnAPortItExposes(InstallVariant variant) {
        RenderedInstall install = RenderedInstall.of(variant);
        for (MutatingWebhook webhook : webhooks(variant)) {
            var reference = webhook.getClientConfig().getService();
            assertNull(webhook.getClientConfig().getUrl(), "a Service, not a URL");
            assertEquals(install.namespace(), reference.getNamespace());
            assertEquals("/mutate", reference.getPath());
            Service service = install.one(Service.class, reference.getName());
            ServicePort port = service.getSpec().getPorts().stream()
                    .filter(p -> p.getPort().equals(reference.getPort()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "Service " + reference.getName() + " has no port " + reference.getPort()));
            Deployment deployment = install.one(Deployment.class, "prescaler-webhook");
            assertEquals(
                    service.getSpec().getSelector(),
                    deployment.getSpec().getSelector().getMatchLabels(),
                    "the Service selects the webhook pods");
            assertTrue(
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                            .anyMatch(p -> port.getTargetPort().getStrVal().equals(p.getName())),
                    "the Service's targetPort names a container port");
        }
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void keepsAWebhookPodThroughNodeDrainsAndSpreadsThem(InstallVariant variant) {
        RenderedInstall install = RenderedInstall.of(variant);
        Deployment deployment = install.one(Deployment.class, "prescaler-webhook");
        PodDisruptionBudget budget = install.one(PodDisruptionBudget.class, "prescaler-webhook");

        assertAll(
                () -> assertTrue(deployment.getSpec().getReplicas() >= 2, "replicas"),
                () -> assertEquals(
                        deployment.getSpec().getSelector().getMatchLabels(),
                        budget.getSpec().getSelector().getMatchLabels(),
                        "the PodDisruptionBudget selects the webhook pods"),
                () -> assertEquals(1, budget.getSpec().getMinAvailable().getIntVal()),
                () -> assertFalse(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getTopologySpreadConstraints()
                        .isEmpty()));
    }

    private static List<MutatingWebhook> webhooks(InstallVariant variant) {
        List<MutatingWebhookConfiguration> configurations =
                RenderedInstall.of(variant).all(MutatingWebhookConfiguration.class);
        assertEquals(1, configurations.size(), variant + ": one MutatingWebhookConfiguration");
        List<MutatingWebhook> webhooks = configurations.get(0).getWebhooks();
        assertFalse(webhooks.isEmpty());
        return webhooks;
    }
}
