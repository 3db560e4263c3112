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
    void spikePoliciesSayHowOftenTheGuardFiredInTheTableAndTheJson() throws IOException {
        String hpa = "examples/demand/hpa-spike.yaml";
        String x5 = "examples/demand/surprise-x5.csv";

        int code = run("replay", "--timezone", "Europe/Paris", "--demand", x5, "--policy", "reactive,spike", hpa);

        assertEquals(0, code, err::toString);
        assertTrue(
                out.toString().contains("spike: the spike guard fired 1 time, first at 2026-06-02T15:13+02:00\n"),
                out::toString);
        assertEquals("", err.toString());

        out.getBuffer().setLength(0);
        code = run("replay", "--demand", x5, "--policy", "reactive,spike,schedule+spike", "--json", hpa);

        assertEquals(0, code, err::toString);
        JsonNode policies = new ObjectMapper().readTree(out.toString()).get("policies");
        assertTrue(policies.get(0).path("spike_triggers").isMissingNode(), "reactive runs no guard");
        for (int i = 1; i <= 2; i++) {
            assertEquals(1, policies.get(i).get("spike_triggers").asInt());
            assertEquals(
                    "2026-06-02T13:13:00Z",
                    policies.get(i).get("spike_trigger_times").get(0).asText());
        }
    }

    @Test
    void spikeWalkThroughInTheDocsIsWhatTheCommandPrints() throws IOException {
        String doc = Files.readString(Path.of("docs/replay.md"), StandardCharsets.UTF_8);
        String command = "--demand examples/demand/surprise-x5.csv examples/demand/hpa-spike.yaml\n";
        int start = doc.indexOf(command) + command.length();
        String shown = doc.substring(start, doc.indexOf("```", start));

        int code = run(
                "replay",
                "--timezone",
                "Europe/Paris",
                "--policy",
                "reactive,spike",
                "--demand",
                "examples/demand/surprise-x5.csv",
                "examples/demand/hpa-spike.yaml");

        assertEquals(0, code, err::toString);
        assertEquals(shown, out.toString());
    }

    @Test
    void spikePolicyOnAnHpaWithoutSpikeKeysRunsTheDefaultsAndSaysSo() {
        int code = run("replay", "--demand", "examples/demand/surprise-x10.csv", "--policy", "spike", HPA);

        assertEquals(0, code, err::toString);
        assertEquals(
                "replay: note: shop/web has no spike annotations: the spike policy runs the guard with its defaults",
                err.toString().strip());
        assertTrue(out.toString().contains("spike: the spike guard fired 1 time"), out::toString);
    }

    @Test
    void invalidSpikeAnnotationsAreBadInputNamingEveryKey() throws IOException {
        String manifest = Files.readString(Path.of("examples/demand/hpa-spike.yaml"), StandardCharsets.UTF_8)
                .replace(
                        "annotations.scaling.exporter.spike: \"on\"",
                        "annotations.scaling.exporter.spike: \"yes\"\n    annotations.scaling.exporter.spike.hold: \"-1m\"");
        Path file = Files.writeString(temp.resolve("hpa.yaml"), manifest);

        int code = run("replay", "--demand", EVENING, "--policy", "spike", file.toString());

        assertEquals(1, code);
        String message = err.toString().strip();
        assertTrue(
                message.startsWith("replay: shop/api: invalid spike annotations: annotations.scaling.exporter.spike:"
                        + " \"yes\" is not a spike guard mode"),
                message);
        assertTrue(message.contains("annotations.scaling.exporter.spike.hold: \"-1m\" is negative"), message);
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
