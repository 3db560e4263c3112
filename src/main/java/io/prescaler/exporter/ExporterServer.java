package io.prescaler.exporter;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.prescaler.schedule.AnnotationParser;
import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The exporter's HTTP side: {@code /metrics} from the cache, {@code /healthz}, {@code /readyz}. */
public final class ExporterServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExporterServer.class);

    private final ExporterConfig config;
    private final HpaCache cache;
    /** The process series: everything but the per-HPA families, which {@link #prescaling} collects. */
    private final PrometheusRegistry processRegistry = new PrometheusRegistry();

    /**
     * client_java's default settings, not the ones a {@code prometheus.properties} file or system property could
     * set: {@link SeriesLineCache} writes the text format family by family, which relies on the writer not
     * appending {@code _created} lines after every family.
     */
    private final ExpositionFormats formats =
            ExpositionFormats.init(ExporterProperties.builder().build());

    private final PrescalingCollector prescaling;
    private final SpikeGuards spikes;
    private final SeriesLineCache lineCache;
    private final Histogram scrapeDuration;
    private final Javalin app;

    public ExporterServer(ExporterConfig config, HpaCache cache, Clock clock) {
        this(config, cache, clock, new ForecastBoard(ForecastConfig.DEFAULT_STALE_AFTER));
    }

    /** @param forecasts where the forecast's refresh loop leaves each HPA's forecast for the scrapes */
    public ExporterServer(ExporterConfig config, HpaCache cache, Clock clock, ForecastBoard forecasts) {
        this.config = config;
        this.cache = cache;
        AnnotationParser parser = new AnnotationParser(config.keys(), config.zone());
        this.lineCache = new SeriesLineCache(formats.getPrometheusTextFormatWriter());
        processRegistry.register(new CacheHealthCollector(cache, config.staleAfter(), forecasts));
        // One histogram for the whole exporter, not one per HPA: per-HPA buckets would add 12 lines per HPA to
        // every scrape (120,000 at 10,000 HPAs, more than all other series together); prescaling_shortfall_replicas
        // tells the HPAs apart.
        Histogram timeToMinimum = Histogram.builder()
                .name(ExportedSeries.TIME_TO_MINIMUM)
                .help("Time from the effective minimum rising above an HPA's current replicas to the HPA reporting"
                        + " at least that many, as seen at the scrapes.")
                .unit(Unit.SECONDS)
                .classicUpperBounds(15, 30, 60, 90, 120, 180, 300, 600, 1200)
                .register(processRegistry);
        // Fed by the informer before the first list, so that every spike-guarded HPA's window starts at once.
        this.spikes = new SpikeGuards(config.keys(), clock);
        cache.addListener(spikes);
        this.prescaling = new PrescalingCollector(
                cache::hpas,
                parser,
                clock,
                config.hpaLabels(),
                took -> timeToMinimum.observe(took.toMillis() / 1000.0),
                forecasts,
                spikes);
        this.scrapeDuration = Histogram.builder()
                .name(ExportedSeries.SCRAPE_DURATION)
                .help("Time to render /metrics from the informer cache.")
                .unit(Unit.SECONDS)
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
                .register(processRegistry);
        this.app = Javalin.create(javalin -> {
                    javalin.showJavalinBanner = false;
                    javalin.useVirtualThreads = false;
                })
                .get("/metrics", this::metrics)
                .get("/healthz", ctx -> ctx.result("ok"))
                .get("/readyz", this::ready)
                .exception(Exception.class, (e, ctx) -> {
                    LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                    ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).result("internal error: " + e.getMessage());
                });
    }

    public ExporterServer start() {
        // No host is Jetty's wildcard: every interface, IPv4 and IPv6 (an IPv6-only pod included).
        app.start(ExporterConfig.ALL_INTERFACES.equals(config.address()) ? null : config.address(), config.port());
        return this;
    }

    /** The spike guards the informer feeds, for tests to wait on. */
    /** The floors this exporter computes from demand (forecast, spike guard), for the KEDA scaler's answers. */
    public DemandFloors demandFloors() {
        return prescaling.demandFloors();
    }

    SpikeGuards spikeGuards() {
        return spikes;
    }

    /** The port actually bound (useful with --port 0). */
    public int port() {
        return app.port();
    }

    /**
     * Streams the body to the response (chunked, and gzipped when asked for, as Javalin sends any result) instead of
     * building it in memory first; the content type is set before the first byte. The scrape duration is the
     * rendering: up to the ready text body, or through client_java's writing for the other formats.
     */
    private void metrics(Context ctx) throws IOException {
        long started = System.nanoTime();
        String accept = ctx.header("Accept");
        ExpositionFormatWriter writer = new AcceptHeader(accept).admitsPrometheusText()
                ? formats.getPrometheusTextFormatWriter()
                : formats.findWriter(accept);
        ctx.contentType(writer.getContentType());
        if (writer instanceof PrometheusTextFormatWriter) {
            // Whenever the scraper admits it (Prometheus does, after OpenMetrics): the cached lines.
            SeriesLineCache.Body body = lineCache.body(prescaling.series(), processRegistry.scrape());
            scrapeDuration.observe((System.nanoTime() - started) / 1e9);
            body.writeTo(ctx.outputStream());
        } else {
            writer.write(ctx.outputStream(), allSnapshots());
            scrapeDuration.observe((System.nanoTime() - started) / 1e9);
        }
    }

    private MetricSnapshots allSnapshots() {
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        prescaling.collect().forEach(all::metricSnapshot);
        processRegistry.scrape().forEach(all::metricSnapshot);
        return all.build();
    }

    /**
     * Ready once every informer has listed its HPAs; before that 503 {@code not yet synced: REASON}. A watch lost later does not make the exporter unready: the
     * Service would drop it, the series would vanish and block every prescaled HPA's scale-in; the last known
     * state is better, and the staleness is reported here and in the metrics.
     */
    private void ready(Context ctx) {
        if (!cache.synced()) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .result(cache.problem().orElse("not yet synced: listing the HPAs"));
            return;
        }
        Duration down = cache.downFor();
        if (down.compareTo(config.staleAfter()) > 0) {
            ctx.result("ready, but stale: the HPA watch has been down for " + down.toSeconds()
                    + " s; serving the last known state");
            return;
        }
        ctx.result("ready");
    }

    @Override
    public void close() {
        app.stop();
    }
}
