package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.history.PrometheusSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The exporter's forecast and Prometheus flags: defaults, environment, and every bad value refused at start-up. */
class ExporterForecastFlagsTest {

    record Run(int exitCode, String err) {}

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Prescaler.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(code, err.toString());
    }

    private static ExporterCommand parse(Map<String, String> environment, String... args) {
        List<CommandLine> parsed =
                Prescaler.commandLine(environment).parseArgs(args).asCommandLineList();
        return (ExporterCommand) parsed.get(parsed.size() - 1).getCommand();
    }

    @Test
    void defaultsReadNoHistoryAndRefreshEveryFiveMinutes() {
        ExporterCommand exporter = parse(Map.of(), "exporter");
        assertEquals(Optional.empty(), exporter.prometheus.settings());
        assertEquals(Duration.ofMinutes(5), exporter.forecastInterval);
        assertEquals(Duration.ofMinutes(30), exporter.forecastStaleAfter);
        assertEquals(4, exporter.forecastConcurrency);
        assertEquals(Duration.ofDays(28), exporter.forecastHistory);
        assertEquals(Duration.ofMinutes(5), exporter.forecastStep);
        assertEquals(Duration.ofMinutes(15), exporter.forecastHorizon);
        assertEquals("prescaling-events", exporter.eventsConfigMap.toString());
    }

    @Test
    void readsThePrometheusFlagsAndRepeatedHeaders() {
        ExporterCommand exporter = parse(
                Map.of("PRESCALER_PROMETHEUS_URL", "http://mimir/prometheus"),
                "exporter",
                "--prometheus-bearer-token-file",
                "/var/run/secrets/token",
                "--prometheus-header",
                "X-Scope-OrgID=tenant-1",
                "--prometheus-header",
                "X-Extra=a=b",
                "--prometheus-timeout",
                "10s");
        PrometheusSettings settings = exporter.prometheus.settings().orElseThrow();
        assertEquals(URI.create("http://mimir/prometheus"), settings.url());
        assertEquals(Optional.of(Path.of("/var/run/secrets/token")), settings.bearerTokenFile());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Scope-OrgID", "tenant-1");
        headers.put("X-Extra", "a=b");
        assertEquals(headers, settings.headers());
        assertEquals(Duration.ofSeconds(10), settings.timeout());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--forecast-step 90s                  | --forecast-step must be whole minutes",
                "--forecast-horizon 7h                | --forecast-horizon must be from 1m to 6h",
                "--forecast-concurrency 65            | --forecast-concurrency must be from 1 to 64",
                "--forecast-history 5m                | --forecast-history must hold from 2 to 40320 steps",
                "--prometheus-url ftp://prometheus    | is not an http:// or https:// URL",
                "--prometheus-ca-file /tmp/ca.pem     | need --prometheus-url",
                "--prometheus-url http://p --prometheus-header Host=x | set by the client itself",
                "--prometheus-header X-Scope-OrgID    | should be in KEY=VALUE format",
            })
    void refusesABadForecastOrPrometheusFlagBeforeConnecting(String args, String message) {
        List<String> arguments = new java.util.ArrayList<>(List.of("exporter", "--kubeconfig", "/nonexistent/config"));
        arguments.addAll(List.of(args.trim().split("\\s+")));
        Run run = run(Map.of(), arguments.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(message), run.err());
    }
}
