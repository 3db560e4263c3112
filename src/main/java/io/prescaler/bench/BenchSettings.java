package io.prescaler.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The bench command's settings, read once from its flags.
 *
 * @param suites the suites to run, in order; empty means every available suite
 * @param outDir where {@code <suite>.json} files are written
 */
public record BenchSettings(
        List<String> suites, Path outDir, List<Integer> exporterSizes, int scrapes, Duration scrapeBudget) {

    public BenchSettings {
        suites = List.copyOf(suites);
        Objects.requireNonNull(outDir, "outDir");
        exporterSizes = List.copyOf(exporterSizes);
        Objects.requireNonNull(scrapeBudget, "scrapeBudget");
    }
}
