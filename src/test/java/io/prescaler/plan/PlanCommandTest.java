package io.prescaler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.cli.Prescaler;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.testing.Fixtures;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

/**
 * The {@code plan} command: flags, inputs, exit codes, messages, the table's text and the SVG file. What the plan
 * computes is specified on its values in {@link DayPlannerTest}, the chart's layout in {@link PlanChartTest}.
 */
class PlanCommandTest {

    private static final String FIXTURES = PlanInputs.FIXTURES;
    private static final List<String> EXAMPLES = PlanInputs.EXAMPLES;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(List<String> args) {
        return Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
                .execute(args.toArray(String[]::new));
    }

    /** The warning lines under one HPA's header. */
    private List<String> warningsOf(String hpaKey) {
        List<String> lines = out.toString().lines().toList();
        int header = lines.indexOf(lines.stream()
                .filter(line -> line.startsWith(hpaKey + ": "))
                .findFirst()
                .orElseThrow());
        return lines.subList(header + 1, lines.size()).stream()
                .takeWhile(line -> line.startsWith("  warning: "))
                .map(line -> line.substring("  warning: ".length()))
                .toList();
    }

    private static List<String> args(String... first) {
        List<String> args = new java.util.ArrayList<>(List.of(first));
        args.addAll(EXAMPLES);
        return args;
    }

    /**
     * The one test of the table's text: the day, the events of the day, each HPA's header, warnings and rows (identical
     * steps merged into one time range, numbers right-aligned, the next midnight as 24:00) and the legend. The values
     * themselves are specified in {@link DayPlannerTest}.
     */
    @Test
    void missingFileIsNamedAndNoEmptyPlanIsPrinted() {
        int exit = run(List.of("plan", "--date", "2026-05-30", "nope.yaml"));

        assertEquals(1, exit);
        assertEquals("", out.toString());
        assertEquals("plan: nope.yaml: no such file", err.toString().strip());
    }

