package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** manifests/grafana-dashboard.json is valid JSON and queries only what the exporter exports. */
class GrafanaDashboardTest {

    /** Prescaler's metric names; anything else in a query (le, rate, pod, time...) is PromQL or Prometheus's. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:prescaling|annotation_scaling)_[A-Za-z0-9_:]*");

    private static JsonNode dashboard;
    private static List<String> queries;

    @BeforeAll
    static void read() throws IOException {
        dashboard =
                new ObjectMapper().readTree(Files.readString(Repository.MANIFESTS.resolve("grafana-dashboard.json")));
        queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                queries.add(
                        query.isTextual() ? query.asText() : query.path("query").asText());
            }
        }
    }

    @Test
    void queriesOnlyMetricsTheExporterExports() {
        Set<String> exported = ExportedMetrics.seriesNames();

        assertFalse(queries.isEmpty());
        assertAll(queries.stream().map(query -> () -> {
            List<String> used = metricNames(query);
            assertFalse(used.isEmpty(), "queries no Prescaler metric: " + query);
            for (String name : used) {
                assertTrue(
                        exported.contains(name), name + " is not exported (in: " + query + "); exported: " + exported);
            }
        }));
    }

    @Test
    void showsTheEffectiveMinimumAgainstCurrentReplicasActiveEventsAndAnnotationErrors() {
        assertAll(
                () -> assertTrue(aPanelQueriesAll("prescaling_effective_min_replicas", "prescaling_current_replicas")),
                () -> assertTrue(aPanelQueriesAll("prescaling_event_info")),
                () -> assertTrue(aPanelQueriesAll("prescaling_annotation_error")),
                () -> assertTrue(aPanelQueriesAll("prescaling_exporter_stale")));
    }

    @Test
    void showsDemandAgainstMinimumAndReplicasTheSourceTheShortfallAndTheTimeToMinimum() {
        assertAll(
                () -> assertTrue(aPanelQueriesAll(
                        "prescaling_demand_replicas",
                        "prescaling_effective_min_replicas",
                        "prescaling_current_replicas")),
                () -> assertTrue(aPanelQueriesAll("prescaling_min_source")),
                () -> assertTrue(aPanelQueriesAll("prescaling_shortfall_replicas")),
                () -> assertTrue(aPanelQueriesAll("prescaling_time_to_minimum_seconds_bucket")));
    }

    @Test
    void showsTheSpikeGuardsFloorAgainstTheDemandAndItsSignals() {
        assertAll(
                () -> assertTrue(aPanelQueriesAll(
                        "prescaling_spike_floor_replicas", "prescaling_demand_replicas", "prescaling_spike_active")),
                () -> assertTrue(aPanelQueriesAll("prescaling_demand_velocity", "prescaling_demand_acceleration")));
    }

    @Test
    void everyPanelUsesTheDashboardsDataSourceVariable() {
        for (JsonNode panel : dashboard.path("panels")) {
            assertEquals(
                    "${datasource}",
                    panel.path("datasource").path("uid").asText(),
                    panel.path("title").asText());
        }
    }

    private static boolean aPanelQueriesAll(String... names) {
        for (JsonNode panel : dashboard.path("panels")) {
            Set<String> used = new HashSet<>();
            panel.findValues("expr").forEach(expr -> used.addAll(metricNames(expr.asText())));
            if (used.containsAll(List.of(names))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> metricNames(String query) {
        List<String> names = new ArrayList<>();
        Matcher matcher = METRIC.matcher(query);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
