package io.prescaler.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javalin.Javalin;
import io.prescaler.cluster.ApiServer;
import io.prescaler.cluster.ClusterConnection;
import io.prescaler.cluster.ClusterReader;
import io.prescaler.exporter.PrescalingCollector;
import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationParser;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;

/**
 * The approach Prescaler's exporter avoids, for comparison: LIST every HPA from the API server on each scrape, then
 * render the same series with the same collector.
 */
final class ListingExporter implements AutoCloseable {

    private final Javalin app;

    ListingExporter(KubernetesClient client, AnnotationParser parser, Clock clock) {
        ClusterReader cluster = new ClusterReader(
                new ClusterConnection(client, new ApiServer(String.valueOf(client.getMasterUrl()), "the bench")));
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new PrescalingCollector(
                () -> cluster.hpas().stream().map(HpaFacts::of).toList(), parser, clock, List.of()));
        ExpositionFormats formats = ExpositionFormats.init();
        this.app = Javalin.create(javalin -> {
                    javalin.showJavalinBanner = false;
                    javalin.useVirtualThreads = false;
                })
                .get("/metrics", ctx -> {
                    // The text format whatever is asked, as the exporter answers Prometheus: the same body to compare.
                    ExpositionFormatWriter writer = formats.getPrometheusTextFormatWriter();
                    ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
                    writer.write(body, registry.scrape());
                    ctx.contentType(writer.getContentType()).result(body.toByteArray());
                });
    }

    ListingExporter start() {
        app.start("127.0.0.1", 0);
        return this;
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
