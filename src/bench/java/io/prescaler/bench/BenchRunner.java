package io.prescaler.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs suites one after the other, prints each table and writes {@code <outDir>/<suite>.json}. */
public final class BenchRunner {

    private final Path outDir;
    private final PrintWriter out;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BenchRunner(Path outDir, PrintWriter out, Clock clock) {
        this.outDir = outDir;
        this.out = out;
        this.clock = clock;
    }

    public void run(List<BenchSuite> suites) throws Exception {
        Files.createDirectories(outDir);
        for (BenchSuite suite : suites) {
            long started = System.nanoTime();
            BenchResult result = suite.run();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            out.println("## " + result.title());
            out.println();
            out.print(result.table());
            out.println();
            result.notes().forEach(note -> out.println("- " + note));
            out.println("- Suite ran in " + took.toMillis() / 1000.0 + " s; " + machine() + ".");
            out.println();
            out.flush();
            write(result, took);
        }
    }

    private void write(BenchResult result, Duration took) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("suite", result.suite());
        document.put("title", result.title());
        document.put("measuredAt", clock.instant().toString());
        document.put("durationSeconds", took.toMillis() / 1000.0);
        document.put("machine", machine());
        document.put("rows", result.records());
        document.put("notes", result.notes());
        Path file = outDir.resolve(result.suite() + ".json");
        json.writeValue(file.toFile(), document);
        out.println("wrote " + file);
        out.println();
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vm.name") + "), max heap "
                + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024 * 1024) + " MiB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
