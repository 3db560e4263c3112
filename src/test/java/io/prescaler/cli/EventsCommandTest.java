package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.prescaler.schedule.AnnotationKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@EnableKubernetesMockClient(crud = true)
class EventsCommandTest {

    KubernetesClient client;

    @ParameterizedTest(name = "--now {0}")
    @CsvSource({
        "2026-05-30T19:00:00Z, 2026-05-30T19:00:00Z",
        "2026-05-30T21:00+02:00, 2026-05-30T19:00:00Z",
        "2026-05-30T21:00, 2026-05-30T19:00:00Z",
        // inside the spring-forward gap: the end of the gap, as everywhere else
        "2026-03-29T02:30, 2026-03-29T01:00:00Z",
    })
    void readsNowAsAnInstantAnOffsetTimeOrALocalTime(String text, Instant expected) {
        assertEquals(expected, EventsCommand.Apply.parseNow(text, ZoneId.of("Europe/Paris")));
    }

    @Test
    void refusesANowThatIsNotATime() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> EventsCommand.Apply.parseNow("tonight", ZoneId.of("UTC")));
        assertTrue(e.getMessage().startsWith("'tonight' is not an ISO-8601 time"), e.getMessage());
    }

    @ParameterizedTest(name = "--configmap {0}")
    @CsvSource({"a/b/c", "/prescaling-events", "prescaler/"})
    void refusesAConfigMapThatIsNeitherNameNorNamespaceSlashNameInOneLine(String flag) {
        StringWriter err = new StringWriter();
        int exit = Prescaler.commandLine(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err))
                .execute("events", "apply", "--configmap", flag);

        assertEquals(2, exit);
        assertEquals(
                List.of(
                        "apply: Invalid value for option '--configmap': '" + flag
                                + "' is not NAME or NAMESPACE/NAME (for example prescaling-events, or"
                                + " prescaler/prescaling-events)",
                        "Try 'prescaler events apply --help' for the flags."),
                err.toString().lines().toList());
    }

    @Test
    void aBareConfigMapNameIsReadInTheNamespaceOfTheClient(@TempDir Path dir) throws IOException {
        client.configMaps()
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withNamespace("media-prescaler")
                        .withName("prescaling-events")
                        .endMetadata()
                        .withData(Map.of(
                                "events.yaml",
                                "- {name: final, multiplier: 3, start: 2026-05-30T21:00, end: 2026-05-30T23:00}"))
                        .build())
                .create();
        client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .resource(new HorizontalPodAutoscalerBuilder()
                        .withNewMetadata()
                        .withNamespace("web")
                        .withName("api")
                        .withAnnotations(Map.of(
                                AnnotationKeys.DEFAULT.minReplicas(), "25",
                                AnnotationKeys.DEFAULT.start(), "19:30",
                                AnnotationKeys.DEFAULT.end(), "23:30"))
                        .endMetadata()
                        .withNewSpec()
                        .withMaxReplicas(100)
                        .withNewScaleTargetRef("apps/v1", "Deployment", "api")
                        .endSpec()
                        .build())
                .create();
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(
                kubeconfig,
                """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: mock, user: {token: secret}}]
                contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: media-prescaler}}]
                current-context: mock
                """
                        .formatted(client.getMasterUrl()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
                .execute(
                        "events",
                        "apply",
                        "--configmap",
                        "prescaling-events",
                        "--kubeconfig",
                        kubeconfig.toString(),
                        "--timezone",
                        "Europe/Paris",
                        "--now",
                        "2026-05-30T21:00",
                        "--dry-run");

        assertEquals(0, exit, err.toString());
        assertEquals(
                List.of(
                        "would patch web/api: event final applied: minimum x3 until 2026-05-30T21:00:00Z",
                        "events apply (dry run): 1 HPAs scanned, 1 to patch, 0 unchanged, 0 failed; active events:"
                                + " final x3 until 2026-05-30T21:00:00Z"),
                out.toString().lines().toList());
    }

    @Test
    void documentsEveryFlagOfApply() {
        StringWriter out = new StringWriter();
        int exit = Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()))
                .execute("events", "apply", "--help");

        assertEquals(0, exit);
        for (String flag : new String[] {
            "--configmap",
            "--key",
            "--now",
            "--dry-run",
            "--parallelism",
            "--timezone",
            "--annotation-prefix",
            "--kubeconfig",
            "--context"
        }) {
            assertTrue(out.toString().contains(flag), flag);
        }
    }

    @Test
    void eventsWithoutACommandIsAUsageError() {
        StringWriter err = new StringWriter();
        int exit = Prescaler.commandLine(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err))
                .execute("events");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("Missing a command (apply)."), err.toString());
    }
}
