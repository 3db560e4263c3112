package io.prescaler.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The benchmarks' settings, read once from {@link Bench}'s flags.
 *
 * @param suites the suites to run, in order; empty means every available suite
 * @param outDir where {@code <suite>.json} files are written
 */
public record BenchSettings(
        List<String> suites,
        Path outDir,
        List<Integer> exporterSizes,
        int scrapes,
        Duration scrapeBudget,
        Webhook webhook,
        Events events,
        Keda keda,
        Forecast forecast) {

    /** Without KEDA or forecast settings: those suites' defaults. */
    public BenchSettings(
            List<String> suites,
            Path outDir,
            List<Integer> exporterSizes,
            int scrapes,
            Duration scrapeBudget,
            Webhook webhook,
            Events events) {
        this(suites, outDir, exporterSizes, scrapes, scrapeBudget, webhook, events, Keda.DEFAULT, Forecast.DEFAULTS);
    }

    /**
     * The keda suite's settings.
     *
     * @param sizes ScaledObject counts
     * @param rate GetMetrics calls per second, held for {@code duration} after {@code warmUp} at the same rate
     */
    public record Keda(List<Integer> sizes, int rate, Duration duration, Duration warmUp) {

        public static final Keda DEFAULT = new Keda(List.of(1000), 100, Duration.ofSeconds(30), Duration.ofSeconds(20));

        public Keda {
            sizes = List.copyOf(sizes);
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(warmUp, "warmUp");
        }
    }

    /**
     * The forecast suite's settings.
     *
     * @param sizes forecast HPA counts
     * @param days days of demand history backfilled per HPA (5-minute samples)
     * @param concurrency the exporter's --forecast-concurrency
     */
    public record Forecast(List<Integer> sizes, int days, int concurrency) {

        public static final Forecast DEFAULTS = new Forecast(List.of(1000), 14, 4);

        public Forecast {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1) || days < 1 || concurrency < 1) {
                throw new IllegalArgumentException("the forecast suite needs HPA counts, days and a concurrency >= 1");
            }
        }
    }

    public BenchSettings {
        Objects.requireNonNull(keda, "keda");
        suites = List.copyOf(suites);
        Objects.requireNonNull(outDir, "outDir");
        exporterSizes = List.copyOf(exporterSizes);
        Objects.requireNonNull(scrapeBudget, "scrapeBudget");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(forecast, "forecast");
    }

    /**
     * The webhook suite's settings.
     *
     * @param duration closed-loop measuring time per endpoint and connection count
     * @param warmUp closed-loop time per endpoint before measuring
     * @param rate requests per second of the fixed-rate run, held for {@code rateDuration}
     */
    public record Webhook(
            Path admissionReview,
            List<Integer> connections,
            Duration duration,
            Duration warmUp,
            int rate,
            Duration rateDuration) {

        public Webhook {
            Objects.requireNonNull(admissionReview, "admissionReview");
            connections = List.copyOf(connections);
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(warmUp, "warmUp");
            Objects.requireNonNull(rateDuration, "rateDuration");
        }
    }

    /**
     * The events suite's settings.
     *
     * @param jar the Prescaler jar the child JVM runs
     * @param jvmOptions options of the child JVM
     */
    public record Events(List<Integer> sizes, Path jar, List<String> jvmOptions) {

        public Events {
            sizes = List.copyOf(sizes);
            Objects.requireNonNull(jar, "jar");
            jvmOptions = List.copyOf(jvmOptions);
        }
    }
}
