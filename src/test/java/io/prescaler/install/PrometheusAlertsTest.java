package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.prescaler.testing.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The alerts ship twice, as a plain Prometheus rules file and as the Prometheus Operator's PrometheusRule, with the
 * same groups; promtool checks them and runs their unit tests.
 */
class PrometheusAlertsTest {

    private static final Path RULES = Repository.MANIFESTS.resolve("prometheus-alerts.yaml");
    private static final Path PROMETHEUS_RULE =
            Repository.KUSTOMIZE.resolve("components/prometheus-operator/prometheusrule.yaml");
    private static final Path UNIT_TESTS =
            Repository.ROOT.resolve("src/test/resources/io/prescaler/install/alerts-test.yaml");

    /** kube-state-metrics' series the minimum-not-reached alert compares with. */
    private static final Set<String> KUBE_STATE_METRICS = Set.of("kube_deployment_status_replicas_available");

    private static final Pattern METRIC = Pattern.compile("\\b(?:prescaling|annotation_scaling|kube)_[A-Za-z0-9_:]*");

    @Test
    void passesPromtoolCheckRules() throws Exception {
        Promtool.checkRules(RULES);
    }

    @Test
    void passesItsPromtoolUnitTests() throws Exception {
        Promtool.testRules(UNIT_TESTS);
    }

    @Test
    void thePrometheusRuleHoldsTheRulesFilesGroups() throws IOException {
        JsonNode file = single(RULES);
        JsonNode rule = single(PROMETHEUS_RULE);

        assertEquals(Set.of("groups"), fieldNames(file), "a rules file holds its groups only");
        assertEquals(file.path("groups"), rule.path("spec").path("groups"));
    }

    @Test
    void alertsTheExporterAbsentStaleNotSyncedAnInvalidAnnotationAndAMinimumNotReached() throws IOException {
        assertEquals(
                List.of(
                        "PrescalerExporterAbsent",
                        "PrescalerExporterNotSynced",
                        "PrescalerExporterStale",
                        "PrescalingAnnotationInvalid",
                        "PrescalingMinimumNotReached"),
                single(RULES).findValuesAsText("alert"));
    }

    @Test
    void queriesOnlySeriesTheExporterAndKubeStateMetricsServe() throws IOException {
        Set<String> known = new TreeSet<>(ExportedMetrics.seriesNames());
        known.addAll(KUBE_STATE_METRICS);

        List<String> expressions = single(RULES).findValuesAsText("expr");
        assertAll(expressions.stream().map(expr -> () -> {
            Matcher matcher = METRIC.matcher(expr);
            while (matcher.find()) {
                assertTrue(known.contains(matcher.group()), matcher.group() + " is not served; in: " + expr);
            }
        }));
    }

    @Test
    void everyAlertHasASeverityASummaryAndADescription() throws IOException {
        List<JsonNode> rules = single(RULES).findValues("rules").stream()
                .flatMap(list -> java.util.stream.StreamSupport.stream(list.spliterator(), false))
                .toList();
        assertAll(rules.stream().map(rule -> () -> {
            String alert = rule.path("alert").asText();
            assertTrue(
                    Set.of("critical", "warning")
                            .contains(rule.at("/labels/severity").asText()),
                    alert);
            assertTrue(!rule.at("/annotations/summary").asText().isEmpty(), alert + " summary");
            assertTrue(!rule.at("/annotations/description").asText().isEmpty(), alert + " description");
            assertTrue(!rule.path("for").asText().isEmpty(), alert + " fires on a blip");
        }));
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void theVariantsWithThePrometheusOperatorInstallTheAlerts(InstallVariant variant) {
        List<CustomResources.PrometheusRule> rules =
                RenderedInstall.of(variant).all(CustomResources.PrometheusRule.class);

        assertEquals(variant.prometheusOperator() ? 1 : 0, rules.size());
        rules.forEach(rule ->
                assertEquals(variant.expectedNamespace(), rule.metadata().getNamespace()));
    }

    private static JsonNode single(Path file) throws IOException {
        List<JsonNode> documents = StrictManifestReader.documents(Files.readString(file));
        assertEquals(1, documents.size(), file + " holds one document");
        return documents.get(0);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
