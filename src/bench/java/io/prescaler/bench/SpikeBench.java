package io.prescaler.bench;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.prescaler.exporter.ExporterConfig;
import io.prescaler.exporter.ExporterServer;
import io.prescaler.exporter.HpaCache;
import io.prescaler.exporter.SpikeFeed;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.spike.SpikeDetector;
import io.prescaler.spike.SpikeMode;
import io.prescaler.spike.SpikeSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spike guard's cost: per HPA status update, the detector alone ({@link SpikeDetector#observe}) and the
 * exporter's whole handling of the update (reading the demand from the HPA object, the annotations check, the
 * detector); then the scrape latency of the real exporter with N spike-guarded HPAs whose detectors have a full
 * window (velocity and acceleration exported), one status update per HPA between two scrapes, as at a 15 s scrape
 * interval.
 */
public final class SpikeBench implements BenchSuite {

    private static final Logger LOG = LoggerFactory.getLogger(SpikeBench.class);
    private static final int NAMESPACES = 50;
    private static final int DETECTORS = 10_000;
    private static final int ROUNDS = 60;
    private static final int WARM_UP_SCRAPES = 5;
    private static final Instant START = Instant.parse("2026-06-02T12:00:00Z");

    private final List<Integer> sizes;
    private final int maxScrapes;
    private final Duration budget;

