package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.prescaler.schedule.MetricEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prometheus-adapter rules serve both metric names, namespaced, and never sum duplicate series (docs/hpa-model.md §5).
 */
class PrometheusAdapterRulesTest {

    /** The label each encoding's metric selector names (what the webhook injects). */
    private static final Map<String, String> SELECTOR_LABEL = Map.of(
            MetricEncoding.DIRECT.metricName(), "hpa",
            MetricEncoding.LEGACY.metricName(), "deployment");

    private static List<JsonNode> rules;

    @BeforeAll
    static void read() throws IOException {
        List<JsonNode> documents = StrictManifestReader.documents(
                Files.readString(Repository.MANIFESTS.resolve("prometheus-adapter-rules.yaml")));
        assertEquals(1, documents.size());
        assertEquals(Set.of("externalRules"), fieldNames(documents.get(0)), "only external rules");
        rules = StreamSupport.stream(documents.get(0).path("externalRules").spliterator(), false)
                .toList();
    }

    @Test
    void servesBothEncodingsUnderTheirOwnNames() {
        Set<String> served =
                rules.stream().map(r -> r.path("name").path("as").asText()).collect(Collectors.toSet());

        assertEquals(Set.of(MetricEncoding.DIRECT.metricName(), MetricEncoding.LEGACY.metricName()), served);
        assertTrue(ExportedMetrics.seriesNames().containsAll(served));
    }

    @Test
    void aggregatesWithMaxSoDuplicateSeriesNeverSum() {
        assertAll(rules.stream().map(rule -> () -> {
            String query = rule.path("metricsQuery").asText();
            assertEquals(
                    "max(<<.Series>>{<<.LabelMatchers>>})",
                    query,
                    rule.path("name").path("as").asText());
        }));
    }

    @Test
    void isNamespacedOnTheExportersNamespaceLabel() {
        assertAll(rules.stream().map(rule -> () -> {
            JsonNode resources = rule.path("resources");
            assertFalse(
                    resources.path("namespaced").isBoolean()
                            && !resources.path("namespaced").asBoolean(),
                    "namespaced: false would let HPAs read other namespaces' series");
            assertEquals(
                    "namespace",
                    resources
                            .path("overrides")
                            .path("namespace")
                            .path("resource")
                            .asText());
        }));
    }

    @Test
    void discoversSeriesThatCarryTheLabelsTheHpaSelectorAndTheAdapterMatchOn() {
        assertAll(rules.stream().map(rule -> () -> {
            String name = rule.path("name").path("as").asText();
            String series = rule.path("seriesQuery").asText();
            assertTrue(series.startsWith(name + "{"), series);
            assertTrue(series.contains("namespace!=\"\""), series);
            assertTrue(series.contains(SELECTOR_LABEL.get(name) + "!=\"\""), series);
        }));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
