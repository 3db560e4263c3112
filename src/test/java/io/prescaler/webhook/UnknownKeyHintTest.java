package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.prescaler.input.InputText;
import io.prescaler.manifest.ManifestMutator;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.MetricEncoding;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A key under the prefix that is none of ours is a warning naming the key meant, in the same words everywhere. */
class UnknownKeyHintTest {

    private static final String HPA =
            """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: web
              namespace: shop
              annotations:
                annotations.scaling.exporter.replica.min: "25"
                annotations.scaling.exporter.time.start: "19:30"
                annotations.scaling.exporter.time.end: "23:30"
                annotations.scaling.exporter.start: "18:00"
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 2
              maxReplicas: 100
              metrics:
                - type: Resource
                  resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
            """;
    private static final String HINT = "\"annotations.scaling.exporter.start\" is not a prescaling annotation and is"
            + " ignored; did you mean annotations.scaling.exporter.time.start?";

    private final AdmissionReviewer reviewer = new AdmissionReviewer(
            new AnnotationParser(AnnotationKeys.DEFAULT, ZoneOffset.UTC),
            MetricEncoding.DIRECT,
            Clock.fixed(Instant.parse("2026-05-30T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void theWebhookAllowsWithAWarningNamingTheClosestKey() throws Exception {
        JsonNode hpa = new YAMLMapper().readTree(HPA);

        AdmissionResponse response =
                reviewer.review(AdmissionRequest.createOf(hpa, AdmissionRequest.GroupVersionKind.HPA_V2));

        assertTrue(response.allowed());
        assertEquals(List.of(HINT), response.warnings());
    }

    @Test
    void mutateSaysTheSameWords() {
        ManifestMutator.Result result =
                new ManifestMutator(reviewer, AnnotationKeys.DEFAULT).mutate(new InputText("hpa.yaml", HPA), false);

        assertFalse(result.failed(), result.errors().toString());
        assertTrue(
                result.warnings().stream().anyMatch(w -> w.endsWith("warning: " + HINT)),
                result.warnings().toString());
    }
}
