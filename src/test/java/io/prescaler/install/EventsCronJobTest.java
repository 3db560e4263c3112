package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The events CronJob: where it finds its ConfigMap, what its pod is given, what its ServiceAccount may do. */
class EventsCronJobTest {

    private static final String SERVICE_ACCOUNT = "prescaler-events";

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void namesItsConfigMapWithoutANamespaceSoTheInstallCanBeRenamed(InstallVariant variant) {
        List<String> args = pod(RenderedInstall.of(variant).one(CronJob.class, "prescaler-events"))
                .getContainers()
                .get(0)
                .getArgs();

        assertEquals(List.of("events", "apply", "--configmap", "prescaling-events"), args);
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void getsNoServiceLinksThatWouldReadAsPrescalerFlags(InstallVariant variant) {
        assertEquals(
                Boolean.FALSE,
                pod(RenderedInstall.of(variant).one(CronJob.class, "prescaler-events"))
                        .getEnableServiceLinks());
    }

    /**
     * What the code calls: list, get (after a 409) and JSON-patch HPAs everywhere; create Events on them; get its
     * ConfigMap; get and merge-patch the repeated warning Event next to it. Nothing of events.k8s.io.
     */
    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void grantsTheServiceAccountOnlyWhatTheCodeCalls(InstallVariant variant) {
        RenderedInstall install = RenderedInstall.of(variant);

        assertEquals(
                List.of(
                        "ClusterRole prescaler-events: [autoscaling] horizontalpodautoscalers [get, list, patch]",
                        "ClusterRole prescaler-events: [core] events [create]",
                        "Role " + install.namespace()
                                + "/prescaler-events: [core] configmaps (prescaling-events) [get]",
                        "Role " + install.namespace() + "/prescaler-events: [core] events [get, patch]"),
                grantsOf(install));
    }

    @Test
    void inARenamedNamespaceTheJobReadsTheConfigMapThatSitsNextToIt() throws IOException {
        String yaml = Kubectl.kustomize(InstallVariant.composed(
                "renamed-namespace",
                "namespace: media-prescaler%nresources: [%s]%n"
                        .formatted(InstallVariant.relativeToComposed("kustomize/overlays/default"))));
        List<String> found = new ArrayList<>();
        for (JsonNode document : StrictManifestReader.documents(yaml)) {
            String kind = document.path("kind").asText();
            String name = document.path("metadata").path("name").asText();
            if (name.equals("prescaling-events") || name.equals("prescaler-events")) {
                found.add(
                        kind + " " + document.path("metadata").path("namespace").asText("(cluster)") + "/" + name);
            }
            if (kind.equals("CronJob") && name.equals("prescaler-events")) {
                CronJob cron = StrictManifestReader.typed(document, CronJob.class);
                assertEquals(
                        List.of("events", "apply", "--configmap", "prescaling-events"),
                        pod(cron).getContainers().get(0).getArgs());
            }
        }

        assertEquals(
                List.of(
                        "ClusterRole (cluster)/prescaler-events",
                        "ClusterRoleBinding (cluster)/prescaler-events",
                        "ConfigMap media-prescaler/prescaling-events",
                        "CronJob media-prescaler/prescaler-events",
                        "Role media-prescaler/prescaler-events",
                        "RoleBinding media-prescaler/prescaler-events",
                        "ServiceAccount media-prescaler/prescaler-events"),
                found.stream().sorted().toList());
    }

    private static PodSpec pod(CronJob cron) {
        return cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    }

    /** Every rule of every role bound to the events ServiceAccount, one line each. */
    private static List<String> grantsOf(RenderedInstall install) {
        List<String> grants = new ArrayList<>();
        for (ClusterRoleBinding binding : install.all(ClusterRoleBinding.class)) {
            if (binding.getSubjects().stream().anyMatch(s -> s.getName().equals(SERVICE_ACCOUNT))) {
                ClusterRole role =
                        install.one(ClusterRole.class, binding.getRoleRef().getName());
                role.getRules()
                        .forEach(rule ->
                                grants.add("ClusterRole " + role.getMetadata().getName() + ": " + text(rule)));
            }
        }
        for (RoleBinding binding : install.all(RoleBinding.class)) {
            if (binding.getSubjects().stream().anyMatch(s -> s.getName().equals(SERVICE_ACCOUNT))) {
                Role role = install.one(Role.class, binding.getRoleRef().getName());
                role.getRules()
                        .forEach(rule -> grants.add("Role " + role.getMetadata().getNamespace() + "/"
                                + role.getMetadata().getName() + ": " + text(rule)));
            }
        }
        return grants.stream().sorted().toList();
    }

    private static String text(PolicyRule rule) {
        String names = rule.getResourceNames().isEmpty() ? "" : " (" + String.join(", ", rule.getResourceNames()) + ")";
        List<String> groups = rule.getApiGroups().stream()
                .map(group -> group.isEmpty() ? "core" : group)
                .toList();
        return groups + " " + String.join(",", rule.getResources()) + names + " "
                + rule.getVerbs().stream().sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
