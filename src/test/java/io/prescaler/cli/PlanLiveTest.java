package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --kubeconfig}: the live HPAs and the events ConfigMap, read without writing anything. */
@EnableKubernetesMockClient(crud = true)
class PlanLiveTest {

    KubernetesClient client;

    @TempDir
    Path dir;

    private Path kubeconfig;

    @BeforeEach
    void seedTheCluster() throws IOException {
        HorizontalPodAutoscaler hpa = client.getKubernetesSerialization()
                .unmarshal(Files.readString(Path.of("examples/hpa-service-6play-images.yaml")));
        client.resource(hpa).create();
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(
                kubeconfig,
                """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: mock, user: {token: secret}}]
                contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: prescaler}}]
                current-context: mock
                """
                        .formatted(client.getMasterUrl()));
    }

    private String[] plan() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Prescaler.commandLine(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(
                        "plan",
                        "--kubeconfig",
                        kubeconfig.toString(),
                        "--date",
                        "2026-05-30",
                        "--timezone",
                        "Europe/Paris");
        assertEquals(0, code, err.toString());
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void plansTheLiveHpasAndSaysWhenTheEventsConfigMapIsMissing() {
        String[] run = plan();
        assertTrue(run[0].contains("6play/service-6play-images"), run[0]);
        assertTrue(run[1].contains("ConfigMap prescaler/prescaling-events does not exist"), run[1]);
    }

    @Test
    void readsTheEventsOfTheConfigMapInTheKubeconfigNamespace() throws IOException {
        client.configMaps()
                .inNamespace("prescaler")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("prescaling-events")
                        .endMetadata()
                        .addToData("events.yaml", Files.readString(Path.of("examples/events.yaml")))
                        .build())
                .create();
        String[] run = plan();
        assertTrue(run[0].contains("champions-league-final x3"), run[0]);
        assertEquals("", run[1].strip(), run[1]);
    }
}
