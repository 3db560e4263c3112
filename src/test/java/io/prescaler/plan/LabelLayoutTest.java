package io.prescaler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelLayoutTest {

    /** A plot as the chart draws it: 880 wide, 152 high, so 10 rows of labels. */
    private static final ChartBox PLOT = new ChartBox(56, 100, 880, 152);

    /** No two boxes overlap and every box lies inside the plot: what every layout must give. */
    static void assertReadable(ChartBox plot, List<Optional<ChartBox>> boxes) {
        List<ChartBox> placed = boxes.stream().flatMap(Optional::stream).toList();
        for (ChartBox box : placed) {
            assertTrue(plot.contains(box), box + " leaves the plot " + plot);
        }
        for (int i = 0; i < placed.size(); i++) {
            for (int j = i + 1; j < placed.size(); j++) {
                assertFalse(placed.get(i).overlaps(placed.get(j)), placed.get(i) + " overlaps " + placed.get(j));
            }
        }
    }

    @ParameterizedTest(name = "span {1}-{2}: {0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # label                    | span start | span end | expected x | why
            champions-league-final x3  | 600        | 700      | 603        | from the span's start
            champions-league-final x3  | 800        | 917      | 762.5      | ending at the plot's right edge, not past 24:00
            replay x2                  | 56         | 60       | 59         | from the span's start at 00:00
            """)
    void startsALabelAtItsSpanUnlessItWouldLeaveThePlot(String text, double start, double end, double x) {
        List<Optional<ChartBox>> boxes =
                LabelLayout.place(PLOT, List.of(new LabelLayout.Label(text, start, end)), List.of());

        ChartBox box = boxes.get(0).orElseThrow();
        assertEquals(x, box.x(), 0.01);
        assertEquals(PLOT.y() + LabelLayout.PAD, box.y());
        assertReadable(PLOT, boxes);
    }

    @Test
    void stacksTheLabelsOfOverlappingSpansInRowsWithoutOverlap() {
        List<LabelLayout.Label> labels = IntStream.range(0, 6)
                .mapToObj(i -> new LabelLayout.Label("event-number-" + i + " x2", 850 + 10 * i, 936))
                .toList();

        List<Optional<ChartBox>> boxes = LabelLayout.place(PLOT, labels, List.of());

        assertTrue(boxes.stream().allMatch(Optional::isPresent), boxes.toString());
        assertReadable(PLOT, boxes);
        assertEquals(
                IntStream.range(0, 6)
                        .mapToObj(i -> PLOT.y() + LabelLayout.PAD + i * LabelLayout.LINE_HEIGHT)
                        .toList(),
                boxes.stream().map(b -> b.orElseThrow().y()).toList(),
                "one row each, from the top");
    }

    @Test
    void movesALabelOffTheRowsALineRunsThrough() {
        // a horizontal line through the first row, over the whole width
        ChartLine line = new ChartLine(List.of(new ChartLine.Point(56, 110), new ChartLine.Point(936, 110)));

        ChartBox box = LabelLayout.place(PLOT, List.of(new LabelLayout.Label("final x3", 500, 600)), List.of(line))
                .get(0)
                .orElseThrow();

        assertFalse(line.crosses(box));
        assertEquals(PLOT.y() + LabelLayout.PAD + LabelLayout.LINE_HEIGHT, box.y());
    }

    @Test
    void slidesALabelAlongItsSpanToAvoidAVerticalLine() {
        // a vertical line across the whole plot, 20 px after the span's start
        ChartLine line = new ChartLine(List.of(new ChartLine.Point(320, 100), new ChartLine.Point(320, 252)));

        ChartBox box = LabelLayout.place(PLOT, List.of(new LabelLayout.Label("final x3", 300, 600)), List.of(line))
                .get(0)
                .orElseThrow();

        assertFalse(line.crosses(box), box.toString());
        assertTrue(box.right() > 300 && box.x() < 600, "still over its span: " + box);
    }

    @Test
    void acceptsACrossingLineOnlyWhenNoFreePlaceAvoidsIt() {
        // lines through every row: the label is still placed, inside and over its span
        List<ChartLine> lines = IntStream.range(0, 11)
                .mapToObj(i -> new ChartLine(
                        List.of(new ChartLine.Point(56, 104 + 14 * i), new ChartLine.Point(936, 104 + 14 * i))))
                .toList();

        List<Optional<ChartBox>> boxes =
                LabelLayout.place(PLOT, List.of(new LabelLayout.Label("final x3", 500, 600)), lines);

        assertTrue(boxes.get(0).isPresent());
        assertReadable(PLOT, boxes);
    }

    @Test
    void leavesOutWhatFindsNoFreePlace_ratherThanDrawingItOverAnother() {
        List<LabelLayout.Label> labels = IntStream.range(0, 30)
                .mapToObj(i -> new LabelLayout.Label("a-rather-long-event-name-" + i + " x2", 900, 936))
                .toList();

        List<Optional<ChartBox>> boxes = LabelLayout.place(PLOT, labels, List.of());

        assertEquals(10, boxes.stream().filter(Optional::isPresent).count(), "ten rows of 14 px in 152 px");
        assertReadable(PLOT, boxes);
    }

    @Test
    void leavesOutALabelWiderThanThePlot() {
        ChartBox narrow = new ChartBox(0, 0, 40, 152);

        assertEquals(
                List.of(Optional.empty()),
                LabelLayout.place(narrow, List.of(new LabelLayout.Label("champions-league-final", 0, 40)), List.of()));
    }
}
