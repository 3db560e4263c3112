package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast's goals, measured with {@code replay} on the shipped four-week curve, the last week held out (the
 * forecast learns, at each refresh, from the demand before it, so the first three weeks train it), pod start-up
 * 60 s, pipeline 30 s. The figures are deterministic; docs/forecast.md states them.
 */
class ForecastBacktestTest {

    static final String HPA = "examples/demand/hpa-forecast.yaml";
    static final String CURVE = "examples/demand/four-weeks.csv";
    static final String HELD_OUT = "2026-05-25T00:00:00+02:00";

    private static final Map<String, JsonNode> POLICIES = new HashMap<>();
    private static String notes;

    @TempDir
    Path temp;

    private static int run(StringWriter out, StringWriter err, String... args) {
        return Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
                .execute(args);
    }

    @BeforeAll
    static void replayTheHeldOutWeek() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(
                out,
                err,
                "replay",
                "--timezone",
                "Europe/Paris",
                "--demand",
                CURVE,
                "--from",
                HELD_OUT,
                "--pod-startup",
                "60s",
                "--pipeline-delay",
                "30s",
                "--policy",
                "reactive,forecast,last-week,schedule+forecast",
                "--json",
                HPA);
        assertEquals(0, code, err::toString);
        for (JsonNode policy : new ObjectMapper().readTree(out.toString()).get("policies")) {
            POLICIES.put(policy.get("policy").asText(), policy);
        }
        notes = err.toString();
    }

    private static double figure(String policy, String key) {
        return POLICIES.get(policy).get(key).asDouble();
    }

    @Test
    void forecastCutsUnderProvisionedReplicaMinutesByAtLeastEightyPercentVsReactive() {
        double reactive = figure("reactive", "under_provisioned_replica_minutes");
        double forecast = figure("forecast", "under_provisioned_replica_minutes");
        assertEquals(473.15, reactive, 0.01);
        assertEquals(63.875, forecast, 0.001);
        assertTrue(forecast <= 0.2 * reactive, forecast + " vs " + reactive);
    }

    @Test
    void forecastCostsAtMostHalfTheExtraPodHoursOfLastWeek() {
        double forecast = figure("forecast", "extra_pod_hours_vs_reactive");
        double lastWeek = figure("last-week", "extra_pod_hours_vs_reactive");
        assertEquals(73.125, forecast, 0.001);
        assertEquals(175.204, lastWeek, 0.001);
        assertTrue(forecast <= lastWeek / 2, forecast + " vs " + lastWeek);
    }

    @Test
    void aForecastOnlyHpaHasNoScheduleSoScheduleAndForecastIsTheForecast() {
        assertEquals(
                POLICIES.get("forecast").get("pod_hours"),
                POLICIES.get("schedule+forecast").get("pod_hours"));
        assertTrue(
                notes.contains("replay: forecast: horizon 15m, headroom calibrated, local time in Europe/Paris,"
                        + " refreshed every 5m; 0 event spans left out of training"),
                notes);
    }

    @Test
    void leavesTheEventsOfTheEventsFileOutOfTrainingAndSaysHowMany() throws IOException {
        Path events = temp.resolve("events.yaml");
        Files.writeString(
                events,
                """
                - name: breaking-news
                  multiplier: 1.5
                  start: 2026-05-20T20:00
                  end: 2026-05-20T20:30
                - name: elsewhere
                  multiplier: 2
                  start: 2026-05-21T20:00
                  end: 2026-05-21T20:30
                  namespaces: [other]
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = run(
                out,
                err,
                "replay",
                "--timezone",
                "Europe/Paris",
                "--demand",
                CURVE,
                "--from",
                HELD_OUT,
                "--events",
                events.toString(),
                "--policy",
                "forecast",
                "--json",
                HPA);

        assertEquals(0, code, err::toString);
        assertTrue(err.toString().contains("; 1 event span left out of training"), err::toString);
    }

    @Test
    void saysWhenTheForecastWasNotReadyAndWhy() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = run(
                out,
                err,
                "replay",
                "--timezone",
                "Europe/Paris",
                "--demand",
                CURVE,
                "--to",
                "2026-05-07T00:00:00+02:00",
                "--policy",
                "forecast",
                HPA);

        assertEquals(0, code, err::toString);
        assertTrue(
                err.toString()
                        .contains("replay: note: no forecast at 576 of its refreshes, from 2026-05-04T00:00+02:00 to"
                                + " 2026-05-05T23:55+02:00 (1d23h55m of history, 2 days needed for the daily season):"
                                + " the forecast policies hold no forecast floor then"),
                err::toString);
    }

    @Test
    void refusesBadForecastAnnotationsWithTheWindowsProblemsInOneLine() throws IOException {
        Path hpa = temp.resolve("hpa.yaml");
        Files.writeString(
                hpa,
                Files.readString(Path.of(HPA))
                        .replace(
                                "annotations.scaling.exporter.forecast: \"preview\"",
                                "annotations.scaling.exporter.forecast: \"maybe\"\n"
                                        + "    annotations.scaling.exporter.forecast.horizon: \"1d\"\n"
                                        + "    annotations.scaling.exporter.replica.min: \"0\""));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = run(out, err, "replay", "--demand", CURVE, "--policy", "forecast", hpa.toString());

        assertEquals(1, code);
        String message = err.toString();
        assertTrue(message.contains("shop/front: invalid prescaling annotations: "), message);
        for (String key : new String[] {"replica.min", "time.start", "forecast:", "forecast.horizon"}) {
            assertTrue(message.contains("annotations.scaling.exporter." + key), key + " in " + message);
        }
        assertEquals(1, message.strip().lines().count(), message);
    }
}
