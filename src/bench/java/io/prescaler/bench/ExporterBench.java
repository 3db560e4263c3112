package io.prescaler.bench;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.prescaler.exporter.ExporterConfig;
import io.prescaler.exporter.ExporterServer;
import io.prescaler.exporter.HpaCache;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.MetricEncoding;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrape latency of the real exporter ({@link ExporterServer} over {@link HpaCache}) for N prescaled HPAs held by
 * fabric8's mock API server in CRUD mode, started in-process on 127.0.0.1, against a collector that LISTs the HPAs
 * on every scrape, on the same mock server in the same run. Counts the API requests each scrape causes.
 */
public final class ExporterBench implements BenchSuite {

    private static final Logger LOG = LoggerFactory.getLogger(ExporterBench.class);
    private static final int NAMESPACES = 50;

    private static final int WARM_UP_SCRAPES = 5;

    /** This JVM's CPU time: exporter, client and mock API server together, the figure a loaded machine keeps. */
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final List<Integer> sizes;
    private final int maxScrapes;
    private final Duration budget;

    /**
     * @param maxScrapes scrapes measured per approach and size at most
     * @param budget time spent measuring one approach at one size at most (at least 5 scrapes are measured)
     */
    public ExporterBench(List<Integer> sizes, int maxScrapes, Duration budget) {
        this.sizes = List.copyOf(sizes);
        this.maxScrapes = maxScrapes;
        this.budget = budget;
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--exporter-sizes needs one or more HPA counts >= 1, got " + sizes);
        }
        if (maxScrapes < 5) {
            throw new IllegalArgumentException("--scrapes must be >= 5, got " + maxScrapes);
        }
    }

    @Override
    public String name() {
        return "exporter";
    }

    @Override
    public String description() {
        return "scrape latency p50/p99, heap and API requests per scrape for N HPAs: informer cache vs LIST per"
                + " scrape, on fabric8's mock API server";
    }

    @Override
    public BenchResult run() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int size : sizes) {
            measure(size, rows, notes);
        }
        notes.add("Latency: GET /metrics over HTTP keep-alive on 127.0.0.1 with Prometheus 2.x's default Accept header"
                + " (OpenMetrics first, the text format admitted), the body read into one buffer reused between"
                + " scrapes (a raw socket: the JDK's HttpClient cost more CPU than the exporter); at most " + maxScrapes
                + " scrapes or " + budget.toSeconds() + " s per approach and size, after " + WARM_UP_SCRAPES
                + " warm-up scrapes.");
        notes.add(
                "CPU / scrape: this JVM's CPU time over the measured scrapes (exporter, scraping client, idle mock API"
                        + " server, GC), divided by their count; unlike the latencies it barely depends on other load on the"
                        + " machine.");
        notes.add("Allocated / scrape: bytes allocated by this JVM's threads over the measured scrapes (exporter,"
                + " scraping client, mock API server), divided by their count.");
        notes.add("Heap: used heap after a full GC with the exporter running minus before it started (the mock API"
                + " server's own copy of the HPAs excluded).");
        return new BenchResult(
                name(),
                "Exporter scrape: informer cache vs LIST every scrape",
                List.of(
                        "HPAs",
                        "approach",
                        "scrapes",
                        "p50",
                        "p99",
                        "CPU / scrape",
                        "allocated / scrape",
                        "API requests / scrape",
                        "body",
                        "heap"),
                rows,
                notes);
    }

    private void measure(int size, List<List<String>> rows, List<String> notes) throws Exception {
        KubernetesMockServer api = CrudMockApi.start();
        try (KubernetesClient client = api.createClient()) {
            long seeding = System.nanoTime();
            seed(client, size);
            notes.add(size + " HPAs seeded into the mock API server in "
                    + Duration.ofNanos(System.nanoTime() - seeding).toMillis() + " ms.");
            long heapBefore = usedHeapAfterGc();

            ExporterConfig config = new ExporterConfig(
                    0, List.of(), List.of(), AnnotationKeys.DEFAULT, ZoneOffset.UTC, Duration.ofMinutes(2));
            Clock clock = Clock.systemUTC();
            try (HpaCache cache = new HpaCache(client, List.of(), clock);
                    ExporterServer server = new ExporterServer(config, cache, clock)) {
                cache.start();
                server.start();
                awaitSynced(cache, size);
                long heap = usedHeapAfterGc() - heapBefore;
                rows.add(scrapeRow(size, "informer cache (Prescaler)", server.port(), api, heap));
            }
            try (ListingExporter listing = new ListingExporter(
                            client, new AnnotationParser(AnnotationKeys.DEFAULT, ZoneOffset.UTC), Clock.systemUTC())
                    .start()) {
                rows.add(scrapeRow(size, "LIST every scrape", listing.port(), api, -1));
            }
        } finally {
            api.destroy();
        }
    }

    private List<String> scrapeRow(int size, String approach, int port, KubernetesMockServer api, long heapBytes)
            throws Exception {
        try (ScrapeConnection connection = new ScrapeConnection(port, "/metrics")) {
            return scrapeRow(size, approach, connection, api, heapBytes);
        }
    }

    private List<String> scrapeRow(
            int size, String approach, ScrapeConnection connection, KubernetesMockServer api, long heapBytes)
            throws Exception {
        for (int i = 0; i < WARM_UP_SCRAPES; i++) {
            connection.scrape();
        }
        int requestsBefore = api.getRequestCount();
        List<Long> nanos = new ArrayList<>();
        long deadline = System.nanoTime() + budget.toNanos();
        int bodyBytes = 0;
        long cpuBefore = CPU.getProcessCpuTime();
        long allocatedBefore = allocatedBytes();
        while (nanos.size() < maxScrapes && (nanos.size() < 5 || System.nanoTime() < deadline)) {
            long started = System.nanoTime();
            bodyBytes = connection.scrape();
            nanos.add(System.nanoTime() - started);
        }
        double cpuMillis = (CPU.getProcessCpuTime() - cpuBefore) / 1e6 / nanos.size();
        double allocatedMegabytes = (allocatedBytes() - allocatedBefore) / 1e6 / nanos.size();
        int apiRequests = api.getRequestCount() - requestsBefore;
        Latencies latencies =
                new Latencies(nanos.stream().mapToLong(Long::longValue).toArray());
        LOG.info(
                "exporter bench: {} HPAs, {}: p50 {}, CPU {} per scrape",
                size,
                approach,
                Latencies.millis(latencies.percentileMillis(50)),
                Latencies.millis(cpuMillis));
        return List.of(
                Integer.toString(size),
                approach,
                Integer.toString(latencies.count()),
                Latencies.millis(latencies.percentileMillis(50)),
                Latencies.millis(latencies.percentileMillis(99)),
                Latencies.millis(cpuMillis),
                String.format("%.1f MB", allocatedMegabytes),
                String.format("%.2f", (double) apiRequests / latencies.count()),
                String.format("%.1f MB", bodyBytes / 1e6),
                heapBytes < 0 ? "-" : String.format("%.0f MB", heapBytes / 1e6));
    }

    /** N prescaled HPAs over 50 namespaces, created through the API in parallel. */
    static void seed(KubernetesClient client, int size) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                HorizontalPodAutoscaler hpa = hpa(i);
                created.add(pool.submit(() -> client.resource(hpa).create()));
            }
            for (Future<?> future : created) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static HorizontalPodAutoscaler hpa(int i) {
        return hpa(i, 40 + i % 60);
    }

    /**
     * HPA number {@code i}: prescaled 19:30-23:30 on weekdays, scaling on CPU at 70 % as well as on the prescaling
     * metric, and reporting {@code cpuUtilization} % in its status, so that it carries a demand like an HPA in a
     * cluster does.
     */
    public static HorizontalPodAutoscaler hpa(int i, int cpuUtilization) {
        AnnotationKeys keys = AnnotationKeys.DEFAULT;
        Map<String, String> annotations = Map.of(
                keys.minReplicas(), Integer.toString(10 + i % 90),
                keys.start(), "19:30",
                keys.end(), "23:30",
                keys.days(), "Mon-Fri");
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withNamespace("team-" + (i % NAMESPACES))
                .withName("app-" + i)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withMinReplicas(2)
                .withMaxReplicas(200)
                .withNewScaleTargetRef("apps/v1", "Deployment", "app-" + i)
                .addNewMetric()
                .withType("External")
                .withNewExternal()
                .withNewMetric()
                .withName(MetricEncoding.DIRECT.metricName())
                .endMetric()
                .withNewTarget()
                .withType("AverageValue")
                .withNewAverageValue("1")
                .endTarget()
                .endExternal()
                .endMetric()
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(70)
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .withNewStatus()
                .withCurrentReplicas(5 + i % 20)
                .withDesiredReplicas(5 + i % 20)
                .addNewCurrentMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewCurrent()
                .withAverageUtilization(cpuUtilization)
                .endCurrent()
                .endResource()
                .endCurrentMetric()
                .endStatus()
                .build();
    }

    private static void awaitSynced(HpaCache cache, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!(cache.synced() && cache.hpas().size() == size)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the HPA informer did not list " + size + " HPAs within 3 minutes");
            }
            Thread.sleep(50);
        }
    }

    /** Bytes allocated so far by the threads alive now (a thread that ended takes its count with it). */
    private static long allocatedBytes() {
        long total = 0;
        for (long allocated : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(0, allocated);
        }
        return total;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
