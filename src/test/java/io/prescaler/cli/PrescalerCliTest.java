package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class PrescalerCliTest {

    /** What a run printed and returned. */
    record Run(int exitCode, String out, String err) {}

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Prescaler.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static ExporterCommand parseExporter(Map<String, String> environment, String... args) {
        CommandLine commandLine = Prescaler.commandLine(environment);
        List<CommandLine> parsed = commandLine.parseArgs(args).asCommandLineList();
        return (ExporterCommand) parsed.get(parsed.size() - 1).getCommand();
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Run run = run(Map.of(), "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("exporter"), run.out());
        assertTrue(run.out().contains("PRESCALER_"), run.out());
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine root = Prescaler.commandLine(Map.of());
        for (String name : root.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            Run run = run(Map.of(), name, "--help");
            assertEquals(0, run.exitCode(), name + " --help");
            assertTrue(run.out().startsWith("Usage: prescaler " + name), run.out());
        }
    }

    @Test
    void versionPrintsTheBuildVersion() {
        Run run = run(Map.of(), "--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("prescaler "), run.out());
        assertTrue(!run.out().contains("${"), "the version was filtered in by Maven: " + run.out());
    }

    @Test
    void noCommandPrintsTheUsageAndExitsTwo() {
        Run run = run(Map.of());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("Usage: prescaler"), run.err());
    }

    @ParameterizedTest(name = "arguments [{0}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "bogus                | prescaler: Unmatched argument at index 0: 'bogus'       | prescaler",
                "exporter --bogus     | exporter: Unknown option: '--bogus'                     | prescaler exporter",
                "exporter --port      | exporter: Missing required parameter for option '--port' (PORT) | prescaler exporter",
                "exporter --port nine | exporter: Invalid value for option '--port': 'nine' is not a whole number"
                        + " | prescaler exporter",
                "exporter --port 70000 | exporter: Invalid value for option '--port': '70000' is not a whole number"
                        + " from 0 to 65535 | prescaler exporter",
            })
    void usageErrorsPrintOneLineAndAHintAndExitTwo(String args, String line, String command) {
        Run run = run(Map.of(), args.split(" "));
        assertEquals(2, run.exitCode(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(line, lines.get(0));
        assertEquals("Try '" + command + " --help' for the flags.", lines.get(lines.size() - 1));
        assertTrue(lines.size() <= 4, "suggestions at most, no usage: " + run.err());
    }

    @Test
    void flagsFallBackToEnvironmentVariables() {
        ExporterCommand exporter = parseExporter(
                Map.of(
                        "PRESCALER_PORT", "9999",
                        "PRESCALER_NAMESPACE", "web,images",
                        "PRESCALER_TIMEZONE", "Europe/Paris",
                        "PRESCALER_STALE_AFTER", "5m"),
                "exporter");
        assertEquals(9999, exporter.listen.port(ExporterCommand.DEFAULT_PORT));
        assertEquals(List.of("web", "images"), exporter.namespaces);
        assertEquals(ZoneId.of("Europe/Paris"), exporter.shared.zone());
        assertEquals(Duration.ofMinutes(5), exporter.staleAfter);
    }

    @Test
    void flagsWinOverEnvironmentVariables() {
        ExporterCommand exporter = parseExporter(Map.of("PRESCALER_PORT", "9999"), "exporter", "--port", "9200");
        assertEquals(9200, exporter.listen.port(ExporterCommand.DEFAULT_PORT));
    }

    @Test
    void defaultsApplyWithoutFlagsOrEnvironment() {
        ExporterCommand exporter = parseExporter(Map.of(), "exporter");
        assertEquals(9101, exporter.listen.port(ExporterCommand.DEFAULT_PORT));
        assertEquals(List.of(), exporter.namespaces);
        assertEquals("annotations.scaling.exporter", exporter.shared.keys().prefix());
        assertEquals(ZoneId.systemDefault(), exporter.shared.zone());
    }

    @Test
    void aBadEnvironmentValueIsAUsageError() {
        Run run = run(Map.of("PRESCALER_TIMEZONE", "Mars/Olympus"), "exporter");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'Mars/Olympus' is not an IANA time zone"), run.err());
    }

    @Test
    void aBadEnvironmentValueNamesTheVariableInOneLine() {
        Run run = run(Map.of("PRESCALER_TIMEZONE", "Paris"), "exporter");
        assertEquals(2, run.exitCode());
        assertEquals(
                List.of("exporter: environment variable PRESCALER_TIMEZONE=Paris: 'Paris' is not an IANA time zone"
                        + " (for example Europe/Paris); fix or unset PRESCALER_TIMEZONE (in a pod: the container's env"
                        + " or the ConfigMap it is read from)"),
                run.err().lines().toList());
    }

    @Test
    void aGoodFlagWinsOverABadEnvironmentValue() {
        ExporterCommand exporter =
                parseExporter(Map.of("PRESCALER_TIMEZONE", "Paris"), "exporter", "--timezone", "Europe/Paris");
        assertEquals(ZoneId.of("Europe/Paris"), exporter.shared.zone());
    }

    @Test
    void listensOnEveryInterfaceUnlessTold() {
        assertEquals("0.0.0.0", parseExporter(Map.of(), "exporter").listen.address);
        assertEquals("127.0.0.1", parseExporter(Map.of(), "exporter", "--address", "127.0.0.1").listen.address);
    }

    @Test
    void aClashingHpaLabelIsRejectedAtStartUp() {
        Run run = run(Map.of(), "exporter", "--hpa-label", "namespace", "--kubeconfig", "/nonexistent/kubeconfig");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--hpa-label namespace would become the label \"namespace\""), run.err());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"90s, PT1M30S", "5m, PT5M", "2h, PT2H", "1h30m, PT1H30M", "2d, PT48H", "250ms, PT0.25S", "PT5M, PT5M"})
    void readsDurationsAsOperatorsWriteThem(String text, String expected) {
        assertEquals(Duration.parse(expected), DurationConverter.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "5", "m", "5x", "5m3", "-5m", "PTX"})
    void rejectsDurationsItCannotRead(String text) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> DurationConverter.parse(text));
        assertTrue(e.getMessage().contains("is not a duration"), e.getMessage());
    }
}
