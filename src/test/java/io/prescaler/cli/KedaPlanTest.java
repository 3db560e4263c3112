package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} on KEDA ScaledObjects: planned as the HPA KEDA builds from them. */
class KedaPlanTest {

    private static final Path EXAMPLE = Path.of("examples/keda/scaledobject-web.yaml");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private static Run plan(String file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
                .execute("plan", "--date", "2026-05-30", "--timezone", "Europe/Paris", file);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void plansTheExampleScaledObjectWithItsBoundsAndTrigger() {
        Run run = plan(EXAMPLE.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertTrue(
                run.out()
                        .contains("shop/web: min 25 from 19:30 to 23:30 every day (Europe/Paris), opens 19:20 (lead"
                                + " 10m); HPA 1..40; consumes prescaling_min_replicas\n"),
                run.out());
        assertTrue(run.out().contains("  19:25-23:30  open    -       25      25      10        25\n"), run.out());
    }

    @Test
    void readsTheBehaviorKedaWritesFromAdvancedHorizontalPodAutoscalerConfig() throws Exception {
        // The example's scale-down stabilization of 10 min holds the 25 replicas until 23:45...
        assertTrue(plan(EXAMPLE.toString())
                .out()
                .contains("  23:30-23:45  closed  -        0       0       0        25\n"));
        // ...without it, the API's default of 5 min lets them go at 23:40.
        String text = Files.readString(EXAMPLE);
        String withoutBehavior =
                text.substring(0, text.indexOf("  advanced:")) + text.substring(text.indexOf("  triggers:"));
        Path file = tmp.resolve("no-behavior.yaml");
        Files.writeString(file, withoutBehavior);
        Run run = plan(file.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("  23:30-23:40  closed  -        0       0       0        25\n"), run.out());
    }

    @Test
    void plansMinReplicaCountAboveZeroAsTheHpasMinimum() throws Exception {
        Path file = tmp.resolve("min3.yaml");
        Files.writeString(file, Files.readString(EXAMPLE).replace("minReplicaCount: 0", "minReplicaCount: 3"));
        Run run = plan(file.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("HPA 3..40"), run.out());
    }
}
