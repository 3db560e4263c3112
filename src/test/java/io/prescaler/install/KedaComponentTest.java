package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.prescaler.cli.Prescaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The optional keda component on top of the default install: the exporter's gRPC port on (container and Service),
 * the webhook rule for ScaledObjects, {@code events apply --scaled-objects}, and the RBAC only the component adds.
 */
class KedaComponentTest {

    private static List<Object> objects;

    @BeforeAll
    static void render() throws Exception {
        String yaml = Kubectl.kustomize(InstallVariant.composed(
                "default-with-keda",
                "resources: [%s]%ncomponents: [%s]%n"
                        .formatted(
                                InstallVariant.relativeToComposed("kustomize/overlays/default"),
                                InstallVariant.relativeToComposed("kustomize/components/keda"))));
        objects = new ArrayList<>();
        for (JsonNode document : StrictManifestReader.documents(yaml)) {
            objects.add(StrictManifestReader.typed(document));
        }
    }

    private static <T extends HasMetadata> T one(Class<T> type, String name) {
        return objects.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    private static CommandLine.ParseResult parse(List<String> args) {
        return Prescaler.commandLine(Map.of()).parseArgs(args.toArray(String[]::new));
    }

    @Test
    void theExporterServesTheScalerOnItsGrpcPortThroughItsService() {
        Container exporter = one(Deployment.class, "prescaler-exporter")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        CommandLine.ParseResult parsed = parse(exporter.getArgs());
        assertEquals(9090, (int) parsed.subcommand().matchedOptionValue("--grpc-port", 0));
        ContainerPort grpc = exporter.getPorts().stream()
                .filter(p -> "grpc".equals(p.getName()))
                .findFirst()
                .orElseThrow();
        assertEquals(9090, grpc.getContainerPort());
        ServicePort service = one(Service.class, "prescaler-exporter").getSpec().getPorts().stream()
                .filter(p -> "grpc".equals(p.getName()))
                .findFirst()
                .orElseThrow();
        assertEquals(9090, service.getPort());
        assertEquals("grpc", service.getTargetPort().getStrVal());
        // The address the webhook writes into the trigger by default is this Service's.
        assertEquals(
                "prescaler-exporter.prescaler.svc:9090",
                io.prescaler.webhook.ScalerTrigger.DEFAULT_ADDRESS,
                "the default --keda-scaler-address names the exporter Service and its gRPC port");
    }

    @Test
    void theDefaultInstallKeepsTheScalerOffWithoutTheComponent() {
        String rendered = Kubectl.kustomize(Repository.ROOT.resolve("kustomize/overlays/default"));
        assertTrue(rendered.contains("- --grpc-port\n        - \"0\""), "the base turns the scaler off");
        assertFalse(rendered.contains("scaledobjects"), "no ScaledObject RBAC nor webhook rule without it");
    }

    @Test
    void theWebhookAdmitsScaledObjectsToo() {
        List<RuleWithOperations> rules = one(MutatingWebhookConfiguration.class, "prescaler-webhook")
                .getWebhooks()
                .get(0)
                .getRules();
        assertTrue(
                rules.stream()
                        .anyMatch(r -> r.getApiGroups().equals(List.of("keda.sh"))
                                && r.getResources().equals(List.of("scaledobjects"))
                                && r.getApiVersions().equals(List.of("v1alpha1"))
                                && r.getOperations().equals(List.of("CREATE", "UPDATE"))),
                rules.toString());
        assertTrue(
                rules.stream().anyMatch(r -> r.getResources().equals(List.of("horizontalpodautoscalers"))),
                "HPAs as before");
    }

    @Test
    void eventsApplyAnnotatesScaledObjects() {
        Container events = one(CronJob.class, "prescaler-events")
                .getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        CommandLine.ParseResult parsed = parse(events.getArgs());
        assertTrue(
                parsed.subcommand().subcommand().hasMatchedOption("--scaled-objects"),
                events.getArgs().toString());
    }

    @Test
    void grantsTheExporterListAndWatchAndEventsApplyGetListPatchOnScaledObjectsOnly() {
        assertEquals(
                List.of(rule("list", "watch")),
                one(ClusterRole.class, "prescaler-exporter-keda").getRules());
        assertEquals(
                List.of(rule("get", "list", "patch")),
                one(ClusterRole.class, "prescaler-events-keda").getRules());
        assertEquals(
                "prescaler-exporter",
                one(ClusterRoleBinding.class, "prescaler-exporter-keda")
                        .getSubjects()
                        .get(0)
                        .getName());
        assertEquals(
                "prescaler-events",
                one(ClusterRoleBinding.class, "prescaler-events-keda")
                        .getSubjects()
                        .get(0)
                        .getName());
    }

    private static PolicyRule rule(String... verbs) {
        PolicyRule rule = new PolicyRule();
        rule.setApiGroups(List.of("keda.sh"));
        rule.setResources(List.of("scaledobjects"));
        rule.setVerbs(List.of(verbs));
        return rule;
    }
}
