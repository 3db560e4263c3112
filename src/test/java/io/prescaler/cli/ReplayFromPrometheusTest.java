package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prescaler.testing.PrometheusServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code replay --prometheus-url}: the example evening curve, moved by whole days to just before now, backfilled
 * into a real Prometheus as the exporter's demand series of the example HPA, and replayed from there.
 */
class ReplayFromPrometheusTest {

    static final String HPA = "examples/demand/hpa-evening.yaml";

    @TempDir
    static Path directory;

    static PrometheusServer prometheus;
    static Path shiftedCsv;
    static String from;
    static String to;

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void backfillTheEveningCurve() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("examples/demand/prime-time-evening.csv"));
        List<Long> seconds = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            seconds.add(OffsetDateTime.parse(cells[0]).toEpochSecond());
            values.add(Double.parseDouble(cells[1]));
        }
        long last = seconds.get(seconds.size() - 1);
        long days = (Instant.now().getEpochSecond() - 600 - last) / 86_400;
        long shift = days * 86_400;
        StringBuilder csv = new StringBuilder("time,demand\n");
        long[] times = new long[seconds.size()];
        double[] demand = new double[seconds.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = seconds.get(i) + shift;
            demand[i] = values.get(i);
            csv.append(times[i])
                    .append(',')
                    .append(rows.get(i + 1).split(",")[1])
                    .append('\n');
        }
        shiftedCsv = directory.resolve("evening.csv");
        Files.writeString(shiftedCsv, csv);
        from = Long.toString(times[0]);
        to = Long.toString(times[times.length - 1]);
        prometheus = PrometheusServer.start(
                directory,
                new PrometheusServer.History()
                        .series(
                                "prescaling_demand_replicas",
                                Map.of("namespace", "shop", "hpa", "web"),
                                times,
                                demand));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Prescaler.commandLine(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void replaysTheDemandReadFromPrometheusAsTheSameCurveFromItsCsv() throws Exception {
        Run fromCsv = run("replay", "--demand", shiftedCsv.toString(), "--from", from, "--to", to, "--json", HPA);
        Run fromPrometheus = run(
                "replay", "--prometheus-url", prometheus.url().toString(), "--from", from, "--to", to, "--json", HPA);

        assertEquals(0, fromCsv.code(), fromCsv.err());
        assertEquals(0, fromPrometheus.code(), fromPrometheus.err());
        JsonNode expected = new ObjectMapper().readTree(fromCsv.out());
        JsonNode actual = new ObjectMapper().readTree(fromPrometheus.out());
        assertEquals(expected, actual);
        assertTrue(actual.get("policies")
                        .get(0)
                        .get("under_provisioned_replica_minutes")
                        .asDouble()
                > 0);
    }

    @Test
    void readsTheGivenQueryInsteadOfTheDefaultSignal() throws Exception {
        Run doubled = run(
                "replay",
                "--prometheus-url",
                prometheus.url().toString(),
                "--query",
                "2 * max(prescaling_demand_replicas{hpa=\"web\"})",
                "--from",
                from,
                "--to",
                to,
                "--json",
                HPA);
        Run plain = run(
                "replay", "--prometheus-url", prometheus.url().toString(), "--from", from, "--to", to, "--json", HPA);

        assertEquals(0, doubled.code(), doubled.err());
        double more = new ObjectMapper()
                .readTree(doubled.out())
                .get("policies")
                .get(0)
                .get("pod_hours")
                .asDouble();
        double less = new ObjectMapper()
                .readTree(plain.out())
                .get("policies")
                .get(0)
                .get("pod_hours")
                .asDouble();
        assertTrue(more > less, more + " pod-hours for twice the demand, " + less + " for the demand");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "max(prescaling_demand_replicas   | (query_error): Prometheus http",
                "max(prescaling_demand_replicas{hpa=\"nowhere\"}) | (empty): Prometheus http",
                "prescaling_demand_replicas + on() group_left vector(0) or vector(1) | (not_one_series)",
            })
    void namesWhatPrometheusAnsweredAndExitsOne(String promql, String message) {
        Run run = run(
                "replay",
                "--prometheus-url",
                prometheus.url().toString(),
                "--query",
                promql,
                "--from",
                from,
                "--to",
                to,
                HPA);

        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("the demand could not be read " + message), run.err());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--prometheus-url http://127.0.0.1:1 --demand x.csv | either with --demand FILE.csv or from Prometheus",
                "''                                                 | either with --demand FILE.csv or from Prometheus",
                "--prometheus-url http://127.0.0.1:1 --to 0         | needs --from and --to",
                "--demand x.csv --query up                          | it needs --prometheus-url",
                "--prometheus-url http://127.0.0.1:1 --from 0 --to 60 --step 2h | --step must be whole seconds",
            })
    void refusesAnAmbiguousOrIncompleteDemandSourceWithExitTwo(String args, String message) {
        List<String> arguments = new ArrayList<>(List.of("replay"));
        if (!args.isBlank()) {
            arguments.addAll(List.of(args.trim().split("\\s+")));
        }
        arguments.add(HPA);
        Run run = run(arguments.toArray(String[]::new));

        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains(message), run.err());
    }
}
