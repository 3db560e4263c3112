package io.prescaler.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prescaler.schedule.MetricEncoding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The patch planner on spec.metrics, written in the summary notation of {@link ReviewFixtures#summary}: CPU, D:hpa
 * (the direct block selecting that HPA), L:deployment (the legacy block as the webhook writes it), HAND (a
 * hand-written legacy block, here with a second label), "(none)" for no spec.metrics, "(empty)" for an empty list.
 * The HPA is named web and scales web-deploy.
 */
class MetricBlockPlannerTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A spec with the metrics the notation names. */
    static ObjectNode spec(String metrics) {
        ObjectNode spec = JSON.objectNode().put("maxReplicas", 20);
        if (metrics.equals("(none)")) {
            return spec;
        }
        ArrayNode list = spec.putArray("metrics");
        if (metrics.equals("(empty)")) {
            return spec;
        }
        for (String token : metrics.split(" ")) {
            list.add(metric(token));
        }
        return spec;
    }

    private static JsonNode metric(String token) {
        if (token.equals("CPU")) {
            ObjectNode cpu = JSON.objectNode().put("type", "Resource");
            cpu.putObject("resource")
                    .put("name", "cpu")
                    .putObject("target")
                    .put("type", "Utilization")
                    .put("averageUtilization", 70);
            return cpu;
        }
        if (token.equals("HAND")) {
            ObjectNode hand = PrescalingMetricBlock.of(MetricEncoding.LEGACY, "", "web-deploy");
            ((ObjectNode) hand.at("/external/metric/selector/matchLabels")).put("team", "shop");
            return hand;
        }
        String name = token.substring(2);
        return token.startsWith("D:")
                ? PrescalingMetricBlock.of(MetricEncoding.DIRECT, name, "")
                : PrescalingMetricBlock.of(MetricEncoding.LEGACY, "", name);
    }

    /** spec.metrics after the patch, applied by the independent RFC 6902 applier. */
    private static String after(ObjectNode spec, JsonPatch patch) {
        JsonNode hpa = JSON.objectNode().set("spec", spec);
        JsonNode patched = Rfc6902.apply(patch.toJson(), hpa);
        JsonNode metrics = patched.path("spec").path("metrics");
        return metrics.isMissingNode() ? "(none)" : metrics.isEmpty() ? "(empty)" : ReviewFixtures.summary(metrics);
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # mode | metrics before             | patch                                                   | metrics after         | kept hand-written
            DIRECT | (none)                     | add /spec/metrics                                       | D:web                 | false
            DIRECT | (empty)                    | add /spec/metrics/-                                     | D:web                 | false
            DIRECT | CPU                        | add /spec/metrics/-                                     | CPU D:web             | false
            DIRECT | CPU D:web                  | -                                                       | CPU D:web             | false
            DIRECT | D:old CPU                  | replace /spec/metrics/0                                 | D:web CPU             | false
            DIRECT | D:web CPU D:web D:other    | remove /spec/metrics/3, remove /spec/metrics/2          | D:web CPU             | false
            DIRECT | D:old CPU D:web            | replace /spec/metrics/0, remove /spec/metrics/2         | D:web CPU             | false
            DIRECT | CPU HAND                   | -                                                       | CPU HAND              | true
            DIRECT | CPU L:web-deploy           | -                                                       | CPU L:web-deploy      | true
            DIRECT | CPU L:web-deploy D:web     | remove /spec/metrics/2                                  | CPU L:web-deploy      | true
            LEGACY | CPU                        | add /spec/metrics/-                                     | CPU L:web-deploy      | false
            LEGACY | CPU L:old-deploy           | replace /spec/metrics/1                                 | CPU L:web-deploy      | false
            LEGACY | CPU L:web-deploy           | -                                                       | CPU L:web-deploy      | false
            LEGACY | D:web CPU                  | replace /spec/metrics/0                                 | L:web-deploy CPU      | false
            LEGACY | CPU HAND                   | -                                                       | CPU HAND              | true
            LEGACY | CPU HAND L:web-deploy      | remove /spec/metrics/2                                  | CPU HAND              | true
            """)
    void ensuresExactlyTheWantedBlockOnce_touchingNoOtherMetric(
            MetricEncoding mode, String before, String patch, String metricsAfter, boolean keptHandWritten) {
        ObjectNode spec = spec(before);

        MetricBlockPlanner.Plan plan =
                MetricBlockPlanner.ensure(spec, mode, PrescalingMetricBlock.of(mode, "web", "web-deploy"));

        assertEquals(patch, ReviewFixtures.operations(plan.patch()));
        assertEquals(metricsAfter, after(spec, plan.patch()));
        assertEquals(keptHandWritten, plan.keptHandWrittenLegacy());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'\"metrics\"'", "'{\"metrics\":{\"type\":\"Resource\"}}'", "'{\"metrics\":\"cpu\"}'"})
    void plansNothing_whenSpecOrItsMetricsAreNotWhatTheApiAllows(String spec) throws Exception {
        JsonNode node = WebhookHarness.JSON.readTree(spec);

        MetricBlockPlanner.Plan plan = MetricBlockPlanner.ensure(
                node, MetricEncoding.DIRECT, PrescalingMetricBlock.of(MetricEncoding.DIRECT, "web", ""));

        assertEquals(new MetricBlockPlanner.Plan(JsonPatch.EMPTY, false), plan);
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # mode | metrics before        | patch                                           | metrics after    | kept hand-written
            DIRECT | (none)                | -                                               | (none)           | false
            DIRECT | CPU                   | -                                               | CPU              | false
            DIRECT | CPU D:web             | remove /spec/metrics/1                          | CPU              | false
            DIRECT | D:a CPU D:b           | remove /spec/metrics/2, remove /spec/metrics/0  | CPU              | false
            DIRECT | CPU L:web-deploy      | -                                               | CPU L:web-deploy | true
            DIRECT | D:web                 | remove /spec/metrics/0                          | (empty)          | false
            LEGACY | CPU L:web-deploy      | remove /spec/metrics/1                          | CPU              | false
            LEGACY | CPU HAND D:web        | remove /spec/metrics/2                          | CPU HAND         | true
            """)
    void removesEveryInjectedBlock_keepingHandWrittenLegacyOnes(
            MetricEncoding mode, String before, String patch, String metricsAfter, boolean keptHandWritten) {
        ObjectNode spec = spec(before);

        MetricBlockPlanner.Plan plan = MetricBlockPlanner.removeAll(spec, mode);

        assertEquals(patch, ReviewFixtures.operations(plan.patch()));
        assertEquals(metricsAfter, after(spec, plan.patch()));
        assertEquals(keptHandWritten, plan.keptHandWrittenLegacy());
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # mode | metrics before            | patch                   | metrics after
            DIRECT | (none)                    | -                       | (none)
            DIRECT | CPU D:web                 | -                       | CPU D:web
            DIRECT | CPU D:old                 | remove /spec/metrics/1  | CPU
            DIRECT | CPU L:old-deploy          | -                       | CPU L:old-deploy
            LEGACY | CPU L:web-deploy          | -                       | CPU L:web-deploy
            LEGACY | CPU L:old-deploy          | remove /spec/metrics/1  | CPU
            LEGACY | D:old CPU HAND            | remove /spec/metrics/0  | CPU HAND
            LEGACY | D:web CPU L:old-deploy    | remove /spec/metrics/2  | D:web CPU
            """)
    void removesOnlyInjectedBlocksThatNameAnotherHpaOrTarget(
            MetricEncoding mode, String before, String patch, String metricsAfter) {
        ObjectNode spec = spec(before);

        JsonPatch stale = MetricBlockPlanner.removeStale(spec, mode, "web", "web-deploy");

        assertEquals(patch, ReviewFixtures.operations(stale));
        assertEquals(metricsAfter, after(spec, stale));
    }
}
