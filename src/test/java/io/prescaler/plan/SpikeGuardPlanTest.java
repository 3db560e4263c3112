package io.prescaler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.cli.Prescaler;
import io.prescaler.hpa.Behavior;
import io.prescaler.hpa.ScalingPolicy;
import io.prescaler.hpa.ScalingRules;
import io.prescaler.hpa.ToleranceTest;
import io.prescaler.kube.HpaFacts;
import io.prescaler.spike.SpikeMode;
import io.prescaler.spike.SpikeSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code plan} says of a spike guard: its settings, and whether the HPA's behavior lets it follow the floor. */
class SpikeGuardPlanTest {

    private static final String DIR = "src/test/resources/io/prescaler/plan/spike/";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
                .execute(args);
    }

    private static HpaFacts facts(int current, int min, int max) {
        return new HpaFacts("shop", "api", "api", Map.of(), Map.of(), max, current, List.of(), min);
    }

    private static Optional<Behavior> scaleUp(String selectPolicy, int stabilization, ScalingPolicy... policies) {
        return Optional.of(Behavior.defaults()
                .withScaleUp(new ScalingRules(
                        OptionalInt.of(stabilization),
                        ScalingRules.SelectPolicy.valueOf(selectPolicy),
                        List.of(policies),
                        OptionalDouble.empty())));
    }

    @ParameterizedTest(name = "{0}: warns {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            API defaults (100 % or 4 pods per 15 s)  | false
            legacy path (no behavior)                | false
            1 pod a minute                           | true
            100 % per 15 s after a 3 min window      | true
            10 % per minute                          | true
            disabled                                 | true
            """)
    void warnsWhenTheScaleUpBehaviorIsSlowerThanTheGuardsFloor(String behavior, boolean warns) {
        Optional<Behavior> rules =
                switch (behavior) {
                    case "API defaults (100 % or 4 pods per 15 s)" -> Optional.of(Behavior.defaults());
                    case "legacy path (no behavior)" -> Optional.empty();
                    case "1 pod a minute" -> scaleUp("MAX", 0, ScalingPolicy.pods(1, 60));
                    case "100 % per 15 s after a 3 min window" -> scaleUp("MAX", 180, ScalingPolicy.percent(100, 15));
                    case "10 % per minute" -> scaleUp("MAX", 0, ScalingPolicy.percent(10, 60));
                    default -> scaleUp("DISABLED", 0, ScalingPolicy.pods(4, 15));
                };
        SpikeGuardPlan plan = new SpikeGuardPlan(facts(10, 2, 100), SpikeSettings.defaults(SpikeMode.ON), rules);

        List<String> warnings = plan.warnings(ToleranceTest.FROM_1_33);

        assertEquals(warns, !warnings.isEmpty(), warnings::toString);
    }

    @Test
    void saysHowLongASlowBehaviorTakesAgainstTheLookahead() {
        SpikeGuardPlan plan = new SpikeGuardPlan(
                facts(10, 2, 100), SpikeSettings.defaults(SpikeMode.ON), scaleUp("MAX", 0, ScalingPolicy.pods(1, 60)));

        assertEquals(
                List.of("spec.behavior.scaleUp is slower than the spike guard: from 10 to 20 replicas (x2, the largest"
                        + " raise the guard asks at once) the HPA gets there in 9m, later than the guard's lookahead of"
                        + " 2m; allow faster scale-ups (the API default: 100 % or 4 pods per 15 s) or expect the floor"
                        + " late"),
                plan.warnings(ToleranceTest.FROM_1_33));
    }

    @Test
    void describesTheSettingsInOneLine() {
        SpikeGuardPlan plan =
                new SpikeGuardPlan(facts(10, 2, 100), SpikeSettings.defaults(SpikeMode.PREVIEW), Optional.empty());

        assertEquals(
                "shop/api: spike guard preview (exported, never raises the minimum): fires at velocity 30%/min or"
                        + " acceleration 12%/min², floor 2m ahead (at most x2 the demand, 100 max), holds 5m after both"
                        + " calm",
                plan.describe());
    }

    @Test
    void planShowsTheSpikeGuardAfterTheTableWithTheBehaviorWarning() {
        int code = run("plan", "--date", "2026-06-02", "--timezone", "Europe/Paris", DIR + "slow-scale-up.yaml");

        assertEquals(0, code, err::toString);
        String text = out.toString();
        assertTrue(text.contains("shop/slow: min 12 from 19:00 to 23:00"), text);
        assertTrue(
                text.contains("Spike guards (the floor they raise depends on live demand, see docs/spike.md):\n"
                        + "  shop/slow: spike guard on: fires at velocity 30%/min or acceleration 12%/min², floor 1m30s"
                        + " ahead (at most x2 the demand, 100 max), holds 5m after both calm\n"
                        + "    warning: spec.behavior.scaleUp is slower than the spike guard: from 10 to 20 replicas"),
                text);
    }

    @Test
    void planOfAnHpaWithOnlyTheSpikeGuardShowsItsSettings() {
        int code = run("plan", "--date", "2026-06-02", "examples/demand/hpa-spike.yaml");

        assertEquals(0, code, err::toString);
        assertEquals(
                "Spike guards (the floor they raise depends on live demand, see docs/spike.md):\n"
                        + "  shop/api: spike guard on: fires at velocity 30%/min or acceleration 12%/min², floor 2m"
                        + " ahead (at most x2 the demand, 120 max), holds 5m after both calm\n",
                out.toString());
    }

    @Test
    void planRefusesBadSpikeKeysWithTheWindowsProblemsInOneLine() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("plan-spike", ".yaml");
        java.nio.file.Files.writeString(
                file,
                java.nio.file.Files.readString(java.nio.file.Path.of(DIR + "slow-scale-up.yaml"))
                        .replace("\"12\"", "\"0\"")
                        .replace("lookahead: \"90s\"", "lookahead: \"2h\""));

        int code = run("plan", "--date", "2026-06-02", file.toString());

        assertEquals(1, code);
        assertEquals(
                "plan: shop/slow: invalid prescaling annotations: annotations.scaling.exporter.replica.min: \"0\" is not"
                        + " a whole number of replicas >= 1 (for example \"25\");"
                        + " annotations.scaling.exporter.spike.lookahead: \"2h\" is too long: how far ahead the spike"
                        + " floor looks, a duration from 0s to 30m (for example \"2m\" or \"90s\")",
                err.toString().strip());
    }
}
