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

/** The facts the exporter reads from an HPA object carry its demand, as the table of the demand fixtures says. */
class HpaFactsTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @ParameterizedTest(name = "{0}: {1} ({2})")
    @CsvFileSource(resources = "demand/cases.csv", nullValues = "")
    void readsTheDemandWithTheOtherFacts(String fixture, Double replicas, String metric) throws IOException {
        HpaFacts facts;
        try (InputStream in = HpaFactsTest.class.getResourceAsStream("demand/" + fixture + ".yaml")) {
            facts = HpaFacts.of(SERIALIZATION.unmarshal(in, HorizontalPodAutoscaler.class));
        }

        Optional<Demand> demand = facts.demand();
        if (replicas == null) {
            assertTrue(demand.isEmpty(), () -> "no demand expected, got " + demand);
        } else {
            assertEquals(replicas, demand.orElseThrow().replicas(), 1e-9);
            assertEquals(metric, demand.orElseThrow().metric());
        }
    }
}
