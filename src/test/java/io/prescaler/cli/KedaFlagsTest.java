package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The KEDA flags of exporter, webhook, mutate and events apply: defaults, environment, usage errors. */
class KedaFlagsTest {

    record Run(int exitCode, String out, String err) {}

    private static Run run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Prescaler.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static ExporterCommand parseExporter(Map<String, String> environment, String... args) {
        List<CommandLine> parsed =
                Prescaler.commandLine(environment).parseArgs(args).asCommandLineList();
        return (ExporterCommand) parsed.get(parsed.size() - 1).getCommand();
    }

    @Test
    void theExporterServesTheScalerOn9090ByDefaultPlaintext() {
        ExporterCommand exporter = parseExporter(Map.of(), "exporter");
        assertEquals(9090, exporter.keda.config("0.0.0.0").port());
        assertEquals(false, exporter.keda.config("0.0.0.0").tls());
    }

    @Test
    void theGrpcPortComesFromItsEnvironmentVariableAndZeroTurnsItOff() {
        ExporterCommand exporter = parseExporter(Map.of("PRESCALER_GRPC_PORT", "0"), "exporter");
        assertEquals(false, exporter.keda.config("0.0.0.0").enabled());
    }

    @Test
    void aCertificateWithoutItsKeyIsAUsageErrorBeforeAnythingStarts() {
        Run run = run(Map.of(), "exporter", "--tls-cert", "/etc/prescaler/tls.crt", "--kubeconfig", "/nonexistent");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--tls-cert and --tls-key go together: give both, or neither"), run.err());
    }

    @ParameterizedTest
    @CsvSource({"70000", "-1", "grpc"})
    void aBadGrpcPortIsAUsageError(String port) {
        Run run = run(Map.of(), "exporter", "--grpc-port", port);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--grpc-port"), run.err());
    }

    @ParameterizedTest
    @CsvSource({"prescaler-exporter", "http://prescaler-exporter:9090", "host:port", "'host :9090'"})
    void aScalerAddressThatIsNotHostPortIsAUsageError(String address) {
        Run webhook = run(
                Map.of(),
                "webhook",
                "--tls-cert",
                "/nonexistent/tls.crt",
                "--tls-key",
                "/nonexistent/tls.key",
                "--keda-scaler-address",
                address);
        assertEquals(2, webhook.exitCode(), webhook.err());
        assertTrue(webhook.err().contains("--keda-scaler-address " + address + " is not HOST:PORT"), webhook.err());
        Run mutate = run(Map.of(), "mutate", "--keda-scaler-address", address, "examples/keda/scaledobject-web.yaml");
        assertEquals(2, mutate.exitCode(), mutate.err());
    }

    @Test
    void mutateWritesTheConfiguredScalerAddress() {
        Run run = run(
                Map.of("PRESCALER_KEDA_SCALER_ADDRESS", "scaler.keda-tools.svc:7000"),
                "mutate",
                "examples/keda/scaledobject-web.yaml");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("scalerAddress: scaler.keda-tools.svc:7000\n"), run.out());
        assertFalse(run.out().contains("prescaler-exporter.prescaler.svc:9090"), "the trigger was fixed in place");
    }

    @Test
    void eventsApplyReadsScaledObjectsOnlyWhenAsked() {
        List<CommandLine> parsed = Prescaler.commandLine(Map.of())
                .parseArgs("events", "apply", "--scaled-objects")
                .asCommandLineList();
        assertTrue(((EventsCommand.Apply) parsed.get(parsed.size() - 1).getCommand()).scaledObjects);
        parsed = Prescaler.commandLine(Map.of()).parseArgs("events", "apply").asCommandLineList();
        assertEquals(false, ((EventsCommand.Apply) parsed.get(parsed.size() - 1).getCommand()).scaledObjects);
    }
}
