package io.prescaler.spike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationProblem;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpikeAnnotationsTest {

    private static final AnnotationKeys KEYS = AnnotationKeys.DEFAULT;
    private static final SpikeAnnotations PARSER = new SpikeAnnotations(KEYS);
    private static final String P = AnnotationKeys.DEFAULT_PREFIX;

    private static Map<String, String> of(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(P + "." + keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void withoutSpikeKeysTheGuardIsAbsent() {
        assertInstanceOf(SpikeReading.Absent.class, PARSER.read(Map.of()));
        assertInstanceOf(SpikeReading.Absent.class, PARSER.read(null));
        assertInstanceOf(
                SpikeReading.Absent.class,
                PARSER.read(of("replica.min", "5", "time.start", "19:00", "time.end", "23:00")));
    }

    @ParameterizedTest(name = "spike: \"{0}\" = {1}")
    @CsvSource({"on, ON", "preview, PREVIEW", "' On ', ON", "PREVIEW, PREVIEW"})
    void readsTheModeAndTheDefaults(String value, SpikeMode mode) {
        SpikeSettings settings = assertInstanceOf(SpikeReading.Valid.class, PARSER.read(of("spike", value)))
                .settings();

        assertEquals(SpikeSettings.defaults(mode), settings);
    }

    @Test
    void readsEveryOptionalKey() {
        SpikeSettings settings = assertInstanceOf(
                        SpikeReading.Valid.class,
                        PARSER.read(of(
                                "spike", "on",
                                "spike.velocity", "12",
                                "spike.acceleration", "20%",
                                "spike.lookahead", "90s",
                                "spike.hold", "10m")))
                .settings();

        assertEquals(RateThreshold.absolute(12), settings.velocity());
        assertEquals(RateThreshold.percentOfDemand(20), settings.acceleration());
        assertEquals(Duration.ofSeconds(90), settings.lookahead());
        assertEquals(Duration.ofMinutes(10), settings.hold());
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            spike              | off      | annotations.scaling.exporter.spike: "off" is not a spike guard mode: "on" raises the minimum during a spike, "preview" only exports it; to turn the guard off, remove the key
            spike              | ''       | annotations.scaling.exporter.spike: "" is not a spike guard mode: "on" raises the minimum during a spike, "preview" only exports it; to turn the guard off, remove the key
            spike.velocity     | fast     | annotations.scaling.exporter.spike.velocity: "fast" is not a number: a threshold in replicas per minute above 0 (up to 100000), or a percentage of the demand at the start of the window above 0% (up to 10000%), for example "12" or "30%"
            spike.velocity     | 0        | annotations.scaling.exporter.spike.velocity: "0" is 0, which would trigger at every sample: a threshold in replicas per minute above 0 (up to 100000), or a percentage of the demand at the start of the window above 0% (up to 10000%), for example "12" or "30%"
            spike.velocity     | -3       | annotations.scaling.exporter.spike.velocity: "-3" is negative: a threshold in replicas per minute above 0 (up to 100000), or a percentage of the demand at the start of the window above 0% (up to 10000%), for example "12" or "30%"
            spike.velocity     | 100001   | annotations.scaling.exporter.spike.velocity: "100001" is too large: a threshold in replicas per minute above 0 (up to 100000), or a percentage of the demand at the start of the window above 0% (up to 10000%), for example "12" or "30%"
            spike.acceleration | 10001%   | annotations.scaling.exporter.spike.acceleration: "10001%" is too large: a threshold in replicas per minute per minute above 0 (up to 100000), or a percentage of the demand at the start of the window above 0% (up to 10000%), for example "5" or "12%"
            spike.acceleration | 1e3      | annotations.scaling.exporter.spike.acceleration: "1e3" is not a number: a threshold in replicas per minute per minute above 0 (up to 100000), or a percentage of the demand at the start of the window above 0% (up to 10000%), for example "5" or "12%"
            spike.lookahead    | soon     | annotations.scaling.exporter.spike.lookahead: "soon" is not a duration: how far ahead the spike floor looks, a duration from 0s to 30m (for example "2m" or "90s")
            spike.lookahead    | 31m      | annotations.scaling.exporter.spike.lookahead: "31m" is too long: how far ahead the spike floor looks, a duration from 0s to 30m (for example "2m" or "90s")
            spike.lookahead    | -2m      | annotations.scaling.exporter.spike.lookahead: "-2m" is negative: how far ahead the spike floor looks, a duration from 0s to 30m (for example "2m" or "90s")
            spike.hold         | 7h       | annotations.scaling.exporter.spike.hold: "7h" is too long: how long a spike holds once both signals are calm, a duration from 0s to 6h (for example "5m")
            spike.hold         | 99999999999999d | annotations.scaling.exporter.spike.hold: "99999999999999d" is not a duration: how long a spike holds once both signals are calm, a duration from 0s to 6h (for example "5m")
            """)
    void refusesEachBadValueNamingTheKeyTheValueAndTheForm(String key, String value, String message) {
        Map<String, String> annotations = of("spike", "on");
        annotations.put(P + "." + key, value);

        List<AnnotationProblem> problems = assertInstanceOf(SpikeReading.Invalid.class, PARSER.read(annotations))
                .problems();

        assertEquals(
                List.of(message),
                problems.stream().map(AnnotationProblem::message).toList());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<AnnotationProblem> problems = assertInstanceOf(
                        SpikeReading.Invalid.class,
                        PARSER.read(of(
                                "spike.velocity", "x",
                                "spike.acceleration", "0%",
                                "spike.lookahead", "1h",
                                "spike.hold", "forever")))
                .problems();

        assertEquals(
                List.of(
                        KEYS.spike(),
                        KEYS.spikeVelocity(),
                        KEYS.spikeAcceleration(),
                        KEYS.spikeLookahead(),
                        KEYS.spikeHold()),
                problems.stream().map(AnnotationProblem::key).toList());
        assertEquals(
                "annotations.scaling.exporter.spike: missing; the spike guard's settings need"
                        + " annotations.scaling.exporter.spike set to \"on\" or \"preview\" (or remove every"
                        + " annotations.scaling.exporter.spike.* key)",
                problems.get(0).message());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"0.5, 0.5", "+7, 7", ".25, 0.25", "100000, 100000", "' 3 ', 3"})
    void readsPlainDecimalsAsReplicasPerMinute(String value, double replicas) {
        SpikeSettings settings = assertInstanceOf(
                        SpikeReading.Valid.class, PARSER.read(of("spike", "preview", "spike.velocity", value)))
                .settings();

        assertEquals(RateThreshold.absolute(replicas), settings.velocity());
    }

    @Test
    void aLookaheadAndHoldOfZeroAreAllowed() {
        SpikeSettings settings = assertInstanceOf(
                        SpikeReading.Valid.class,
                        PARSER.read(of("spike", "on", "spike.lookahead", "0s", "spike.hold", "0s")))
                .settings();

        assertEquals(Duration.ZERO, settings.lookahead());
        assertEquals(Duration.ZERO, settings.hold());
    }

    @Test
    void theKeysFollowThePrefix() {
        SpikeAnnotations other = new SpikeAnnotations(new AnnotationKeys("prescaling.example.com"));

        assertInstanceOf(SpikeReading.Valid.class, other.read(Map.of("prescaling.example.com.spike", "on")));
        assertInstanceOf(SpikeReading.Absent.class, other.read(of("spike", "on")));
    }
}
