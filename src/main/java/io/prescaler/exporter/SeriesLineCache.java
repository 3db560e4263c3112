package io.prescaler.exporter;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code /metrics} in the Prometheus text format from the sample lines client_java rendered for each HPA at
 * an earlier scrape, re-rendering an HPA only when its labels or values changed.
 *
 * <p>Why: rendering every line of 10,000 HPAs on every scrape cost most of a scrape (client_java validates each
 * label name of each line), while an HPA's values only change at window and event boundaries and when its replicas
 * change. The body stays byte-for-byte what {@link PrometheusTextFormatWriter} writes for the same snapshots:
 * families in the order {@link MetricSnapshots} sorts them, each family's header as the writer wrote it, its lines
 * in the order client_java sorts data points (by {@link Labels}), a family without data points omitted, and the
 * process families written by the writer itself.
 */
final class SeriesLineCache {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesLineCache.class);

    private static final byte NEWLINE = '\n';
    private static final byte COMMENT = '#';

    private final PrometheusTextFormatWriter writer;

    /** What each HPA's lines were rendered from; an HPA absent from a scrape is dropped with its lines. */
    private final Map<String, Rendered> rendered = new HashMap<>();

    /** Each family's sample lines, sorted as client_java sorts data points. */
    private final Map<HpaFamily, TreeMap<Labels, Line>> lines = new EnumMap<>(HpaFamily.class);

    /**
     * Each family's lines in that order, as a list: walking a tree of 10,000 nodes per family at every scrape cost
     * more than the rest of writing the body. Made again from the tree when a family gained or lost a line.
     */
    private final Map<HpaFamily, List<Line>> ordered = new EnumMap<>(HpaFamily.class);

    private final Set<HpaFamily> reordered = EnumSet.allOf(HpaFamily.class);

    /**
     * One cached sample line. The holder stays in its family's map while the HPA's labels stay; a new value replaces
     * its bytes (never changes them: a body handed out keeps the bytes it was given).
     */
    private static final class Line {
        private byte[] bytes;

        Line(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /**
     * An HPA's series with its lines, one per point in the same order, so that a change of values is written
     * straight into them: looking each line up by its labels among 10,000 HPAs' cost more than the rest of the
     * scrape when every demand moved.
     */
    private static final class Rendered {
        private HpaSeries series;
        private final Line[] lines;

        /** The last scrape that listed the HPA. */
        private long scrape;

        Rendered(HpaSeries series, Line[] lines, long scrape) {
            this.series = series;
            this.lines = lines;
            this.scrape = scrape;
        }
    }

    /** Counts the scrapes, to tell the HPAs a scrape listed from those gone since. */
    private long scrapes;

    /** Each family's {@code # HELP} and {@code # TYPE} lines, as the writer wrote them the first time. */
    private final Map<HpaFamily, byte[]> headers = new EnumMap<>(HpaFamily.class);

    /** The per-HPA families by the name client_java knows them by. */
    private final Map<String, HpaFamily> familiesByName = new HashMap<>();

    /** Each per-HPA family without data points, for client_java to place it among the process families. */
    private final List<MetricSnapshot> emptyFamilies = new ArrayList<>();

    /** How many chunks the last body had, to size the next one's list. */
    private int lastChunkCount;

    SeriesLineCache(PrometheusTextFormatWriter writer) {
        this.writer = writer;
        for (HpaFamily family : HpaFamily.values()) {
            lines.put(family, new TreeMap<>());
            familiesByName.put(family.metricName(), family);
            emptyFamilies.add(family.snapshot(List.of()));
        }
    }

    /** Writes the body for these HPAs and process families to {@code out}. */
    void write(OutputStream out, List<HpaSeries> series, MetricSnapshots process) throws IOException {
        body(series, process).writeTo(out);
    }

    /**
     * The body for these HPAs and process families, as the cached chunks it is made of. Synchronized: concurrent
     * scrapes take turns, each getting a body consistent with the series it was given; the chunks are never changed
     * once cached (a changed HPA gets new ones), so the body is written out after the lock is released.
     */
    synchronized Body body(List<HpaSeries> series, MetricSnapshots process) throws IOException {
        update(series);
        List<MetricSnapshot> families = new ArrayList<>(emptyFamilies);
        process.forEach(families::add);
        List<byte[]> chunks = new ArrayList<>(lastChunkCount + 16);
        for (MetricSnapshot family : new MetricSnapshots(families)) {
            HpaFamily hpaFamily = familiesByName.get(family.getMetadata().getName());
            if (hpaFamily == null) {
                ByteArrayOutputStream rendered = new ByteArrayOutputStream(1024);
                writer.write(rendered, MetricSnapshots.of(family));
                chunks.add(rendered.toByteArray());
                continue;
            }
            if (reordered.remove(hpaFamily)) {
                ordered.put(hpaFamily, new ArrayList<>(lines.get(hpaFamily).values()));
            }
            List<Line> familyLines = ordered.get(hpaFamily);
            if (familyLines.isEmpty()) {
                continue;
            }
            chunks.add(headers.get(hpaFamily));
            for (Line line : familyLines) {
                chunks.add(line.bytes);
            }
        }
        lastChunkCount = chunks.size();
        return new Body(chunks);
    }

    /**
     * A scrape's body as a sequence of byte chunks: a cached line, a family header, or a process family that
     * client_java rendered for this scrape. Written out through one buffer instead of being concatenated first:
     * at 10,000 HPAs the body is 6.4 MB in 90,000 lines, and copying it into one array, then out of that array
     * again, took a good part of a scrape.
     */
    record Body(List<byte[]> chunks) {

        /** What the output stream is handed at a time: large enough that Jetty writes it straight to the socket. */
        static final int BUFFER_BYTES = 64 * 1024;

        Body {
            chunks = List.copyOf(chunks);
        }

        void writeTo(OutputStream out) throws IOException {
            byte[] buffer = new byte[BUFFER_BYTES];
            int filled = 0;
            for (byte[] chunk : chunks) {
                int copied = 0;
                while (copied < chunk.length) {
                    if (filled == buffer.length) {
                        out.write(buffer, 0, filled);
                        filled = 0;
                    }
                    int length = Math.min(chunk.length - copied, buffer.length - filled);
                    System.arraycopy(chunk, copied, buffer, filled, length);
                    filled += length;
                    copied += length;
                }
            }
            if (filled > 0) {
                out.write(buffer, 0, filled);
            }
        }
    }

    /** HPAs whose lines are held, for tests. */
    synchronized int size() {
        return rendered.size();
    }

    private void update(List<HpaSeries> series) throws IOException {
        long scrape = ++scrapes;
        int listed = 0;
        List<HpaSeries> changed = new ArrayList<>();
        for (HpaSeries hpa : series) {
            Rendered previous = rendered.get(hpa.key());
            if (previous != null && previous.scrape != scrape) {
                previous.scrape = scrape;
                listed++;
                // The collector hands out the same series object while nothing in it changed: no comparison then.
                if (hpa == previous.series || hpa.equals(previous.series)) {
                    continue;
                }
                if (revalued(previous, hpa)) {
                    previous.series = hpa;
                    continue;
                }
                forget(previous.series);
                rendered.remove(hpa.key());
                listed--;
            }
            changed.add(hpa);
        }
        if (listed < rendered.size()) {
            // Some HPAs were not listed: gone from the cluster, or no longer exported.
            rendered.values().removeIf(hpa -> {
                if (hpa.scrape == scrape) {
                    return false;
                }
                forget(hpa.series);
                return true;
            });
        }
        if (!changed.isEmpty()) {
            renderEach(changed, scrape);
        }
    }

    /**
     * Renders the changed HPAs together, the fast way; should that fail, each on its own, so that one HPA the
     * writer cannot render is left out of the body (and logged) while every other HPA's lines are served.
     */
    private void renderEach(List<HpaSeries> changed, long scrape) throws IOException {
        try {
            render(changed);
            changed.forEach(hpa -> remember(hpa, scrape));
            return;
        } catch (RuntimeException e) {
            changed.forEach(this::forget);
        }
        for (HpaSeries hpa : changed) {
            try {
                render(List.of(hpa));
                remember(hpa, scrape);
            } catch (RuntimeException e) {
                forget(hpa);
                LOG.warn("{}: its series could not be rendered, left out of this scrape: {}", hpa.key(), e.toString());
            }
        }
    }

    /** Keeps a rendered HPA with its lines, found once by their labels. */
    private void remember(HpaSeries hpa, long scrape) {
        List<HpaSeries.Point> points = hpa.points();
        Line[] held = new Line[points.size()];
        for (int i = 0; i < held.length; i++) {
            HpaSeries.Point point = points.get(i);
            held[i] = lines.get(point.family()).get(point.labels());
        }
        rendered.put(hpa.key(), new Rendered(hpa, held, scrape));
    }

    /**
     * Rewrites the values of the cached lines in place when only gauge values changed (same families and labels in
     * the same order): the common change (replicas, demand moving at every HPA status update), which otherwise
     * costs a writer call per HPA. The value is written as client_java's text writer writes a double ({@code +Inf},
     * {@code -Inf}, else {@link Double#toString}), so the body stays byte-for-byte the writer's.
     *
     * @return false, touching nothing, when the change is more than values: the HPA is then rendered again
     */
    private static boolean revalued(Rendered previous, HpaSeries next) {
        List<HpaSeries.Point> before = previous.series.points();
        List<HpaSeries.Point> after = next.points();
        Line[] held = previous.lines;
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < after.size(); i++) {
            HpaSeries.Point old = before.get(i);
            HpaSeries.Point point = after.get(i);
            if (old.family() != point.family()
                    || !old.labels().equals(point.labels())
                    || (point.family() == HpaFamily.EVENT_INFO && old.value() != point.value())
                    || held[i] == null) {
                return false;
            }
        }
        for (int i = 0; i < after.size(); i++) {
            HpaSeries.Point point = after.get(i);
            if (Double.compare(point.value(), before.get(i).value()) == 0) {
                continue; // unchanged, and an info line's value is written "1", not as a double
            }
            byte[] line = held[i].bytes;
            int valueStart = lastSpace(line) + 1;
            byte[] value = formatted(point.value());
            byte[] rewritten = Arrays.copyOf(line, valueStart + value.length + 1);
            System.arraycopy(value, 0, rewritten, valueStart, value.length);
            rewritten[rewritten.length - 1] = NEWLINE;
            held[i].bytes = rewritten;
        }
        return true;
    }

    private static int lastSpace(byte[] line) {
        for (int i = line.length - 1; i >= 0; i--) {
            if (line[i] == ' ') {
                return i;
            }
        }
        throw unexpected(line);
    }

    private static byte[] formatted(double value) {
        String text = value == Double.POSITIVE_INFINITY
                ? "+Inf"
                : value == Double.NEGATIVE_INFINITY ? "-Inf" : Double.toString(value);
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private void forget(HpaSeries hpa) {
        for (HpaSeries.Point point : hpa.points()) {
            if (lines.get(point.family()).remove(point.labels()) != null) {
                reordered.add(point.family());
            }
        }
    }

    /**
     * Has the writer render these HPAs, in one call since many change together at a window boundary, and files each
     * sample line under its family and labels. The writer writes each non-empty family as its header lines (starting
     * with {@code #}) then one line per data point in the snapshot's order; label values and help texts have their
     * newlines escaped, so every {@code \n} ends a line.
     */
    private void render(List<HpaSeries> hpas) throws IOException {
        MetricSnapshots snapshots = HpaSeries.snapshots(hpas);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024 * hpas.size());
        writer.write(buffer, snapshots);
        byte[] text = buffer.toByteArray();
        int position = 0;
        for (MetricSnapshot snapshot : snapshots) {
            if (snapshot.getDataPoints().isEmpty()) {
                continue;
            }
            HpaFamily family = familiesByName.get(snapshot.getMetadata().getName());
            int headerStart = position;
            while (position < text.length && text[position] == COMMENT) {
                position = endOfLine(text, position);
            }
            if (!headers.containsKey(family)) {
                headers.put(family, Arrays.copyOfRange(text, headerStart, position));
            }
            for (DataPointSnapshot point : snapshot.getDataPoints()) {
                if (position >= text.length || text[position] == COMMENT) {
                    throw unexpected(text);
                }
                int end = endOfLine(text, position);
                lines.get(family).put(point.getLabels(), new Line(Arrays.copyOfRange(text, position, end)));
                reordered.add(family);
                position = end;
            }
        }
        if (position != text.length) {
            throw unexpected(text);
        }
    }

    private static int endOfLine(byte[] text, int from) {
        for (int i = from; i < text.length; i++) {
            if (text[i] == NEWLINE) {
                return i + 1;
            }
        }
        throw unexpected(text);
    }

    /** The writer's output did not have the shape this class relies on: a client_java change to look at. */
    private static IllegalStateException unexpected(byte[] text) {
        String start = new String(text, 0, Math.min(text.length, 2000), StandardCharsets.UTF_8);
        return new IllegalStateException("client_java rendered the per-HPA series in a shape the line cache does not"
                + " know (per family: its header, then one line per data point); the output starts with: " + start);
    }
}
