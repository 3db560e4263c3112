package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} end to end on the shipped example: the README walk-through. */
class ReplayCommandTest {

    private static final String HPA = "examples/demand/hpa-evening.yaml";
    private static final String EVENING = "examples/demand/prime-time-evening.csv";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    private int run(String... args) {
        return Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
                .execute(args);
    }

    @Test
    void jsonHasTheDocumentedKeysForEachPolicyInOrder() throws IOException {
        int code = run("replay", "--demand", EVENING, "--json", HPA);

        assertEquals(0, code, err::toString);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertEquals("shop/web", report.get("hpa").asText());
        assertEquals("2026-05-30T16:00:00Z", report.get("from").asText());
        assertEquals("2026-05-30T21:59:00Z", report.get("to").asText());
        assertEquals(2, report.get("policies").size());
        assertEquals("reactive", report.get("policies").get(0).get("policy").asText());
        assertEquals("schedule", report.get("policies").get(1).get("policy").asText());
        for (JsonNode policy : report.get("policies")) {
            for (String key : new String[] {
                "under_provisioned_replica_minutes",
                "peak_shortfall",
                "minutes_short",
                "late_at_onset_p50_s",
                "late_at_onset_max_s",
                "pod_hours",
                "extra_pod_hours_vs_reactive"
            }) {
                assertTrue(policy.get(key).isNumber(), () -> key + " in " + policy);
            }
        }
        JsonNode reactive = report.get("policies").get(0);
        JsonNode schedule = report.get("policies").get(1);
        assertTrue(
                schedule.get("peak_shortfall").asDouble()
                        < reactive.get("peak_shortfall").asDouble() / 4,
                "holding 32 from 20:55 absorbs the x5 rise at 21:00");
        assertTrue(schedule.get("extra_pod_hours_vs_reactive").asDouble() > 0);
    }

    @Test
    void walkThroughInTheDocsIsWhatTheCommandPrints() throws IOException {
        String doc = Files.readString(Path.of("docs/replay.md"), StandardCharsets.UTF_8);
        String command = "examples/demand/prime-time-evening.csv examples/demand/hpa-evening.yaml\n";
        int start = doc.indexOf(command) + command.length();
        String shown = doc.substring(start, doc.indexOf("```", start));

        int code = run("replay", "--timezone", "Europe/Paris", "--demand", EVENING, HPA);

        assertEquals(0, code, err::toString);
        assertEquals(shown, out.toString());
    }

    @Test
    void tablePrintsOneRowPerPolicyAndTheSvgDrawsEach() throws IOException {
        Path svg = temp.resolve("replay.svg");

        int code = run("replay", "--demand", EVENING, "--policy", "schedule", "--svg", svg.toString(), HPA);

        assertEquals(0, code, err::toString);
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("schedule ")), out::toString);
        assertTrue(out.toString().lines().noneMatch(l -> l.startsWith("reactive ")), out::toString);
        String chart = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(chart.contains("Ready pods, schedule"));
        assertEquals(2, chart.split("<polyline").length - 1, "the demand and one policy");
    }

    @Test
    void badDemandRowIsBadInputNamingTheLine() throws IOException {
        Path csv = Files.writeString(temp.resolve("d.csv"), "time,demand\n0,1\n60,lots\n");

        int code = run("replay", "--demand", csv.toString(), HPA);

        assertEquals(1, code);
        assertEquals(
                "replay: " + csv + ": line 3: demand 'lots' is not a decimal >= 0 (replicas, for example 12 or"
                        + " 4.5)",
                err.toString().strip());
    }

    @Test
    void missingDemandFileIsNamed() {
        int code = run("replay", "--demand", "nope.csv", HPA);

        assertEquals(1, code);
        assertEquals("replay: nope.csv: no such file", err.toString().strip());
    }

    @Test
    void unknownPolicyIsAUsageError() {
        assertEquals(2, run("replay", "--demand", EVENING, "--policy", "magic", HPA));
    }

    @Test
    void fractionalPodStartupIsAUsageError() {
        int code = run("replay", "--demand", EVENING, "--pod-startup", "1500ms", HPA);

        assertEquals(2, code);
        assertTrue(
                err.toString()
                        .contains(
                                "Invalid value for option '--pod-startup': '1500ms' is not a whole number of seconds"),
                err::toString);
    }

    @Test
    void podStartupBeyondAnHourIsAUsageError() {
        int code = run("replay", "--demand", EVENING, "--pod-startup", "2h", HPA);

        assertEquals(2, code);
        assertTrue(err.toString().contains("--pod-startup must be whole seconds from 0s to 1h, got 2h"), err::toString);
    }

    @Test
    void spanBeyondAQuarterIsRefused() {
        int code = run(
                "replay", "--demand", EVENING, "--from", "2026-01-01T00:00:00Z", "--to", "2026-06-01T00:00:00Z", HPA);

        assertEquals(1, code);
        assertTrue(err.toString().contains("more than 92 days"), err::toString);
    }
}
