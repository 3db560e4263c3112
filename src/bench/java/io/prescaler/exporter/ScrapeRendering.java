package io.prescaler.exporter;

import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The exporter's scrape path without HTTP, for the benchmarks: the collector deciding every HPA at the clock's
 * instant and the line cache writing the text body, over whatever HPAs it is handed before each scrape.
 */
public final class ScrapeRendering {

    private final SeriesLineCache cache = new SeriesLineCache(PrometheusTextFormatWriter.create());
    private final PrescalingCollector collector;
    private volatile List<HpaFacts> hpas;

    public ScrapeRendering(List<HpaFacts> hpas, Clock clock) {
        this.hpas = List.copyOf(hpas);
        this.collector = new PrescalingCollector(
                () -> this.hpas, new AnnotationParser(AnnotationKeys.DEFAULT, ZoneOffset.UTC), clock, List.of());
    }

    /** The HPAs the next scrapes see, as the informer cache would hand them after status updates. */
    public void use(List<HpaFacts> next) {
        this.hpas = List.copyOf(next);
    }

    /** One scrape; the body is counted and thrown away. */
    public long scrape() throws IOException {
        CountingSink sink = new CountingSink();
        cache.write(sink, collector.series(), new MetricSnapshots());
        return sink.bytes;
    }

    private static final class CountingSink extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
