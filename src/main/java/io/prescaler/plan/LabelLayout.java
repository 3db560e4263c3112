package io.prescaler.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Places the labels of a panel's event spans: each inside the plot, none over another, and, wherever some free place
 * allows it, not crossed by a plotted line. A label sits near its
 * span: from the span's start, or ending at the span's end (or at the plot's right edge) when it would run past it,
 * in the highest free row. Text boxes are estimated from the character count with a glyph width generous for a
 * sans-serif font, so that the text drawn stays inside its box.
 */
final class LabelLayout {

    static final int FONT_SIZE = 11;
    static final double CHAR_WIDTH = 0.62 * FONT_SIZE;
    static final double LINE_HEIGHT = 14;
    /** Space between a label and the edge of its span or of the plot. */
    static final double PAD = 3;
    /** How far apart the positions tried along a row are. */
    static final double X_STEP = 8;

    /** A label wanted for the span [spanStart, spanEnd] of the x axis. */
    record Label(String text, double spanStart, double spanEnd) {
        Label {
            Objects.requireNonNull(text, "text");
        }
    }

    private LabelLayout() {}

    /** The box a text of one line takes with its top-left corner at (x, y). */
    static ChartBox box(String text, double x, double y) {
        return new ChartBox(x, y, text.length() * CHAR_WIDTH, LINE_HEIGHT);
    }

    /**
     * The box of every label, in the order given; empty for a label that finds no free place in the plot (then it is
     * left out rather than drawn over another).
     *
     * @param lines the plotted series, which a label avoids where it can
     */
    static List<Optional<ChartBox>> place(ChartBox plot, List<Label> labels, List<ChartLine> lines) {
        List<ChartBox> occupied = new ArrayList<>();
        List<Optional<ChartBox>> placed = new ArrayList<>();
        for (Label label : labels) {
            List<ChartBox> candidates = candidates(plot, label);
            Optional<ChartBox> free = candidates.stream()
                    .filter(c -> isFree(c, occupied))
                    .filter(c -> lines.stream().noneMatch(line -> line.crosses(c)))
                    .findFirst()
                    .or(() ->
                            candidates.stream().filter(c -> isFree(c, occupied)).findFirst());
            free.ifPresent(occupied::add);
            placed.add(free);
        }
        return placed;
    }

    /**
     * Every position near the label's span that fits in the plot, highest row first; in a row, from the span's start
     * (or as close to it as the plot's right edge allows) outwards, each position still over some of the span.
     */
    private static List<ChartBox> candidates(ChartBox plot, Label label) {
        double width = label.text().length() * CHAR_WIDTH;
        double minX = plot.x() + PAD;
        double maxX = plot.right() - PAD - width;
        if (maxX < minX || plot.height() < LINE_HEIGHT + 2 * PAD) {
            return List.of();
        }
        double preferred = clamp(label.spanStart() + PAD, minX, maxX);
        double lowest = clamp(label.spanStart() - width + PAD, minX, maxX);
        double highest = clamp(Math.max(label.spanStart(), label.spanEnd() - PAD - width), minX, maxX);
        Set<Double> xs = new LinkedHashSet<>();
        xs.add(preferred);
        for (double offset = X_STEP; preferred - offset >= lowest || preferred + offset <= highest; offset += X_STEP) {
            if (preferred - offset >= lowest) {
                xs.add(preferred - offset);
            }
            if (preferred + offset <= highest) {
                xs.add(preferred + offset);
            }
        }
        List<ChartBox> candidates = new ArrayList<>();
        for (double y = plot.y() + PAD; y + LINE_HEIGHT <= plot.bottom() - PAD; y += LINE_HEIGHT) {
            for (double x : xs) {
                candidates.add(new ChartBox(x, y, width, LINE_HEIGHT));
            }
        }
        return candidates;
    }

    private static boolean isFree(ChartBox candidate, List<ChartBox> occupied) {
        return occupied.stream().noneMatch(candidate::overlaps);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
