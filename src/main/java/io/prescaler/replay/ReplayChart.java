package io.prescaler.replay;

import io.prescaler.demand.DemandCurve;
import io.prescaler.hpa.Capacity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The replay as an SVG chart: the demand and, per policy, the Ready pods over time. Long spans are drawn in at most
 * {@value #BUCKETS} columns, each showing the highest demand and the fewest Ready pods of its time, so that no
 * shortfall is smoothed away.
 */
public final class ReplayChart {

    static final int BUCKETS = 800;
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 440;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 70;
    private static final int BOTTOM = 50;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    private static final List<Duration> TIME_STEPS = List.of(
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(3),
            Duration.ofHours(6),
            Duration.ofHours(12),
            Duration.ofDays(1),
            Duration.ofDays(2),
            Duration.ofDays(7));

    private ReplayChart() {}

    public static String render(ReplayReport report, DemandCurve demand, ZoneId zone) {
        long from = report.from().getEpochSecond();
        long to = report.to().getEpochSecond();
        int buckets = (int) Math.max(1, Math.min(BUCKETS, to - from));
        double[] demandMax = new double[buckets];
        int[][] readyMin = new int[report.results().size()][buckets];
        double top = 1;
        for (int b = 0; b < buckets; b++) {
            long start = from + (to - from) * b / buckets;
            long end = Math.max(start + 1, from + (to - from) * (b + 1) / buckets);
            double most = 0;
            for (long s = start; s < end; s++) {
                most = Math.max(most, demand.at(s));
            }
            demandMax[b] = most;
            top = Math.max(top, most);
            for (int p = 0; p < report.results().size(); p++) {
                Capacity capacity = report.results().get(p).run().capacity();
                int fewest = Integer.MAX_VALUE;
                for (long s = start; s < end; s += Math.max(1, (end - start) / 60)) {
                    fewest = Math.min(fewest, capacity.readyAt(s));
                }
                readyMin[p][b] = fewest;
                top = Math.max(top, fewest);
            }
        }
        double yStep = niceStep(top / 5);
        double yTop = Math.ceil(top / yStep) * yStep;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"22\" font-size=\"16\" font-weight=\"bold\">replay %s</text>%n",
                LEFT,
                escape(report.hpa())));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"40\" fill=\"#555\">%s to %s (%s); demand and Ready pods, replicas</text>%n",
                LEFT,
                escape(label(report.from(), zone, true)),
                escape(label(report.to(), zone, true)),
                escape(zone.getId())));
        legend(svg, report);
        axes(svg, from, to, yStep, yTop, zone);
        polyline(svg, demandMax, yTop, "#000000", 1.6);
        for (int p = 0; p < readyMin.length; p++) {
            double[] values = new double[buckets];
            for (int b = 0; b < buckets; b++) {
                values[b] = readyMin[p][b];
            }
            polyline(svg, values, yTop, COLORS[p % COLORS.length], 1.2);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void legend(StringBuilder svg, ReplayReport report) {
        int x = LEFT;
        x = legendEntry(svg, x, "#000000", "demand");
        for (int p = 0; p < report.results().size(); p++) {
            x = legendEntry(
                    svg,
                    x,
                    COLORS[p % COLORS.length],
                    "Ready pods, " + report.results().get(p).policy().label());
        }
    }

    private static int legendEntry(StringBuilder svg, int x, String color, String text) {
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"55\" x2=\"%d\" y2=\"55\" stroke=\"%s\" stroke-width=\"2\"/>"
                        + "<text x=\"%d\" y=\"59\">%s</text>%n",
                x,
                x + 20,
                color,
                x + 25,
                escape(text)));
        return x + 45 + 7 * text.length();
    }

    private static void axes(StringBuilder svg, long from, long to, double yStep, double yTop, ZoneId zone) {
        int bottom = HEIGHT - BOTTOM;
        int right = WIDTH - RIGHT;
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT,
                TOP,
                right - LEFT,
                bottom - TOP));
        for (double y = 0; y <= yTop + 1e-9; y += yStep) {
            double py = yPixel(y, yTop);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT,
                    py,
                    right,
                    py,
                    LEFT - 6,
                    py + 4,
                    yStep >= 1 ? String.format(Locale.ROOT, "%.0f", y) : String.format(Locale.ROOT, "%.1f", y)));
        }
        Duration span = Duration.ofSeconds(to - from);
        Duration step = TIME_STEPS.stream()
                .filter(s -> span.dividedBy(s) <= 8)
                .findFirst()
                .orElse(TIME_STEPS.get(TIME_STEPS.size() - 1));
        boolean withTime = step.compareTo(Duration.ofDays(1)) < 0;
        long first = Math.floorDiv(from, step.toSeconds()) * step.toSeconds();
        for (long t = first; t <= to; t += step.toSeconds()) {
            if (t < from) {
                continue;
            }
            double px = xPixel(t, from, to);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px,
                    TOP,
                    px,
                    bottom,
                    px,
                    bottom + 18,
                    escape(label(Instant.ofEpochSecond(t), zone, withTime))));
        }
    }

    private static void polyline(StringBuilder svg, double[] values, double yTop, String color, double width) {
        svg.append(String.format(
                Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" points=\"", color, width));
        double columnWidth = (double) (WIDTH - RIGHT - LEFT) / values.length;
        for (int b = 0; b < values.length; b++) {
            double y = yPixel(values[b], yTop);
            svg.append(String.format(
                    Locale.ROOT, "%.1f,%.1f %.1f,%.1f ", LEFT + b * columnWidth, y, LEFT + (b + 1) * columnWidth, y));
        }
        svg.append("\"/>\n");
    }

    private static double yPixel(double value, double yTop) {
        return HEIGHT - BOTTOM - value / yTop * (HEIGHT - BOTTOM - TOP);
    }

    private static double xPixel(long second, long from, long to) {
        return LEFT + (double) (second - from) / (to - from) * (WIDTH - RIGHT - LEFT);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String label(Instant at, ZoneId zone, boolean withTime) {
        return DateTimeFormatter.ofPattern(withTime ? "MM-dd HH:mm" : "EEE MM-dd", Locale.ROOT)
                .withZone(zone)
                .format(at);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
