package io.prescaler.plan;

import io.prescaler.schedule.EventAnnotations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a day's plan as an SVG chart: one panel per HPA with the effective minimum (blue, stepped) and the
 * replicas of the HPA controller model (orange) against the time of day; the window is shaded grey, event spans amber.
 */
public final class PlanChart {

    private static final int WIDTH = 960;
    private static final int PANEL = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 24;
    private static final int TOP = 52;
    private static final int BOTTOM = 36;

    private PlanChart() {}

    public static String render(DayPlan plan) {
        int height = 48 + plan.hpas().size() * PANEL;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                .append(text(LEFT, 24, "Prescaler plan for " + plan.date() + " (" + plan.zone() + ")", "16", "bold"));
        for (int i = 0; i < plan.hpas().size(); i++) {
            panel(svg, plan, plan.hpas().get(i), 48 + i * PANEL);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, DayPlan plan, HpaPlan hpa, int y0) {
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = PANEL - TOP - BOTTOM;
        double top = y0 + TOP;
        double bottom = top + plotHeight;
        List<PlanStep> steps = hpa.steps();
        int maxValue = 1;
        for (PlanStep s : steps) {
            maxValue = Math.max(maxValue, Math.max(s.minimum(), s.replicas()));
        }
        double yMax = Math.ceil(maxValue * 1.15);
        Duration day = Duration.between(plan.from(), plan.to());
        // The table's header is one long line; in the chart its first clause is the title and the rest a subtitle.
        String header = PlanTable.header(hpa);
        int cut = header.indexOf("; ");
        svg.append(text(LEFT, y0 + 22, cut < 0 ? header : header.substring(0, cut), "13", "bold"));
        if (cut >= 0) {
            svg.append(text(LEFT, y0 + 38, header.substring(cut + 2), "11", "normal", "#4b5563"));
        }
        List<String> warnings = PlanTable.warnings(hpa, plan);
        for (int w = 0; w < warnings.size(); w++) {
            svg.append(text(LEFT + 8, top + 28 + 14 * w, "warning: " + warnings.get(w), "11", "normal", "#b91c1c"));
        }
        // shaded spans: the window (grey), then events (amber, labelled)
        shade(svg, steps, plan, day, plotWidth, top, plotHeight, PlanStep::windowOpen, "#e5e7eb", null, 0, svg);
        StringBuilder labels = new StringBuilder(); // drawn after every shade, so no shade covers a label
        List<String> eventNames = steps.stream()
                .flatMap(s -> s.event().stream())
                .map(e -> e.name())
                .distinct()
                .toList();
        for (int row = 0; row < eventNames.size(); row++) {
            String name = eventNames.get(row);
            Optional<PlanStep> first = steps.stream()
                    .filter(s -> s.event().map(e -> e.name()).equals(Optional.of(name)))
                    .findFirst();
            String label = name + " x"
                    + EventAnnotations.plain(first.get().event().get().multiplier());
            shade(
                    svg,
                    steps,
                    plan,
                    day,
                    plotWidth,
                    top,
                    plotHeight,
                    s -> s.event().map(e -> e.name()).equals(Optional.of(name)),
                    "#fcd34d",
                    label,
                    row,
                    labels);
        }
        svg.append(labels);
        // axes and grid
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#374151\"/>\n",
                LEFT,
                bottom,
                LEFT + plotWidth,
                bottom));
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#374151\"/>\n",
                LEFT,
                top,
                LEFT,
                bottom));
        for (int h = 0; h <= 24; h += 3) {
            double x = LEFT + plotWidth * Math.min(1.0, h * 3600.0 / day.toSeconds());
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d1d5db\" stroke-dasharray=\"2,3\"/>\n",
                    x,
                    top,
                    x,
                    bottom));
            svg.append(text(x - 14, bottom + 16, String.format(Locale.ROOT, "%02d:00", h), "11", "normal"));
        }
        for (int k = 0; k <= 4; k++) {
            double value = yMax * k / 4;
            double y = bottom - plotHeight * k / 4;
            svg.append(text(LEFT - 40, y + 4, String.format(Locale.ROOT, "%.0f", value), "11", "normal"));
        }
        series(svg, steps, plan, day, plotWidth, bottom, plotHeight, yMax, true, "#2563eb");
        series(svg, steps, plan, day, plotWidth, bottom, plotHeight, yMax, false, "#ea580c");
        svg.append(legend(LEFT + plotWidth - 330, bottom + 30));
    }

    private static String legend(double x, double y) {
        return String.format(
                Locale.ROOT,
                "<g font-size=\"11\"><rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"3\" fill=\"#2563eb\"/>"
                        + "<text x=\"%.1f\" y=\"%.1f\">effective minimum</text>"
                        + "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"3\" fill=\"#ea580c\"/>"
                        + "<text x=\"%.1f\" y=\"%.1f\">replicas (HPA model)</text>"
                        + "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"8\" fill=\"#fcd34d\"/>"
                        + "<text x=\"%.1f\" y=\"%.1f\">event</text></g>\n",
                x,
                y - 4,
                x + 14,
                y,
                x + 130,
                y - 4,
                x + 144,
                y,
                x + 270,
                y - 8,
                x + 284,
                y);
    }

    private interface StepTest {
        boolean test(PlanStep step);
    }

    private static void shade(
            StringBuilder svg,
            List<PlanStep> steps,
            DayPlan plan,
            Duration day,
            double plotWidth,
            double top,
            double plotHeight,
            StepTest inside,
            String colour,
            String label,
            int labelRow,
            StringBuilder labels) {
        int start = -1;
        for (int i = 0; i <= steps.size(); i++) {
            boolean in = i < steps.size() && inside.test(steps.get(i));
            if (in && start < 0) {
                start = i;
            } else if (!in && start >= 0) {
                double x1 = x(steps.get(start).at(), plan, day, plotWidth);
                double x2 = x(i < steps.size() ? steps.get(i).at() : plan.to(), plan, day, plotWidth);
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.6\"/>\n",
                        x1,
                        top,
                        Math.max(0.5, x2 - x1),
                        plotHeight,
                        colour));
                if (label != null) {
                    // one row per event, so the labels of overlapping events do not print over each other
                    labels.append(text(x1 + 3, top + 12 + 13 * labelRow, label, "11", "normal"));
                }
                start = -1;
            }
        }
    }

    private static void series(
            StringBuilder svg,
            List<PlanStep> steps,
            DayPlan plan,
            Duration day,
            double plotWidth,
            double bottom,
            double plotHeight,
            double yMax,
            boolean minimum,
            String colour) {
        StringBuilder points = new StringBuilder();
        double previousY = Double.NaN;
        for (int i = 0; i < steps.size(); i++) {
            PlanStep s = steps.get(i);
            double value = minimum ? s.minimum() : s.replicas();
            double x = x(s.at(), plan, day, plotWidth);
            double y = bottom - plotHeight * value / yMax;
            if (!Double.isNaN(previousY)) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, previousY));
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            previousY = y;
        }
        points.append(String.format(Locale.ROOT, "%.1f,%.1f", LEFT + plotWidth, previousY));
        svg.append("<polyline fill=\"none\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"")
                .append(minimum ? "2.5" : "1.5")
                .append("\" points=\"")
                .append(points)
                .append("\"/>\n");
    }

    private static double x(Instant at, DayPlan plan, Duration day, double plotWidth) {
        return LEFT + plotWidth * Duration.between(plan.from(), at).toSeconds() / day.toSeconds();
    }

    private static String text(double x, double y, String content, String size, String weight) {
        return text(x, y, content, size, weight, "#111827");
    }

    private static String text(double x, double y, String content, String size, String weight, String colour) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%s\" font-weight=\"%s\" fill=\"%s\">%s</text>\n",
                x,
                y,
                size,
                weight,
                colour,
                escape(content));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
