package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnnotationParserTest {

    private static final String P = "annotations.scaling.exporter.";
    private static final String LEAD_FORM = "a lead is how long before time.start the window opens, a duration from"
            + " 0s to under 24h (for example \"10m\", \"90s\" or \"1h\")";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final AnnotationParser parser = new AnnotationParser(AnnotationKeys.DEFAULT, PARIS);

    private static Map<String, String> valid() {
        Map<String, String> annotations = new HashMap<>();
        annotations.put(P + "replica.min", "25");
        annotations.put(P + "time.start", "19:30:00");
        annotations.put(P + "time.end", "23:30");
        return annotations;
    }

    private List<String> problems(Map<String, String> annotations) {
        AnnotationReading reading = parser.read(annotations);
        return assertInstanceOf(AnnotationReading.Invalid.class, reading).problems().stream()
                .map(AnnotationProblem::message)
                .toList();
    }

    @Test
    void readsAnHpaWithoutPrescalingKeysAsNotPrescaled() {
        assertEquals(new AnnotationReading.NotPrescaled(), parser.read(Map.of("kubectl.kubernetes.io/x", "y")));
        assertEquals(new AnnotationReading.NotPrescaled(), parser.read(null));
    }

    @Test
    void readsEventAnnotationsAloneAsNotPrescaled() {
        assertEquals(
                new AnnotationReading.NotPrescaled(),
                parser.read(Map.of(P + "event.multiplier", "3", P + "event.name", "final")));
    }

    @Test
    void readsBedrocksOriginalAnnotations() {
        PrescalingSpec spec = assertInstanceOf(AnnotationReading.Valid.class, parser.read(valid()))
                .spec();
        assertEquals(25, spec.minReplicas());
        assertEquals(LocalTime.of(19, 30), spec.window().start());
        assertEquals(LocalTime.of(23, 30), spec.window().end());
        assertEquals(Days.EVERY_DAY, spec.window().days());
        assertEquals(PARIS, spec.window().zone());
        assertEquals(Optional.empty(), spec.event());
    }

    @Test
    void readsOptionalDaysTimezoneAndEvent() {
        Map<String, String> annotations = valid();
        annotations.put(P + "days", "Mon-Fri");
        annotations.put(P + "timezone", "America/New_York");
        annotations.put(P + "event.multiplier", "2.5");
        annotations.put(P + "event.name", "final");
        annotations.put(P + "event.end", "2026-07-19T21:00:00Z");
        PrescalingSpec spec = assertInstanceOf(AnnotationReading.Valid.class, parser.read(annotations))
                .spec();
        assertTrue(spec.window().days().contains(DayOfWeek.FRIDAY));
        assertEquals(5, spec.window().days().days().size());
        assertEquals(ZoneId.of("America/New_York"), spec.window().zone());
        assertEquals(
                Optional.of(new EventMultiplier(
                        new BigDecimal("2.5"), "final", Optional.of(Instant.parse("2026-07-19T21:00:00Z")))),
                spec.event());
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            replica.min      | 0          | annotations.scaling.exporter.replica.min: "0" is not a whole number of replicas >= 1 (for example "25")
            replica.min      | -3         | annotations.scaling.exporter.replica.min: "-3" is not a whole number of replicas >= 1 (for example "25")
            replica.min      | 2.5        | annotations.scaling.exporter.replica.min: "2.5" is not a whole number of replicas >= 1 (for example "25")
            replica.min      | lots       | annotations.scaling.exporter.replica.min: "lots" is not a whole number of replicas >= 1 (for example "25")
            replica.min      | 99999999999 | annotations.scaling.exporter.replica.min: "99999999999" is not a whole number of replicas >= 1 (for example "25")
            time.start       | 25:00      | annotations.scaling.exporter.time.start: "25:00" is not a time of day (HH:mm or HH:mm:ss, 24-hour, for example "19:30")
            time.start       | 7pm        | annotations.scaling.exporter.time.start: "7pm" is not a time of day (HH:mm or HH:mm:ss, 24-hour, for example "19:30")
            time.start       | 19:60      | annotations.scaling.exporter.time.start: "19:60" is not a time of day (HH:mm or HH:mm:ss, 24-hour, for example "19:30")
            time.end         | 24:00      | annotations.scaling.exporter.time.end: "24:00" is not a time of day (HH:mm or HH:mm:ss, 24-hour, for example "19:30")
            time.end         | 23:30:00.5 | annotations.scaling.exporter.time.end: "23:30:00.5" is not a time of day (HH:mm or HH:mm:ss, 24-hour, for example "19:30")
            days             | Mon-Fry    | annotations.scaling.exporter.days: "Mon-Fry" is not a list of days of the week (Mon..Sun, comma-separated, ranges allowed, for example "Mon-Fri" or "Sat,Sun")
            timezone         | Europe/Pari | annotations.scaling.exporter.timezone: "Europe/Pari" is not an IANA time zone (for example "Europe/Paris")
            event.multiplier | 0          | annotations.scaling.exporter.event.multiplier: "0" is not a number > 0 (for example "3" or "1.5")
            event.multiplier | x3         | annotations.scaling.exporter.event.multiplier: "x3" is not a number > 0 (for example "3" or "1.5")
            event.end        | tonight    | annotations.scaling.exporter.event.end: "tonight" is not an ISO-8601 instant (for example "2026-07-14T23:00:00Z")
            """)
    void deniesABadValueNamingTheKeyTheValueAndTheExpectedForm(String key, String value, String message) {
        Map<String, String> annotations = valid();
        annotations.put(P + key, value);
        assertEquals(List.of(message), problems(annotations));
    }

    @ParameterizedTest(name = "lead \"{0}\" = {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            10m     | PT10M
            90s     | PT1M30S
            1h      | PT1H
            1h30m   | PT1H30M
            PT5M    | PT5M
            ' 10m ' | PT10M
            0s      | PT0S
            19h59m59s | PT19H59M59S
            """)
    void readsALeadAsOperatorsWriteIt(String lead, String expected) {
        Map<String, String> annotations = valid();
        annotations.put(P + "lead", lead);
        PrescalingSpec spec = assertInstanceOf(AnnotationReading.Valid.class, parser.read(annotations))
                .spec();
        assertEquals(Duration.parse(expected), spec.window().lead());
    }

    @Test
    void readsAnAbsentLeadAsZero() {
        PrescalingSpec spec = assertInstanceOf(AnnotationReading.Valid.class, parser.read(valid()))
                .spec();
        assertEquals(Duration.ZERO, spec.window().lead());
    }

    /** The window of {@link #valid()} runs 19:30-23:30, 4h: a lead of 20h or more would make it cover the day. */
    @ParameterizedTest(name = "lead \"{0}\"")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            soon      | annotations.scaling.exporter.lead: "soon" is not a duration: %1$s
            10        | annotations.scaling.exporter.lead: "10" is not a duration: %1$s
            10 min    | annotations.scaling.exporter.lead: "10 min" is not a duration: %1$s
            -10m      | annotations.scaling.exporter.lead: "-10m" is negative: %1$s
            PT-10M    | annotations.scaling.exporter.lead: "PT-10M" is negative: %1$s
            1d        | annotations.scaling.exporter.lead: "1d" is not shorter than a day: %1$s
            24h       | annotations.scaling.exporter.lead: "24h" is not shorter than a day: %1$s
            3d        | annotations.scaling.exporter.lead: "3d" is not shorter than a day: %1$s
            99999d    | annotations.scaling.exporter.lead: "99999d" is not shorter than a day: %1$s
            20h       | annotations.scaling.exporter.lead: "20h" with the 4h window from 19:30 to 23:30 covers the whole day (lead + window must be under 24h, so here a lead under 20h): %1$s
            23h59m    | annotations.scaling.exporter.lead: "23h59m" with the 4h window from 19:30 to 23:30 covers the whole day (lead + window must be under 24h, so here a lead under 20h): %1$s
            """)
    void deniesALeadThatIsNotADurationNegativeADayOrLongerOrCoveringTheDay(String lead, String message) {
        Map<String, String> annotations = valid();
        annotations.put(P + "lead", lead);
        assertEquals(List.of(message.formatted(LEAD_FORM)), problems(annotations));
    }

    @Test
    void checksALeadAgainstAWindowCrossingMidnight() {
        Map<String, String> annotations = valid();
        annotations.put(P + "time.start", "22:00");
        annotations.put(P + "time.end", "02:00");
        annotations.put(P + "lead", "19h59m59s");
        assertEquals(
                Duration.parse("PT19H59M59S"),
                assertInstanceOf(AnnotationReading.Valid.class, parser.read(annotations))
                        .spec()
                        .window()
                        .lead());
        annotations.put(P + "lead", "20h");
        assertEquals(
                List.of("annotations.scaling.exporter.lead: \"20h\" with the 4h window from 22:00 to 02:00 covers the"
                        + " whole day (lead + window must be under 24h, so here a lead under 20h): " + LEAD_FORM),
                problems(annotations));
    }

    @Test
    void reportsABadLeadAlongWithABadStart_checkingOnlyWhatItCanAlone() {
        Map<String, String> annotations = valid();
        annotations.put(P + "time.start", "25:00");
        annotations.put(P + "lead", "23h");
        AnnotationReading.Invalid invalid = assertInstanceOf(AnnotationReading.Invalid.class, parser.read(annotations));
        assertEquals(
                List.of(P + "time.start"),
                invalid.problems().stream().map(AnnotationProblem::key).toList(),
                "23h is a lead on its own; the window it would cover is not known");
        annotations.put(P + "lead", "1d");
        invalid = assertInstanceOf(AnnotationReading.Invalid.class, parser.read(annotations));
        assertEquals(
                List.of(P + "time.start", P + "lead"),
                invalid.problems().stream().map(AnnotationProblem::key).toList());
    }

    @Test
    void readsALeadAloneAsAPartialConfiguration() {
        List<String> problems = problems(Map.of(P + "lead", "10m"));
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void deniesWindowWhoseEndEqualsStart() {
        Map<String, String> annotations = valid();
        annotations.put(P + "time.end", "19:30");
        assertEquals(
                List.of(
                        "annotations.scaling.exporter.time.end: \"19:30\" equals annotations.scaling.exporter.time.start;"
                                + " a window needs an end different from its start (an end before the start crosses midnight)"),
                problems(annotations));
    }

    @Test
    void deniesPartialConfigurationNamingEveryMissingKey() {
        List<String> problems = problems(Map.of(P + "replica.min", "25"));
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).startsWith("annotations.scaling.exporter.time.start: missing; "), problems.get(0));
        assertTrue(problems.get(1).startsWith("annotations.scaling.exporter.time.end: missing; "), problems.get(1));
    }

    @Test
    void deniesOnlyTheOptionalKeysAsPartialConfiguration() {
        List<String> problems = problems(Map.of(P + "days", "Mon-Fri"));
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, String> annotations = new HashMap<>();
        annotations.put(P + "replica.min", "many");
        annotations.put(P + "time.start", "25:00");
        annotations.put(P + "days", "someday");
        annotations.put(P + "timezone", "Nowhere");
        AnnotationReading.Invalid invalid = assertInstanceOf(AnnotationReading.Invalid.class, parser.read(annotations));
        assertEquals(
                List.of(P + "time.end", P + "replica.min", P + "time.start", P + "days", P + "timezone"),
                invalid.problems().stream().map(AnnotationProblem::key).toList());
        assertTrue(invalid.message()
                .startsWith("invalid prescaling annotations: annotations.scaling.exporter.time.end: missing"));
        assertEquals(4, invalid.message().split("; annotations\\.").length - 1);
    }

    @Test
    void acceptsTimesWithOneDigitHoursAndSurroundingSpaces() {
        Map<String, String> annotations = valid();
        annotations.put(P + "time.start", " 7:05 ");
        annotations.put(P + "replica.min", " 3 ");
        PrescalingSpec spec = assertInstanceOf(AnnotationReading.Valid.class, parser.read(annotations))
                .spec();
        assertEquals(LocalTime.of(7, 5), spec.window().start());
        assertEquals(3, spec.minReplicas());
    }

    @Test
    void readsAMultiplierWithoutEndAsOpenEnded() {
        Map<String, String> annotations = valid();
        annotations.put(P + "event.multiplier", "3");
        PrescalingSpec spec = assertInstanceOf(AnnotationReading.Valid.class, parser.read(annotations))
                .spec();
        assertEquals(Optional.empty(), spec.event().orElseThrow().end());
    }

    @Test
    void readsKeysUnderACustomPrefix() {
        AnnotationParser custom = new AnnotationParser(new AnnotationKeys("prescaler.io"), PARIS);
        AnnotationReading reading = custom.read(Map.of(
                "prescaler.io.replica.min", "4",
                "prescaler.io.time.start", "08:00",
                "prescaler.io.time.end", "09:00"));
        assertEquals(
                4,
                assertInstanceOf(AnnotationReading.Valid.class, reading).spec().minReplicas());
        assertEquals(new AnnotationReading.NotPrescaled(), custom.read(valid()));
    }

    /** The expressions the hand-written readers replace: they must accept exactly the same texts. */
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d))?");

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\+?\\d{1,9}");

    @Test
    void readsTimesOfDayExactlyAsTheExpressionTheyWereReadWith() {
        // Every text of up to six characters over the characters that matter, and longer ones at random.
        List<String> texts = texts("0123456789:x", 6);
        Random random = new Random(20261201L);
        for (int i = 0; i < 200_000; i++) {
            texts.add(random(random, "0123569:", 7 + random.nextInt(3)));
        }
        texts.addAll(List.of("\u0661\u0669:30", "19:30:00", "23:59:59", "24:00", "7:05", "007:05", "19:30:60"));
        for (String text : texts) {
            Matcher m = TIME_OF_DAY.matcher(text);
            LocalTime expected = m.matches()
                    ? LocalTime.of(
                            Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(2)),
                            m.group(3) == null ? 0 : Integer.parseInt(m.group(3)))
                    : null;
            assertEquals(expected, AnnotationParser.timeOfDay(text), text);
        }
    }

    @Test
    void readsWholeNumbersExactlyAsTheExpressionTheyWereReadWith() {
        List<String> texts = texts("019+-x ", 6);
        texts.addAll(List.of(
                "999999999", "+999999999", "1000000000", "0000000001", "00000000001", "+", "++1", "\u0661", "12 3"));
        for (String text : texts) {
            int expected = WHOLE_NUMBER.matcher(text).matches()
                    ? Integer.parseInt(text.startsWith("+") ? text.substring(1) : text)
                    : -1;
            assertEquals(expected, AnnotationParser.wholeNumber(text), text);
        }
    }

    /** Every text of at most {@code length} characters of {@code alphabet}, the empty one included. */
    private static List<String> texts(String alphabet, int length) {
        List<String> texts = new ArrayList<>(List.of(""));
        for (int from = 0, n = 1; n <= length; n++) {
            int to = texts.size();
            for (int i = from; i < to; i++) {
                for (char c : alphabet.toCharArray()) {
                    texts.add(texts.get(i) + c);
                }
            }
            from = to;
        }
        return texts;
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