    public SpikeBench(List<Integer> sizes, int maxScrapes, Duration budget) {
        this.sizes = List.copyOf(sizes);
        this.maxScrapes = maxScrapes;
        this.budget = budget;
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--exporter-sizes needs one or more HPA counts >= 1, got " + sizes);
        }
    }

    @Override
    public String name() {
        return "spike";
    }

    @Override
    public String description() {
        return "spike guard: microseconds per HPA status update (detector, whole exporter handling) and scrape"
                + " latency with N spike-guarded HPAs";
    }

    @Override
    public BenchResult run() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        rows.add(detectorRow());
        for (int size : sizes) {
            rows.addAll(exporterRows(size, notes));
        }
        notes.add("Detector: " + DETECTORS + " detectors, " + ROUNDS + " samples each 15 s apart (5 % noise, a x5"
                + " rise in two minutes on every tenth), after as many warm-up samples; time per observe().");
        notes.add("Status update: the exporter's handling of one informer update of a spike-guarded HPA object"
                + " (demand from status.currentMetrics, annotations unchanged, the detector); the informer's own"
                + " work is not included.");
        notes.add("Scrape: GET /metrics over keep-alive, as Prometheus asks for it (its Accept header, the body read"
                + " into a reused buffer), after every HPA's detector has a full window; between two"
                + " scrapes every HPA gets one status update (new demand), at most " + maxScrapes + " scrapes or "
                + budget.toSeconds() + " s.");
        return new BenchResult(
                name(),
                "Spike guard: cost per status update and scrape latency",
                List.of("measure", "HPAs", "count", "p50", "p99", "per update"),
                rows,
                notes);
    }

    private List<String> detectorRow() {
        SpikeSettings settings = SpikeSettings.defaults(SpikeMode.ON);
        SpikeDetector[] detectors = new SpikeDetector[DETECTORS];
        for (int i = 0; i < DETECTORS; i++) {
            detectors[i] = new SpikeDetector(settings);
        }
        Random noise = new Random(1);
        long observes = 0;
        long nanos = 0;
        for (int round = 0; round < 2 * ROUNDS; round++) {
            Instant at = START.plusSeconds(15L * round);
            long started = System.nanoTime();
            for (int i = 0; i < DETECTORS; i++) {
                double base = 10 + i % 50;
                double rise = i % 10 == 0 && round >= ROUNDS + 20 ? Math.min(5, 1 + (round - ROUNDS - 20) / 2.0) : 1;
                detectors[i].observe(at, base * rise * (1 + 0.05 * noise.nextGaussian()), 500);
            }
            if (round >= ROUNDS) {
                nanos += System.nanoTime() - started;
                observes += DETECTORS;
            }
        }
        String perUpdate = String.format("%.2f µs", nanos / 1e3 / observes);
        LOG.info("spike bench: detector {} per observe", perUpdate);
        return List.of("detector observe()", Integer.toString(DETECTORS), Long.toString(observes), "-", "-", perUpdate);
    }

    private List<List<String>> exporterRows(int size, List<String> notes) throws Exception {
        KubernetesMockServer api = CrudMockApi.start();
        List<List<String>> rows = new ArrayList<>();
        try (KubernetesClient client = api.createClient()) {
            List<HorizontalPodAutoscaler> hpas = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                hpas.add(hpa(i, 60));
            }
            seed(client, hpas);
            SteppedClock clock = new SteppedClock(START);
            ExporterConfig config = new ExporterConfig(
                    0, List.of(), List.of(), AnnotationKeys.DEFAULT, ZoneOffset.UTC, Duration.ofMinutes(2));
            try (HpaCache cache = new HpaCache(client, List.of(), clock);
                    ExporterServer server = new ExporterServer(config, cache, clock)) {
                cache.start();
                server.start();
                awaitGuarded(server, size);
                Random noise = new Random(2);
                // A full window for every detector: 21 rounds of 15 s, fed as the informer would.
                long nanos = 0;
                long updates = 0;
                Map<Integer, List<HorizontalPodAutoscaler>> rounds = new HashMap<>();
                for (int round = 0; round < 21; round++) {
                    List<HorizontalPodAutoscaler> objects = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        objects.add(hpa(i, (int) Math.round(60 * (1 + 0.05 * noise.nextGaussian()))));
                    }
                    rounds.put(round % 2, objects);
                    clock.advance(Duration.ofSeconds(15));
                    long started = System.nanoTime();
                    for (HorizontalPodAutoscaler hpa : objects) {
                        SpikeFeed.statusUpdated(server, hpa);
                    }
                    if (round >= 10) {
                        nanos += System.nanoTime() - started;
                        updates += size;
                    }
                }
                String perUpdate = String.format("%.2f µs", nanos / 1e3 / updates);
                rows.add(List.of(
                        "exporter status update", Integer.toString(size), Long.toString(updates), "-", "-", perUpdate));
                ScrapeConnection connection = new ScrapeConnection(server.port(), "/metrics");
                for (int i = 0; i < WARM_UP_SCRAPES; i++) {
                    connection.scrape();
                }
                List<Long> scrapes = new ArrayList<>();
                long deadline = System.nanoTime() + budget.toNanos();
                int bodyBytes = 0;
                int round = 0;
                while (scrapes.size() < maxScrapes && (scrapes.size() < 5 || System.nanoTime() < deadline)) {
                    clock.advance(Duration.ofSeconds(15));
                    for (HorizontalPodAutoscaler hpa : rounds.get(round++ % 2)) {
                        SpikeFeed.statusUpdated(server, hpa);
                    }
                    long started = System.nanoTime();
                    bodyBytes = connection.scrape();
                    scrapes.add(System.nanoTime() - started);
                }
                Latencies latencies = new Latencies(
                        scrapes.stream().mapToLong(Long::longValue).toArray());
                LOG.info(
                        "spike bench: {} spike-guarded HPAs, scrape p50 {}",
                        size,
                        Latencies.millis(latencies.percentileMillis(50)));
                rows.add(List.of(
                        "scrape, spike-guarded HPAs",
                        Integer.toString(size),
                        Integer.toString(latencies.count()),
                        Latencies.millis(latencies.percentileMillis(50)),
                        Latencies.millis(latencies.percentileMillis(99)),
                        "-"));
                notes.add(size + " spike-guarded HPAs: body " + String.format("%.1f MB", bodyBytes / 1e6) + ".");
                connection.close();
            }
        } finally {
            api.destroy();
        }
        return rows;
    }

    private static void seed(KubernetesClient client, List<HorizontalPodAutoscaler> hpas) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (HorizontalPodAutoscaler hpa : hpas) {
                created.add(pool.submit(() -> client.resource(hpa).create()));
            }
            for (Future<?> future : created) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A prescaled HPA with the spike guard on, 10 pods at {@code utilization} % of a 60 % CPU target. */
    static HorizontalPodAutoscaler hpa(int i, int utilization) {
        HorizontalPodAutoscaler hpa = ExporterBench.hpa(i);
        Map<String, String> annotations = new HashMap<>(hpa.getMetadata().getAnnotations());
        annotations.put(AnnotationKeys.DEFAULT.spike(), "on");
        return new HorizontalPodAutoscalerBuilder(hpa)
                .editMetadata()
                .withAnnotations(annotations)
                .endMetadata()
                .editSpec()
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(60)
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .editStatus()
                .withCurrentReplicas(10)
                .withCurrentMetrics(new MetricStatusBuilder()
                        .withType("Resource")
                        .withNewResource()
                        .withName("cpu")
                        .withNewCurrent()
                        .withAverageUtilization(utilization)
                        .endCurrent()
                        .endResource()
                        .build())
                .endStatus()
                .build();
    }

    private static void awaitGuarded(ExporterServer server, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (SpikeFeed.guarded(server) < size) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the exporter did not see " + size + " spike-guarded HPAs in 3 min");
            }
            Thread.sleep(50);
        }
    }

    /** A clock the benchmark moves forward, 15 s per round of status updates. */
    private static final class SteppedClock extends Clock {
        private final AtomicReference<Instant> now;

        SteppedClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(at -> at.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
