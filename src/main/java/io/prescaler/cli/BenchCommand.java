package io.prescaler.cli;

import io.prescaler.bench.BenchRunner;
import io.prescaler.bench.BenchSettings;
import io.prescaler.bench.BenchSuite;
import io.prescaler.bench.BenchSuites;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs benchmarks, prints a Markdown table per suite and writes <out-dir>/<suite>.json.",
            "Suites: prescale (HPA model: time to prescale, Bedrock's encoding vs prescaling_min_replicas; instant),"
                    + " exporter (scrape latency, heap and API requests per scrape for N HPAs: informer cache vs"
                    + " LIST every scrape, against fabric8's mock API server in-process).",
            "Every suite stops by itself and only talks to 127.0.0.1."
        },
        footer = {"", "Exit codes: 0 done, 2 unknown suite or bad flag, 1 a suite failed."})
final class BenchCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "SUITE",
            arity = "0..*",
            description = "Suites to run, in order (default: all: prescale, exporter).")
    List<String> suites = new ArrayList<>();

    @Option(
            names = "--out-dir",
            paramLabel = "DIR",
            defaultValue = "target/bench",
            description = "Directory for the <suite>.json files (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(
            names = "--exporter-sizes",
            paramLabel = "N",
            split = ",",
            defaultValue = "1000,10000",
            description =
                    "HPA counts for the exporter suite (default: ${DEFAULT-VALUE}). Seeding the mock API server grows"
                            + " quadratically: 10,000 HPAs take about a minute, 50,000 about 25 minutes.")
    List<Integer> exporterSizes;

    @Option(
            names = "--scrapes",
            paramLabel = "N",
            defaultValue = "200",
            description = "Scrapes measured per approach and size at most (default: ${DEFAULT-VALUE}).")
    int scrapes;

    @Option(
            names = "--scrape-budget",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Time spent scraping per approach and size at most; 5 scrapes are always measured"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration scrapeBudget;

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = new BenchSettings(suites, outDir, exporterSizes, scrapes, scrapeBudget);
        List<BenchSuite> selected = BenchSuites.select(settings);
        LOG.info(
                "prescaler {} bench: suites {}; output {}",
                VersionProvider.version(),
                selected.stream().map(BenchSuite::name).toList(),
                settings.outDir().toAbsolutePath());
        PrintWriter out = spec.commandLine().getOut();
        new BenchRunner(settings.outDir(), out, Clock.systemUTC()).run(selected);
        return 0;
    }
}
