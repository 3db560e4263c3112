package io.prescaler.bench;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.prescaler.exporter.ForecastBoard;
import io.prescaler.exporter.ForecastConfig;
import io.prescaler.exporter.ForecastRefresher;
import io.prescaler.forecast.ForecastSettings;
import io.prescaler.forecast.Forecaster;
import io.prescaler.forecast.SeasonalForecaster;
import io.prescaler.history.DemandSignal;
import io.prescaler.history.PrometheusClient;
import io.prescaler.history.PrometheusSettings;
import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.EventCalendar;
import io.prescaler.testing.PrometheusServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's forecast refresh for N forecast HPAs against a real Prometheus: each HPA's demand series (5-minute
 * samples over {@code days}, a daily shape with a per-HPA scale, phase and seeded noise) is backfilled with
 * promtool, then the exporter's {@link ForecastRefresher} runs as in production (the real {@link
 * SeasonalForecaster}, the default signal, 5-minute steps, the default history and concurrency): a first refresh
 * reading every HPA's history once, then incremental refreshes five minutes apart on a clock moved by hand.
 */
public final class ForecastBench implements BenchSuite {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastBench.class);
    private static final long SAMPLE = 300;
    private static final int INCREMENTAL_ROUNDS = 5;

    private final List<Integer> sizes;
    private final int days;
    private final int concurrency;

    public ForecastBench(List<Integer> sizes, int days, int concurrency) {
        this.sizes = List.copyOf(sizes);
        this.days = days;
        this.concurrency = concurrency;
    }

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public String description() {
        return "the exporter's forecast refresh for N HPAs against a real Prometheus: time per refresh (first and"
                + " incremental), queries per hour, memory per forecast HPA";
    }

    @Override
    public BenchResult run() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int size : sizes) {
            measure(size, rows, notes);
        }
        ForecastConfig config = config();
        notes.add("Refresher settings: --forecast-interval " + config.interval().toMinutes() + "m, --forecast-step "
                + config.step().toMinutes() + "m, --forecast-history "
                + config.history().toDays()
                + "d (the buffer holds " + config.history().dividedBy(config.step()) + " floats per HPA whatever the"
                + " history read), --forecast-concurrency " + concurrency + "; Prometheus "
                + version() + " on the same machine; the real SeasonalForecaster (calibrated headroom).");
        notes.add("Queries per hour: the incremental refresh's requests times the refreshes per hour at the"
                + " default interval; the first refresh adds one read of each HPA's history once.");
        notes.add("Memory per forecast HPA: the heap after a full GC with every HPA refreshed, less the heap before"
                + " the first refresh, divided by the HPAs (buffers, forecasts, per-HPA state).");
        return new BenchResult(
                name(),
                "forecast refresh against a real Prometheus (" + days + " days of 5-minute history per HPA)",
                List.of(
                        "HPAs",
                        "refresh",
                        "wall time",
                        "of which forecaster (CPU, summed)",
                        "queries",
                        "queries per hour",
                        "failed",
                        "heap per forecast HPA"),
                rows,
                notes);
    }

    private ForecastConfig config() {
        return new ForecastConfig(
                ForecastConfig.DEFAULT_INTERVAL,
                ForecastConfig.DEFAULT_STALE_AFTER,
                concurrency,
                ForecastConfig.DEFAULT_HISTORY,
                ForecastConfig.DEFAULT_STEP,
                ForecastConfig.DEFAULT_HORIZON);
    }

    private void measure(int size, List<List<String>> rows, List<String> notes) throws Exception {
        Path work = Files.createTempDirectory("prescaler-bench-forecast");
        long now = Instant.now().getEpochSecond();
        long last = now - now % SAMPLE - SAMPLE;
        long first = last - days * 86_400L;
        try {
            long writing = System.nanoTime();
            List<Path> inputs = new ArrayList<>();
            long samples = 0;
            for (long day = first; day <= last; day += 86_400) {
                Path input = work.resolve("history-" + inputs.size() + ".om");
                samples += write(input, size, day, Math.min(last, day + 86_400 - SAMPLE));
                inputs.add(input);
            }
            long written = System.nanoTime();
            PrometheusServer prometheus = PrometheusServer.startFrom(work, inputs);
            notes.add(size + " series of " + samples / size + " samples (" + samples + " in all) written in "
                    + Duration.ofNanos(written - writing).toMillis() + " ms, backfilled and Prometheus ready in "
                    + Duration.ofNanos(System.nanoTime() - written).toSeconds() + " s (not timed).");
            try (prometheus;
                    PrometheusClient client = new PrometheusClient(
                            PrometheusSettings.of(prometheus.url(), Optional.empty(), Optional.empty(), Map.of()))) {
                refresh(size, client, rows);
            }
        } finally {
            delete(work);
        }
    }

    private void refresh(int size, PrometheusClient client, List<List<String>> rows) throws InterruptedException {
        ForecastConfig config = config();
        MovableClock clock = new MovableClock(Instant.now());
        List<HpaFacts> hpas = hpas(size);
        AtomicLong forecasterNanos = new AtomicLong();
        BiFunction<ForecastSettings, ZoneId, Forecaster> timed = (settings, zone) -> {
            SeasonalForecaster real = SeasonalForecaster.of(settings, zone);
            return (history, at, horizon, excluded) -> {
                long started = System.nanoTime();
                try {
                    return real.forecast(history, at, horizon, excluded);
                } finally {
                    forecasterNanos.addAndGet(System.nanoTime() - started);
                }
            };
        };
        ForecastBoard board = new ForecastBoard(config.staleAfter());
        long heapBefore = usedHeapAfterGc();
        try (ForecastRefresher refresher = new ForecastRefresher(
                config,
                () -> hpas,
                new AnnotationParser(AnnotationKeys.DEFAULT, ZoneOffset.UTC),
                Optional.of(client::queryRange),
                timed,
                () -> EventCalendar.EMPTY,
                clock,
                board)) {
            ForecastRefresher.Round firstRound = refresher.refresh();
            long firstForecaster = forecasterNanos.getAndSet(0);
            long perHpa = (usedHeapAfterGc() - heapBefore) / size;
            LOG.info(
                    "forecast bench: {} HPAs, first refresh {} ms",
                    size,
                    firstRound.took().toMillis());
            rows.add(row(size, "first (reads each HPA's history once)", firstRound, firstForecaster, "-", perHpa));
            List<ForecastRefresher.Round> rounds = new ArrayList<>();
            List<Long> forecaster = new ArrayList<>();
            for (int i = 0; i < INCREMENTAL_ROUNDS; i++) {
                clock.advance(config.interval());
                rounds.add(refresher.refresh());
                forecaster.add(forecasterNanos.getAndSet(0));
            }
            int median = INCREMENTAL_ROUNDS / 2;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < rounds.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing(i -> rounds.get(i).took()));
            int pick = order.get(median);
            ForecastRefresher.Round typical = rounds.get(pick);
            long perHour = typical.queries()
                    * (Duration.ofHours(1).toSeconds() / config.interval().toSeconds());
            rows.add(row(
                    size,
                    "incremental (median of " + INCREMENTAL_ROUNDS + ", 5 minutes apart)",
                    typical,
                    forecaster.get(pick),
                    String.format("%,d", perHour),
                    usedHeapAfterGc() - heapBefore > 0 ? (usedHeapAfterGc() - heapBefore) / size : 0));
        }
    }

    private static List<String> row(
            int size, String refresh, ForecastRefresher.Round round, long forecasterNanos, String perHour, long heap) {
        return List.of(
                String.format("%,d", size),
                refresh,
                String.format("%,d ms", round.took().toMillis()),
                String.format("%,d ms", forecasterNanos / 1_000_000),
                String.format("%,d", round.queries()),
                perHour,
                Integer.toString(round.failed()),
                String.format("%,d KiB", heap / 1024));
    }

    /** N HPAs whose forecast is on, with the default signal, as the exporter's informer would hold them. */
    static List<HpaFacts> hpas(int size) {
        List<HpaFacts> hpas = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            HorizontalPodAutoscaler hpa = new HorizontalPodAutoscalerBuilder()
                    .withNewMetadata()
                    .withNamespace("bench")
                    .withName("app-" + i)
                    .addToAnnotations(AnnotationKeys.DEFAULT.forecast(), "on")
                    .endMetadata()
                    .withNewSpec()
                    .withMinReplicas(2)
                    .withMaxReplicas(100)
                    .withNewScaleTargetRef()
                    .withApiVersion("apps/v1")
                    .withKind("Deployment")
                    .withName("app-" + i)
                    .endScaleTargetRef()
                    .endSpec()
                    .build();
            hpas.add(HpaFacts.of(hpa));
        }
        return hpas;
    }

    /**
     * Writes each HPA's demand series from {@code first} to {@code last}, one after the other, in time order;
     * returns the samples written. The same HPA and second always give the same demand, whatever the file.
     */
    static long write(Path file, int size, long first, long last) throws IOException {
        long samples = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# TYPE " + DemandSignal.SERIES + " gauge\n");
            for (int i = 0; i < size; i++) {
                String series = DemandSignal.SERIES + "{hpa=\"app-" + i + "\",namespace=\"bench\"} ";
                Random shape = new Random(42L * 1_000_003 + i);
                double scale = 2 + shape.nextInt(40);
                double phase = shape.nextDouble() * 2 * Math.PI;
                for (long t = first; t <= last; t += SAMPLE) {
                    double day = 2 * Math.PI * (t % 86_400) / 86_400.0;
                    double noise = new Random(t * 31 + i).nextDouble();
                    double demand = scale * (1.2 + Math.sin(day + phase)) * (0.9 + 0.2 * noise);
                    out.write(series);
                    out.write(Double.toString(Math.round(demand * 100) / 100.0));
                    out.write(' ');
                    out.write(Long.toString(t));
                    out.write('\n');
                    samples++;
                }
            }
            out.write("# EOF\n");
        }
        return samples;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String version() {
        try {
            Process process = new ProcessBuilder("prometheus", "--version")
                    .redirectErrorStream(true)
                    .start();
            String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElse("?");
            process.waitFor();
            return first.replace("prometheus, version ", "");
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The refresher's clock, moved by the bench between rounds. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
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
            return now;
        }
    }
}
