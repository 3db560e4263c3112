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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** The rows of one HPA's table, each with its cells separated by one space. */
    private List<String> rowsOf(String hpaKey) {
        List<String> lines = out.toString().lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(hpaKey + ": ")) {
                header = i;
            }
        }
        assertTrue(header >= 0, "no table for " + hpaKey + " in\n" + out);
        return lines.subList(header + 1, lines.size()).stream()
                .takeWhile(line -> !line.isBlank())
                .filter(line -> !line.startsWith("  TIME ") && !line.startsWith("  warning: "))
                .map(line -> line.trim().replaceAll(" +", " "))
                .toList();
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
        List<String> images = rowsOf("6play/service-6play-images");
        assertTrue(images.contains("19:50-20:15 open saturday-evening x2 50 50 10 50"), images.toString());
        assertTrue(images.contains("20:20-23:30 open champions-league-final x3 75 75 10 75"), images.toString());
        // the weekday window is closed on Saturday, the final still multiplies its minimum
        assertTrue(
                rowsOf("backoffice/backoffice-api")
                        .contains("20:20-23:30 closed champions-league-final x3 18 18 10 18"),
                table);
        // the window crossing midnight is open from the night before until 01:30, and was held since then
        assertEquals(
                "00:00-01:30 open - 12 12 10 12", rowsOf("replay/replay-api").get(0));
        assertTrue(warningsOf("6play/service-6play-images").isEmpty(), table);
        assertEquals("", err.toString());
    }

    @Test
    void mergesIdenticalStepsSoThatADayStaysReadable() {
        run(args("plan", "--date", "2026-05-27", "--timezone", "Europe/Paris", "--step", "1m"));

        String table = out.toString();
        assertTrue(table.contains("Events of the day: none"), table);
        assertTrue(table.lines().count() < 45, table);
        assertEquals(
                List.of(
                        "00:00-19:30 closed - 0 0 0 4",
                        "19:30-19:31 open - 25 25 11 4",
                        "19:31-19:32 open - 25 25 11 25",
                        "19:32-23:30 open - 25 25 10 25",
                        "23:30-23:36 closed - 0 0 0 25",
                        "23:36-24:00 closed - 0 0 0 4"),
                rowsOf("6play/service-6play-images"));
    }

    /**
     * Worked by hand from HPA-MODEL.md: the sync at 19:30 + D is the first to read the window's 25 (published as 25
     * from 4 replicas); without behavior the HPA goes up at most max(2 x current, 4) per 15 s sync: 4 -> 8 -> 16 ->
     * 25. At 23:30 + D it reads 0, and the 5-minute stabilization holds 25 until 23:35:15 + D.
     */
    @ParameterizedTest(name = "D = {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0s  | 19:30-19:30:15 open - 25 25 11 8    | 19:30:15-19:30:30 open - 25 25 11 16"
                        + " | 19:30:30-19:30:45 open - 25 25 11 25 | 23:30-23:35 closed - 0 0 0 25",
                "30s | 19:30:30-19:30:45 open - 25 25 11 8 | 19:30:45-19:31 open - 25 25 11 16"
                        + "       | 19:31-19:31:15 open - 25 25 11 25       | 23:30-23:35:30 closed - 0 0 0 25",
                "1m  | 19:31-19:31:15 open - 25 25 11 8    | 19:31:15-19:31:30 open - 25 25 11 16"
                        + " | 19:31:30-19:31:45 open - 25 25 11 25 | 23:30-23:36 closed - 0 0 0 25"
            })
    void theImagesHpaReachesItsMinimumThreeSyncsAfterTheWindowOpensPlusThePipelineDelay(
            String delay, String at8, String at16, String at25, String heldAfterTheWindow) {
        int exit = run(List.of(
                "plan",
                "--date",
                "2026-05-27",
                "--timezone",
                "Europe/Paris",
                "--step",
                "15s",
                "--pipeline-delay",
                delay,
                "examples/hpa-service-6play-images.yaml"));

        assertEquals(0, exit, err.toString());
        List<String> rows = rowsOf("6play/service-6play-images");
        int first = Math.max(0, rows.indexOf(at8));
        assertEquals(List.of(at8, at16, at25), rows.subList(first, first + 3), rows.toString());
        assertTrue(rows.contains(heldAfterTheWindow), rows.toString());
    }

    @Test
    void theFinalsMultiplierTakesTheImagesHpaTo75InOneSyncAfterTheDelay() {
        run(List.of(
                "plan",
                "--date",
                "2026-05-30",
                "--timezone",
                "Europe/Paris",
                "--step",
                "15s",
                "--events",
                "examples/events.yaml",
                "examples/hpa-service-6play-images.yaml"));

        List<String> rows = rowsOf("6play/service-6play-images");
        // 25 -> 50 and 50 -> 75 are each within the max(2 x current, 4) rate limit: one sync, 30 s after the change
        assertTrue(rows.contains("19:45:30-19:45:45 open saturday-evening x2 50 50 11 50"), rows.toString());
        assertTrue(rows.contains("20:15-20:15:30 open champions-league-final x3 75 75 11 50"), rows.toString());
        assertTrue(rows.contains("20:15:30-20:15:45 open champions-league-final x3 75 75 11 75"), rows.toString());
        assertTrue(rows.contains("20:15:45-23:30 open champions-league-final x3 75 75 10 75"), rows.toString());
    }

    @Test
    void warnsThatTheLegacyEncodingNeverScalesOnKubernetes133() {
        int exit = run(
                List.of("plan", "--date", "2026-05-27", "--timezone", "Europe/Paris", FIXTURES + "hpa-legacy.yaml"));

        assertEquals(0, exit, err.toString());
        assertEquals(
                List.of(
                        "annotation_scaling_min_replica cannot scale on Kubernetes >= 1.33; use prescaling_min_replicas",
                        "replicas stay below the minimum 25 from 19:30 to 23:30 (at most 4)"),
                warningsOf("bedrock/images-legacy"));
        assertTrue(rowsOf("bedrock/images-legacy").contains("19:30-23:30 open - 25 25 11 4"), out.toString());
    }

    @Test
    void theLegacyEncodingScalesOnKubernetes132AndOvershootsWithTheDelay() {
        int exit = run(List.of(
                "plan",
                "--date",
                "2026-05-27",
                "--timezone",
                "Europe/Paris",
                "--kubernetes-version",
                "1.32",
                FIXTURES + "hpa-legacy.yaml"));

        assertEquals(0, exit, err.toString());
        assertEquals(List.of(), warningsOf("bedrock/images-legacy"));
        List<String> rows = rowsOf("bedrock/images-legacy");
        String held = rows.stream()
                .filter(r -> r.endsWith("23:30 open - 25 25 10 " + r.substring(r.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(rows.toString()));
        int replicas = Integer.parseInt(held.substring(held.lastIndexOf(' ') + 1));
        assertTrue(replicas > 25, "11 is published until the HPA status, one sync and D late, shows 25: " + rows);
    }

    /**
     * behavior.scaleUp allows 4 pods per 60 s (selectPolicy Max, one policy): 4 -> 8 at 19:30, then +4 at each minute
     * (a change at t counts against the period until t + 60 s). At 24 the HPA is within 10 % of 25, so the exporter
     * publishes floor(1.1 x 24) + 1 = 27, and the HPA takes it: 27 is within 10 % of 25 on the way down and stays.
     */
    @Test
    void followsTheHpasOwnBehavior() {
        int exit = run(List.of(
                "plan",
                "--date",
                "2026-05-27",
                "--timezone",
                "Europe/Paris",
                "--step",
                "1m",
                "--pipeline-delay",
                "0s",
                FIXTURES + "hpa-slow-scale-up.yaml"));

        assertEquals(0, exit, err.toString());
        assertEquals(
                List.of(
                        "00:00-19:30 closed - 0 0 0 4",
                        "19:30-19:31 open - 25 25 11 8",
                        "19:31-19:32 open - 25 25 11 12",
                        "19:32-19:33 open - 25 25 11 16",
                        "19:33-19:34 open - 25 25 11 20",
                        "19:34-19:35 open - 25 25 11 24",
                        "19:35-19:36 open - 25 27 11 27",
                        "19:36-23:30 open - 25 25 10 27",
                        "23:30-23:35 closed - 0 0 0 27",
                        "23:35-24:00 closed - 0 0 0 4"),
                rowsOf("6play/images-slow"));
    }

    @Test
    void aDeploymentScaledToZeroIsNeverWokenByItsHpa() {
        int exit = run(List.of(
                "plan",
                "--date",
                "2026-05-27",
                "--timezone",
                "Europe/Paris",
                "--initial-replicas",
                "0",
                "examples/hpa-service-6play-images.yaml"));

        assertEquals(0, exit, err.toString());
        assertEquals(
                List.of("replicas stay below the minimum 25 from 19:30 to 23:30 (at most 0)"),
                warningsOf("6play/service-6play-images"));
        assertTrue(rowsOf("6play/service-6play-images").contains("19:30-23:30 open - 25 25 11 0"), out.toString());
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
        assertTrue(rowsOf("6play/service-6play-images").contains("19:35-23:30 open - 25 25 10 25"), out.toString());
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
                out.toString().contains("  21:05-23:30  open    final x3   75"), "the valid inputs are still planned");
    }

    @Test
    void saysSoWhenNoFileHoldsAPrescaledHpa() {
        int exit = run(List.of("plan", "--date", "2026-05-30", "examples/events.yaml"));

        assertEquals(1, exit);
        assertEquals("plan: no prescaled autoscaling/v2 HPA in examples/events.yaml\n", err.toString());
    }
}
