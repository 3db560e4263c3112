package io.prescaler.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a day's plan as an SVG chart: one panel per HPA with the effective minimum (blue, stepped) and the
 * replicas of the HPA controller model (orange) against the time of day; the window is shaded grey, event spans
 * amber with their labels laid out by {@link LabelLayout}; a legend names all four.
 */
public final class PlanChart {

    private static final double TITLE_HEIGHT = 48;
    private static final String TEXT = "#111827";
    private static final String MUTED = "#4b5563";
    private static final String WARNING = "#b91c1c";
    private static final String AXIS = "#374151";
    private static final String GRID = "#d1d5db";
    private static final String WINDOW = "#e5e7eb";
    private static final String EVENT = "#fcd34d";
    private static final String MINIMUM = "#2563eb";
    private static final String REPLICAS = "#ea580c";

    private PlanChart() {}

    public static String render(DayPlan plan) {
        List<ChartPanel> panels = layout(plan);
        double height = panels.isEmpty()
                ? TITLE_HEIGHT
                : panels.get(panels.size() - 1).top()
                        + panels.get(panels.size() - 1).height();
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f"
                                + " %.0f\" font-family=\"sans-serif\" font-size=\"12\">\n",
                        ChartPanel.WIDTH,
                        height,
                        ChartPanel.WIDTH,
                        height))
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                .append(text(
                        ChartPanel.LEFT,
                        24,
                        "Prescaler plan for " + plan.date() + " (" + plan.zone() + ")",
                        16,
                        "bold",
                        TEXT,
                        "start"));
        panels.forEach(panel -> draw(svg, panel));
        return svg.append("</svg>\n").toString();
    }

    /** Every panel laid out, one under the other; what {@link #render} draws. */
    static List<ChartPanel> layout(DayPlan plan) {
        List<ChartPanel> panels = new ArrayList<>();
        double top = TITLE_HEIGHT;
        for (HpaPlan hpa : plan.hpas()) {
            ChartPanel panel = ChartPanel.of(plan, hpa, top);
            panels.add(panel);
            top += panel.height();
        }
        return panels;
    }

    private static void draw(StringBuilder svg, ChartPanel panel) {
        header(svg, panel);
        // the shades first, so that no shade covers a line or a label
        panel.windows().forEach(area -> svg.append(rect(area, WINDOW, 0.6, null)));
        panel.events().forEach(event -> svg.append(rect(event.area(), EVENT, 0.6, null)));
        axes(svg, panel);
        svg.append(polyline(panel.minimum(), MINIMUM, 2.5));
        svg.append(polyline(panel.replicas(), REPLICAS, 1.5));
        labels(svg, panel);
        legend(svg, panel);
    }

    private static void header(StringBuilder svg, ChartPanel panel) {
        double y = panel.top() + 22;
        svg.append(text(ChartPanel.LEFT, y, panel.title(), 13, "bold", TEXT, "start"));
        if (!panel.subtitle().isEmpty()) {
            svg.append(text(ChartPanel.LEFT, y + 16, panel.subtitle(), 11, "normal", MUTED, "start"));
        }
        for (int i = 0; i < panel.warnings().size(); i++) {
            svg.append(text(
                    ChartPanel.LEFT,
                    y + 30 + ChartPanel.LINE * i,
                    "warning: " + panel.warnings().get(i),
                    11,
                    "normal",
                    WARNING,
                    "start"));
        }
    }

    /** Grid lines at every tick, the tick labels, then the two axes over them. */
    private static void axes(StringBuilder svg, ChartPanel panel) {
        ChartBox plot = panel.plot();
        for (TimeAxis.Tick tick : panel.time().ticks()) {
            double x = panel.time().x(tick.at());
            svg.append(line(x, plot.y(), x, plot.bottom(), GRID, "2,3"));
            svg.append(text(x, plot.bottom() + 16, tick.label(), 11, "normal", TEXT, "middle"));
        }
        for (int value : panel.ticks().values()) {
            double y = panel.y(value);
            svg.append(line(plot.x(), y, plot.right(), y, GRID, "2,3"));
            svg.append(text(plot.x() - 6, y + 4, Integer.toString(value), 11, "normal", TEXT, "end"));
        }
        svg.append(line(plot.x(), plot.bottom(), plot.right(), plot.bottom(), AXIS, null));
        svg.append(line(plot.x(), plot.y(), plot.x(), plot.bottom(), AXIS, null));
    }

    /** Each label with a white halo, so that a line it could not avoid does not hide it. */
    private static void labels(StringBuilder svg, ChartPanel panel) {
        for (ChartPanel.EventSpan event : panel.events()) {
            event.labelBox()
                    .ifPresent(box -> svg.append("<g stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">")
                            .append(text(
                                            box.x(),
                                            box.bottom() - 3.5,
                                            event.label(),
                                            LabelLayout.FONT_SIZE,
                                            "normal",
                                            TEXT,
                                            "start")
                                    .stripTrailing())
                            .append("</g>\n"));
        }
    }

    /** The legend, right-aligned under the time labels: both lines and both shades. */
    private static void legend(StringBuilder svg, ChartPanel panel) {
        record Entry(String colour, boolean line, String text) {}
        List<Entry> entries = List.of(
                new Entry(MINIMUM, true, "effective minimum"),
                new Entry(REPLICAS, true, "replicas (HPA model)"),
                new Entry(WINDOW, false, "prescaling window"),
                new Entry(EVENT, false, "event"));
        double swatch = 10;
        double gap = 16;
        double width = entries.stream()
                .mapToDouble(e -> swatch + 4 + e.text().length() * LabelLayout.CHAR_WIDTH + gap)
                .sum();
        double x = panel.plot().right() - width + gap;
        double baseline = panel.plot().bottom() + 36;
        svg.append("<g font-size=\"11\">");
        for (Entry e : entries) {
            ChartBox mark =
                    e.line() ? new ChartBox(x, baseline - 5, swatch, 3) : new ChartBox(x, baseline - 9, swatch, 10);
            // a shade's swatch gets an outline: the window's light grey alone hardly shows on white
            svg.append(rect(mark, e.colour(), e.line() ? 1 : 0.6, e.line() ? null : GRID)
                            .stripTrailing())
                    .append(text(x + swatch + 4, baseline, e.text(), 11, "normal", TEXT, "start")
                            .stripTrailing());
            x += swatch + 4 + e.text().length() * LabelLayout.CHAR_WIDTH + gap;
        }
        svg.append("</g>\n");
    }

    private static String rect(ChartBox box, String colour, double opacity, String outline) {
        return String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s%s/>\n",
                box.x(),
                box.y(),
                box.width(),
                box.height(),
                colour,
                opacity < 1 ? String.format(Locale.ROOT, " fill-opacity=\"%.2f\"", opacity) : "",
                outline == null ? "" : " stroke=\"" + outline + "\"");
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dashes) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
                x1,
                y1,
                x2,
                y2,
                colour,
                dashes == null ? "" : " stroke-dasharray=\"" + dashes + "\"");
    }

    private static String polyline(ChartLine line, String colour, double width) {
        StringBuilder points = new StringBuilder();
        for (ChartLine.Point p : line.points()) {
            if (!points.isEmpty()) {
                points.append(' ');
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f", p.x(), p.y()));
        }
        return String.format(
                Locale.ROOT,
                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" points=\"%s\"/>\n",
                colour,
                width,
                points);
    }

    private static String text(
            double x, double y, String content, int size, String weight, String colour, String anchor) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\" fill=\"%s\"%s>%s</text>\n",
                x,
                y,
                size,
                weight,
                colour,
                anchor.equals("start") ? "" : " text-anchor=\"" + anchor + "\"",
                escape(content));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
