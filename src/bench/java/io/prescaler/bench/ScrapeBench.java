package io.prescaler.bench;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.prescaler.exporter.ScrapeRendering;
import io.prescaler.kube.HpaFacts;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The exporter's scrape path in-process, without HTTP or an API server: deciding every HPA and writing the text
 * body from the line cache, when nothing changed between scrapes, when a quarter of the HPAs' demands changed, and
 * when every demand changed (each HPA reported a new CPU utilization since the last scrape). The exporter suite
 * measures the whole scrape over HTTP; this one isolates what the HPAs' status updates cost.
 */
public final class ScrapeBench implements BenchSuite {

    /** A weekday evening inside the bench HPAs' window, so that every series is present. */
    private static final Clock EVENING = Clock.fixed(Instant.parse("2026-11-23T20:00:00Z"), ZoneOffset.UTC);

    private static final int WARM_UP_SCRAPES = 30;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final List<Integer> sizes;
    private final int scrapes;

    public ScrapeBench(List<Integer> sizes, int scrapes) {
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--exporter-sizes needs one or more HPA counts >= 1, got " + sizes);
        }
        if (scrapes < 5) {
            throw new IllegalArgumentException("--scrapes must be >= 5, got " + scrapes);
        }
        this.sizes = List.copyOf(sizes);
        this.scrapes = scrapes;
    }

    @Override
    public String name() {
        return "scrape";
    }

    @Override
    public String description() {
        return "the exporter's scrape path in-process (decide every HPA, write the body from the line cache) when"
                + " none, a quarter or all of the HPAs' demands changed since the last scrape";
    }

    @Override
    public BenchResult run() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int size : sizes) {
            List<HpaFacts> calm = facts(size, i -> ExporterBench.hpa(i, 40 + i % 60));
            List<HpaFacts> moved = facts(size, i -> ExporterBench.hpa(i, 41 + i % 60));
            List<HpaFacts> quarter = new ArrayList<>(calm);
            for (int i = 0; i < size; i += 4) {
                quarter.set(i, moved.get(i));
            }
            rows.add(row(size, "no demand changed", calm, calm));
            rows.add(row(size, "a quarter of the demands changed", calm, quarter));
            rows.add(row(size, "every demand changed", calm, moved));
        }
        return new BenchResult(
                name(),
                "Exporter scrape path in-process (no HTTP): decide and write the body",
                List.of("HPAs", "between scrapes", "scrapes", "p50", "p99", "CPU p50", "allocated / scrape", "body"),
                rows,
                List.of(
                        "Each HPA: a daily window open at the clock's instant, a CPU metric and its current"
                                + " utilization in status (so it exports a demand), 11 series.",
                        "Scrapes alternate between two versions of the HPAs (the informer's objects after status"
                                + " updates); " + WARM_UP_SCRAPES + " warm-up scrapes first.",
                        "CPU: the scraping thread's CPU time per scrape (p50), which other load on the machine"
                                + " changes far less than the elapsed time; garbage collection is not in it.",
                        "Allocated: bytes allocated by the benchmark's thread per scrape."));
    }

    private static List<HpaFacts> facts(int size, IntFunction<HorizontalPodAutoscaler> hpa) {
        List<HpaFacts> facts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            facts.add(HpaFacts.of(hpa.apply(i)));
        }
        return facts;
    }

    private List<String> row(int size, String change, List<HpaFacts> even, List<HpaFacts> odd) throws Exception {
        ScrapeRendering rendering = new ScrapeRendering(even, EVENING);
        long body = 0;
        for (int i = 0; i < WARM_UP_SCRAPES; i++) {
            rendering.use(i % 2 == 0 ? even : odd);
            body = rendering.scrape();
        }
        long[] nanos = new long[scrapes];
        long[] cpu = new long[scrapes];
        long thread = Thread.currentThread().getId();
        long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
        for (int i = 0; i < scrapes; i++) {
            rendering.use(i % 2 == 0 ? even : odd);
            long cpuStarted = THREADS.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            body = rendering.scrape();
            nanos[i] = System.nanoTime() - started;
            cpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStarted;
        }
        double allocated = (THREADS.getThreadAllocatedBytes(thread) - allocatedBefore) / 1e6 / scrapes;
        Latencies latencies = new Latencies(nanos);
        Latencies cpuTimes = new Latencies(cpu);
        return List.of(
                Integer.toString(size),
                change,
                Integer.toString(latencies.count()),
                Latencies.millis(latencies.percentileMillis(50)),
                Latencies.millis(latencies.percentileMillis(99)),
                Latencies.millis(cpuTimes.percentileMillis(50)),
                String.format("%.1f MB", allocated),
                String.format("%.1f MB", body / 1e6));
    }
}
