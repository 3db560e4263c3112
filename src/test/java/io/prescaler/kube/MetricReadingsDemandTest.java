package io.prescaler.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.prescaler.hpa.Demand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The demand of real HPA objects (spec and status as the API server returns them), one fixture per metric kind
 * and per case where the demand is absent: {@code demand/cases.csv} is the table.
 */
class MetricReadingsDemandTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @ParameterizedTest(name = "{0}: {1} ({2})")
    @CsvFileSource(resources = "demand/cases.csv", nullValues = "")
    void demandOfFixtureMatchesTheHpaFormula(String fixture, Double replicas, String metric) throws IOException {
        HorizontalPodAutoscaler hpa = read(fixture);

        Optional<Demand> demand =
                Demand.of(MetricReadings.of(hpa), hpa.getStatus().getCurrentReplicas());

        if (replicas == null) {
            assertTrue(demand.isEmpty(), () -> "no demand expected, got " + demand);
        } else {
            assertEquals(replicas, demand.orElseThrow().replicas(), 1e-9);
            assertEquals(metric, demand.orElseThrow().metric());
        }
    }

    private static HorizontalPodAutoscaler read(String fixture) throws IOException {
        try (InputStream in = MetricReadingsDemandTest.class.getResourceAsStream("demand/" + fixture + ".yaml")) {
            return SERIALIZATION.unmarshal(in, HorizontalPodAutoscaler.class);
        }
    }
}