    @Test
    void printsTheDayAsOneMergedTablePerHpaUnderTheEventsOfTheDay() {
        int exit = run(List.of(
                "plan",
                "--date",
                "2026-05-30",
                "--timezone",
                "Europe/Paris",
                "--events",
                "examples/events.yaml",
                "--step",
                "1m",
                "examples/hpa-service-6play-images.yaml",
                FIXTURES + "hpa-legacy.yaml"));

        assertEquals(0, exit, err.toString());
        assertEquals(Fixtures.text(PlanCommandTest.class, "table-2026-05-30-step-1m.txt"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void warnsThatTheLegacyEncodingNeverScalesOnKubernetes133() {
        int exit = run(
                List.of("plan", "--date", "2026-05-27", "--timezone", "Europe/Paris", FIXTURES + "hpa-legacy.yaml"));

        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("\nEvents of the day: none\n"), out.toString());
        assertEquals(
                List.of(
                        "annotation_scaling_min_replica cannot scale on Kubernetes >= 1.33; use prescaling_min_replicas",
                        "replicas stay below the minimum 25 from 19:30 to 23:30 (at most 4)"),
                warningsOf("bedrock/images-legacy"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--kubernetes-version | 2.0   | '2.0' is not a Kubernetes version (MAJOR.MINOR, for example 1.33 or 1.32)",
                "--kubernetes-version | 1.20  | '1.20' is older than 1.23, the first Kubernetes version with"
                        + " autoscaling/v2 HPAs",
                "--pipeline-delay     | PT0.5S | Invalid value for option '--pipeline-delay': 'PT0.5S' is not a"
                        + " whole number of seconds >= 0",
                "--initial-replicas   | -1    | Invalid value for option '--initial-replicas': '-1' is not a whole"
                        + " number >= 0",
                "--date               | 30/05/2026 | Invalid value for option '--date': '30/05/2026' is not a date"
                        + " YYYY-MM-DD (for example 2026-05-30)",
                "--step               | 0s    | Invalid value for option '--step': '0s' must be longer than zero"
            })
    void rejectsBadModelFlagsWithExitTwo(String flag, String value, String message) {
        int exit = run(List.of("plan", "--date", "2026-05-27", flag, value, "examples/hpa-service-6play-images.yaml"));

        assertEquals(2, exit);
        assertTrue(err.toString().contains(message), err.toString());
        assertEquals(2, err.toString().lines().count(), "one line and a hint, no usage: " + err);
    }

    @ParameterizedTest(name = "--kubernetes-version {0}")
    @CsvSource({"1.33", "v1.33", "1.33.2"})
    void readsAKubernetesVersionWithAPrefixOrAPatchAsItsMinor(String version) {
        int exit = run(List.of(
                "plan",
                "--date",
                "2026-05-27",
                "--kubernetes-version",
                version,
                "examples/hpa-service-6play-images.yaml"));

        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("1.33"), out.toString());
    }

    @Test
    void reportsAnInvalidBehaviorAndPlansTheOtherHpas() {
        int exit = run(List.of(
                "plan",
                "--date",
                "2026-05-27",
                "--timezone",
                "Europe/Paris",
                FIXTURES + "hpa-behavior-invalid.yaml",
                "examples/hpa-service-6play-images.yaml"));

        assertEquals(1, exit);
        assertEquals(
                List.of(
                        "plan: web/bad-behavior: spec.behavior.scaleUp.policies[0].type: \"Pod\" is not Pods or Percent"),
                err.toString().lines().toList());
        assertTrue(
                out.toString().contains("\n6play/service-6play-images: min 25 from 19:30 to 23:30"),
                "the other HPA is still planned: " + out);
    }

    /** The README's first command and its output excerpt stay true: every excerpt line is printed, in order. */
    @Test
    void theReadmesMainCommandPrintsTheExcerptItShows() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String main = readme.substring(readme.indexOf("<!-- MAIN-COMMAND -->"));
        String command = main.substring(main.indexOf("```sh\n") + 6, main.indexOf("\n```", main.indexOf("```sh")));
        String excerpt = main.substring(main.indexOf("```text\n") + 8, main.indexOf("\n```", main.indexOf("```text")));
        List<String> argv = new java.util.ArrayList<>(List.of(command.split(" +")));
        assertEquals(List.of("java", "-jar", "target/prescaler.jar"), argv.subList(0, 3), command);
        List<String> expanded = new java.util.ArrayList<>();
        for (String arg : argv.subList(3, argv.size())) {
            if (arg.equals("examples/hpa-*.yaml")) {
                expanded.addAll(EXAMPLES); // what the shell's glob gives, in its sorted order
            } else {
                expanded.add(arg);
            }
        }

        assertEquals(0, run(expanded), err.toString());
        List<String> printed = out.toString().lines().toList();
        int at = 0;
        for (String line : excerpt.lines().filter(l -> !l.equals("...")).toList()) {
            int found = printed.subList(at, printed.size()).indexOf(line);
            assertTrue(found >= 0, "README line not printed (in order): " + line + "\n" + out);
            at += found + 1;
        }
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
    void drawsTheWarningsOnTheChart(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("legacy.svg");

        run(List.of("plan", "--date", "2026-05-27", "--svg", svg.toString(), FIXTURES + "hpa-legacy.yaml"));

        String chart = Files.readString(svg);
        assertTrue(
                chart.contains(">warning: annotation_scaling_min_replica cannot scale on Kubernetes &gt;= 1.33; use"
                        + " prescaling_min_replicas</text>"),
                chart);
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
                out.toString().contains("\n6play/service-6play-images: min 25 from 19:30 to 23:30"),
                "the valid HPA is still planned: " + out);
        assertTrue(out.toString().contains("  final x3  active 21:00-23:30"), "the valid event too: " + out);
    }

    @Test
    void saysSoWhenNoFileHoldsAPrescaledHpa() {
        int exit = run(List.of("plan", "--date", "2026-05-30", "examples/events.yaml"));

        assertEquals(1, exit);
        assertEquals("plan: no prescaled autoscaling/v2 HPA in examples/events.yaml\n", err.toString());
    }
}
