package io.prescaler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The chart of a day's plan: its layout (computed boxes) and what the SVG says. */
class PlanChartTest {

    private static final DayPlan FINAL_DAY = PlanInputs.plan("2026-05-30", "examples/events.yaml", PlanInputs.EXAMPLES);
    private static final DayPlan CROWDED_DAY = PlanInputs.plan(
            "2026-05-30",
            PlanInputs.FIXTURES + "events-crowded.yaml",
            List.of("examples/hpa-service-6play-images.yaml", PlanInputs.FIXTURES + "hpa-legacy.yaml"));

    private static Document svg(DayPlan plan) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(PlanChart.render(plan).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document svg, String tag) {
        NodeList nodes = svg.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static List<String> texts(Document svg) {
        return elements(svg, "text").stream().map(Element::getTextContent).toList();
    }

    @Test
    void labelsEveryEventSpanOfTheFinalsDay_insideThePlot_withoutOverlap_andUncrossedByTheLines() {
        for (ChartPanel panel : PlanChart.layout(FINAL_DAY)) {
            List<Optional<ChartBox>> boxes =
                    panel.events().stream().map(ChartPanel.EventSpan::labelBox).toList();

            assertFalse(boxes.isEmpty(), "the final applies to every HPA");
            assertTrue(boxes.stream().allMatch(Optional::isPresent), panel.title());
            LabelLayoutTest.assertReadable(panel.plot(), boxes);
            for (ChartBox box : boxes.stream().flatMap(Optional::stream).toList()) {
                assertFalse(panel.minimum().crosses(box), panel.title() + ": minimum crosses " + box);
                assertFalse(panel.replicas().crosses(box), panel.title() + ": replicas cross " + box);
            }
        }
    }

    @Test
    void labelsCrowdedOverlappingEventsRunningPastMidnight_insideThePlotWithoutOverlap() {
        for (ChartPanel panel : PlanChart.layout(CROWDED_DAY)) {
            List<Optional<ChartBox>> boxes =
                    panel.events().stream().map(ChartPanel.EventSpan::labelBox).toList();

            assertEquals(
                    List.of("saturday-evening x2", "champions-league-final x3", "late-night-replay-of-the-final x1.5"),
                    panel.events().stream().map(ChartPanel.EventSpan::label).toList(),
                    "the event applying at each step, each span labelled once");
            assertTrue(boxes.stream().allMatch(Optional::isPresent), panel.title());
            LabelLayoutTest.assertReadable(panel.plot(), boxes);
        }
    }

    @Test
    void stacksPanelsBelowTheirHeadersAndWarnings() {
        List<ChartPanel> panels = PlanChart.layout(CROWDED_DAY);

        ChartPanel images = panels.get(0);
        ChartPanel legacy = panels.get(1);
        assertEquals(List.of(), images.warnings());
        assertEquals(6, legacy.warnings().size(), legacy.warnings().toString());
        assertEquals(images.top() + images.height(), legacy.top());
        assertEquals(
                legacy.top() + ChartPanel.HEADER + 6 * ChartPanel.LINE,
                legacy.plot().y(),
                "warnings above the plot");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            backoffice/backoffice-api    | 0 5 10 15 20 25
            replay/replay-api            | 0 10 20 30 40 50
            6play/service-6play-images   | 0 20 40 60 80 100
            """)
    void drawsRoundValueTicks(String hpa, String ticks) {
        ChartPanel panel = PlanChart.layout(FINAL_DAY).stream()
                .filter(p -> p.hpa().hpa().key().equals(hpa))
                .findFirst()
                .orElseThrow();

        assertEquals(
                ticks,
                String.join(
                        " ",
                        panel.ticks().values().stream().map(String::valueOf).toList()));
    }

    @Test
    void writesTheTicksTheLabelsTheLegendAndBothLinesOfEveryPanel() throws Exception {
        Document svg = svg(FINAL_DAY);

        List<String> texts = texts(svg);
        assertEquals(
                3, texts.stream().filter(t -> t.equals("prescaling window")).count(), "a legend per panel");
        assertEquals(3, texts.stream().filter(t -> t.equals("event")).count());
        assertEquals(3, texts.stream().filter(t -> t.equals("24:00")).count());
        assertEquals(1, texts.stream().filter(t -> t.equals("100")).count(), "only the images panel reaches 100");
        assertEquals(
                3,
                texts.stream()
                        .filter(t -> t.equals("champions-league-final x3"))
                        .count());
        assertEquals(
                1, texts.stream().filter(t -> t.equals("saturday-evening x2")).count(), "a frontend only");
        assertEquals(6, elements(svg, "polyline").size(), "two lines for each of 3 HPAs");
    }

    @Test
    void placesTheTimeTicksAtWallClockHours_onAShortDstDay() {
        DayPlan spring = PlanInputs.plan("2026-03-29", null, List.of("examples/hpa-service-6play-images.yaml"));
        ChartPanel panel = PlanChart.layout(spring).get(0);

        List<String> labels =
                panel.time().ticks().stream().map(TimeAxis.Tick::label).toList();
        assertEquals(List.of("00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "24:00"), labels);
        ChartBox plot = panel.plot();
        // the day has 23 hours: 03:00 comes 2 hours after midnight
        assertEquals(
                plot.x() + plot.width() * 2 / 23,
                panel.time().x(panel.time().ticks().get(1).at()),
                1e-9);
        assertEquals(plot.right(), panel.time().x(panel.time().ticks().get(8).at()), 1e-9);
    }

    /** The shading of the window starts at the opened time, 19:20 for a lead of 10m before 19:30, and ends at 23:30. */
    @Test
    void shadesTheWindowFromItsOpenedTime_whenALeadIsSet() {
        DayPlan day = PlanInputs.plan("2026-05-27", null, List.of(PlanInputs.FIXTURES + "hpa-lead.yaml"));
        ChartPanel panel = PlanChart.layout(day).get(0);

        ChartBox window = panel.windows().get(0);
        assertEquals(1, panel.windows().size());
        assertEquals(panel.time().x(DayPlannerTest.instantOf(day, "19:20")), window.x(), 1e-9);
        assertEquals(panel.time().x(DayPlannerTest.instantOf(day, "23:30")), window.right(), 1e-9);
        assertTrue(panel.title().endsWith("opens 19:20 (lead 10m)"), panel.title());
    }
}
