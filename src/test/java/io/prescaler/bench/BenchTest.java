package io.prescaler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmarks' main: flags, defaults resolved from the checkout, exit codes. */
class BenchTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void forgetCheckout() {
        System.clearProperty(Bench.CHECKOUT);
    }

    private CommandLine commandLine() {
        return Bench.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }

    @Test
    void resolvesDefaultPathsAgainstTheCheckoutTheBuildNames() {
        System.setProperty(Bench.CHECKOUT, "/src/prescaler");
        Bench bench = new Bench();

        new CommandLine(bench).parseArgs("exporter");

        assertEquals(Path.of("/src/prescaler/webhook/samples/create-hpa.json"), bench.admissionReview);
        assertEquals(Path.of("/src/prescaler/target/prescaler.jar"), bench.jar);
        assertEquals(Path.of("/src/prescaler/target/bench"), bench.outDir);
    }

    @Test
    void resolvesDefaultPathsAgainstTheWorkingDirectoryWithoutACheckout() {
        Bench bench = new Bench();

        new CommandLine(bench).parseArgs();

        assertEquals(Path.of("./webhook/samples/create-hpa.json"), bench.admissionReview);
        assertTrue(bench.admissionReview.toFile().isFile(), "the sample exists in the checkout the tests run in");
    }

    @Test
    void answersAnUnknownSuiteWithUsageExitCodeNamingTheSuites() {
        int exit = commandLine().execute("cpu");

        assertEquals(2, exit);
        assertEquals(
                "bench: unknown suite 'cpu'; available suites: prescale, exporter, scrape, spike, webhook, replay, events, keda, forecast",
                err.toString().strip());
    }

    @Test
    void helpListsTheSuitesAndTheCommandThatRunsThem() {
        int exit = commandLine().execute("--help");

        assertEquals(0, exit);
        assertTrue(out.toString().contains("Suites: prescale"), out.toString());
        assertTrue(out.toString().contains("mvn -Pbench package -Dbench.args="), out.toString());
    }
}
