package io.prescaler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.cli.Prescaler;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class PlanCommandTest {

    private static final String FIXTURES = "src/test/resources/io/prescaler/plan/";
    private static final List<String> EXAMPLES = List.of(
            "examples/hpa-backoffice-weekdays.yaml",
            "examples/hpa-replay-api-night.yaml",
            "examples/hpa-service-6play-images.yaml");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(List<String> args) {
        return Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
                .execute(args.toArray(String[]::new));
    }

    private static List<String> args(String... first) {
        List<String> args = new java.util.ArrayList<>(List.of(first));
        args.addAll(EXAMPLES);
        return args;
    }

    @Test
    void showsTheEventsOfTheDayWithTheirMultipliersForEveryExampleHpa() {
        int exit = run(
                args("plan", "--date", "2026-05-30", "--timezone", "Europe/Paris", "--events", "examples/events.yaml"));

        assertEquals(0, exit, err.toString());
        String table = out.toString();
        assertTrue(table.startsWith("Plan for Saturday 2026-05-30 (Europe/Paris), step 5m\n"), table);
        assertTrue(table.contains("  saturday-evening x2  active 19:45-23:00 (starts 20:00, lead 15m)"), table);
        assertTrue(table.contains("  champions-league-final x3  active 20:15-23:30 (starts 21:00, lead 45m)"), table);
        assertTrue(
                table.contains(
                        "6play/service-6play-images: min 25 from 19:30 to 23:30 every day (Europe/Paris); HPA 4..200;"
                                + " consumes prescaling_min_replicas"),
                table);
        assertTrue(
                table.contains("  19:45-20:15  open    saturday-evening x2         50      50      10        50\n"),
                table);
        assertTrue(
                table.contains("  20:15-23:30  open    champions-league-final x3   75      75      10        75\n"),
                table);
        // the weekday window is closed on Saturday, the final still multiplies its minimum
        assertTrue(
                table.contains("  20:20-23:30  closed  champions-league-final x3   18      18      10        18\n"),
                table);
        // the window crossing midnight is open from the night before until 01:30
        assertTrue(
                table.contains("  00:00-01:30  open    -                           12      12      10        12\n"),
                table);
        assertEquals("", err.toString());
    }

    @Test
    void mergesIdenticalStepsSoThatADayStaysReadable() {
        run(args("plan", "--date", "2026-05-27", "--timezone", "Europe/Paris", "--step", "1m"));

        String table = out.toString();
        assertTrue(table.contains("Events of the day: none"), table);
        assertTrue(table.lines().count() < 40, table);
        // the HPA at 4 replicas doubles in one sync, then holds 25 for the rest of the window
        assertTrue(table.contains("  19:30-19:31  open    -       25      25      11         8\n"), table);
        assertTrue(table.contains("  19:31-23:30  open    -       25      25      10        25\n"), table);
    }

    @Test
    void writesAnSvgChartThatIsWellFormedXml(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("plan.svg");

        int exit =
                run(args("plan", "--date", "2026-05-30", "--events", "examples/events.yaml", "--svg", svg.toString()));

        assertEquals(0, exit, err.toString());
        Document document =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", document.getDocumentElement().getTagName());
        assertEquals(6, document.getElementsByTagName("polyline").getLength(), "two series for each of 3 HPAs");
        assertTrue(Files.readString(svg).contains("champions-league-final x3"));
    }

    @Test
    void reportsBadAnnotationsAndBadEventsWithTheSameMessagesAndExitsOne() {
        int exit = run(List.of(
                "plan",
                "--date",
                "2026-05-30",
                "--timezone",
                "Europe/Paris",
                "--events",
                FIXTURES + "events-bad.yaml",
                FIXTURES + "hpa-invalid.yaml",
                "examples/hpa-service-6play-images.yaml"));

        AnnotationReading.Invalid invalid =
                (AnnotationReading.Invalid) new AnnotationParser(AnnotationKeys.DEFAULT, ZoneId.of("Europe/Paris"))
                        .read(Map.of(
                                "annotations.scaling.exporter.replica.min", "zero",
                                "annotations.scaling.exporter.time.start", "19:30",
                                "annotations.scaling.exporter.time.end", "19:30"));
        assertEquals(1, exit);
        assertEquals(
                List.of(
                        "plan: " + FIXTURES + "events-bad.yaml: event \"never\" (entry 2), multiplier: \"0\" is not a"
                                + " number > 0 (for example 3 or 1.5)",
                        "plan: web/broken: " + invalid.message()),
                err.toString().lines().toList());
        assertTrue(
                out.toString().contains("  21:05-23:30  open    final x3   75"), "the valid inputs are still planned");
    }

    @Test
    void saysSoWhenNoFileHoldsAPrescaledHpa() {
        int exit = run(List.of("plan", "--date", "2026-05-30", "examples/events.yaml"));

        assertEquals(1, exit);
        assertEquals("plan: no prescaled autoscaling/v2 HPA in examples/events.yaml\n", err.toString());
    }
}
