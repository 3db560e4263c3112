package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ExternalMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.MetricEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** manifests/example-hpa.yaml is a valid autoscaling/v2 HPA with valid annotations and the direct metric block. */
class ExampleHpaTest {

    private static HorizontalPodAutoscaler hpa;

    @BeforeAll
    static void read() throws IOException {
        List<JsonNode> documents =
                StrictManifestReader.documents(Files.readString(Repository.MANIFESTS.resolve("example-hpa.yaml")));
        assertEquals(1, documents.size());
        hpa = (HorizontalPodAutoscaler) StrictManifestReader.typed(documents.get(0));
    }

    @Test
    void hasValidPrescalingAnnotations() {
        AnnotationReading reading = new AnnotationParser(AnnotationKeys.DEFAULT, ZoneOffset.UTC)
                .read(hpa.getMetadata().getAnnotations());

        assertInstanceOf(AnnotationReading.Valid.class, reading, reading.toString());
    }

    @Test
    void endsWithTheDirectMetricBlockTheWebhookInjects() {
        List<MetricSpec> metrics = hpa.getSpec().getMetrics();
        MetricSpec last = metrics.get(metrics.size() - 1);
        ExternalMetricSource external = last.getExternal();

        assertAll(
                () -> assertEquals("External", last.getType()),
                () -> assertEquals(
                        MetricEncoding.DIRECT.metricName(), external.getMetric().getName()),
                () -> assertEquals(
                        Map.of("hpa", hpa.getMetadata().getName()),
                        external.getMetric().getSelector().getMatchLabels()),
                () -> assertEquals(
                        MetricEncoding.DIRECT.targetType().apiName(),
                        external.getTarget().getType()),
                () -> assertEquals(
                        new Quantity(String.valueOf(MetricEncoding.DIRECT.targetValue())),
                        external.getTarget().getAverageValue()));
    }
}
