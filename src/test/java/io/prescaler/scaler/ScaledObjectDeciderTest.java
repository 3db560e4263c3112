package io.prescaler.scaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.prescaler.kube.ScaledObjectFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.MinimumSource;
import io.prescaler.schedule.PrescalingDecision;
import io.prescaler.testing.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/** The scaler's answers for one ScaledObject: the core's decision, as for an HPA, or a refusal naming why. */
class ScaledObjectDeciderTest {

    private static final AnnotationParser PARSER =
            new AnnotationParser(AnnotationKeys.DEFAULT, ZoneId.of("Europe/Paris"));

    private static ScaledObjectFacts fixture(String name) {
        Object yaml = new Yaml().load(Fixtures.text(ScaledObjectDeciderTest.class, name));
        return ScaledObjectFacts.of(new ObjectMapper().valueToTree(yaml));
    }

    private static ScaledObjectFacts withMax(ScaledObjectFacts so, int max) {
        return new ScaledObjectFacts(
                so.namespace(),
                so.name(),
                so.targetKind(),
                so.targetName(),
                so.annotations(),
                so.labels(),
                so.minReplicaCount(),
                max,
                so.hpaName());
    }

    private static ScaledObjectDecider decider(ScaledObjectFacts so, int running, Instant now) {
        return new ScaledObjectDecider(
                (namespace, name) -> Optional.of(so).filter(s -> s.key().equals(namespace + "/" + name)),
                (namespace, name) -> Optional.empty(),
                (namespace, hpa) -> hpa.equals(so.hpaName()) ? OptionalInt.of(running) : OptionalInt.empty(),
                PARSER,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /** web: 25 replicas from 19:30 to 23:30 in Paris (18:30-22:30 UTC in November). */
    @ParameterizedTest(name = "{0} with {1} running, max {2}: value {3}, active {4}")
    @CsvSource({
        "2026-11-23T19:00:00Z, 24, 40, 27, true", // inside the HPA's tolerance: the value steps past it
        "2026-11-23T19:00:00Z, 25, 40, 25, true",
        "2026-11-23T19:00:00Z, 30, 40, 25, true",
        "2026-11-23T19:00:00Z,  0, 40, 25, true", // scaled to zero: KEDA wakes it, the HPA asks for 25
        "2026-11-23T19:00:00Z, 10, 20, 20, true", // capped at maxReplicaCount
        "2026-11-23T18:30:00Z, 24, 40, 27, true", // 19:30:00, the start is inclusive
        "2026-11-23T18:29:59Z, 24, 40,  0, false",
        "2026-11-23T22:30:00Z, 24, 40,  0, false", // 23:30:00, the end is exclusive
    })
    void decidesLikeTheExporterDecidesAnHpa(Instant now, int running, int max, long value, boolean active) {
        ScaledObjectFacts web = withMax(fixture("web-evening.yaml"), max);
        ScaledObjectDecider.Answer.Decided decided = assertInstanceOf(
                ScaledObjectDecider.Answer.Decided.class,
                decider(web, running, now).decide("shop", "web"));
        assertEquals(value, decided.metricValue());
        assertEquals(active, decided.active());
        assertEquals(
                PrescalingDecision.decide(PARSER.read(web.annotations()), max, running, now),
                decided.decision(),
                "the HPA path's decision for the same annotations, bound and replicas");
    }

    @ParameterizedTest(name = "{0}/{1}: {2}")
    @CsvSource({
        "shop, ghost,  NOT_FOUND",
        "shop, '',     INVALID_ARGUMENT",
        "'',   web,    INVALID_ARGUMENT",
        "shop, broken, INVALID_ARGUMENT",
        "shop, plain,  FAILED_PRECONDITION",
    })
    void refusesWithAStatusThatSaysWhy(String namespace, String name, Status.Code code) {
        Map<String, ScaledObjectFacts> objects = Map.of(
                "shop/broken", fixture("invalid.yaml"),
                "shop/plain", fixture("plain.yaml"));
        ScaledObjectDecider decider = new ScaledObjectDecider(
                (ns, n) -> Optional.ofNullable(objects.get(ns + "/" + n)),
                (ns, n) -> Optional.empty(),
                HpaReplicas.UNKNOWN,
                PARSER,
                Clock.fixed(Instant.parse("2026-11-23T19:00:00Z"), ZoneOffset.UTC));
        ScaledObjectDecider.Answer.Refused refused =
                assertInstanceOf(ScaledObjectDecider.Answer.Refused.class, decider.decide(namespace, name));
        assertEquals(code, refused.status().getCode());
    }

    @Test
    void answersUnavailableWhileTheScaledObjectsCannotBeListed() {
        ScaledObjectDecider decider = new ScaledObjectDecider(
                (ns, n) -> Optional.empty(),
                (ns, n) -> Optional.of("the exporter has not listed the ScaledObjects yet: 403 Forbidden"),
                HpaReplicas.UNKNOWN,
                PARSER,
                Clock.systemUTC());
        ScaledObjectDecider.Answer.Refused refused =
                assertInstanceOf(ScaledObjectDecider.Answer.Refused.class, decider.decide("shop", "web"));
        assertEquals(Status.Code.UNAVAILABLE, refused.status().getCode());
        assertEquals(
                "ScaledObject shop/web cannot be looked up: the exporter has not listed the ScaledObjects yet: 403"
                        + " Forbidden",
                refused.status().getDescription());
    }

    @ParameterizedTest
    @CsvSource({
        "prescaling-min-replicas, true",
        "s0-prescaling-min-replicas, true",
        "s12-prescaling-min-replicas, true",
        "prescaling_min_replicas, false",
        "s-prescaling-min-replicas, false",
        "cpu, false",
        "'', false",
    })
    void servesOnlyItsMetricWithOrWithoutKedasIndex(String metricName, boolean served) {
        assertEquals(served, ScaledObjectDecider.servesMetric(metricName));
    }

    /**
     * The exporter's floors from demand reach a ScaledObject's answer for the HPA KEDA built for it, after the window
     * and events: a forecast-only ScaledObject is answered, not refused, and its value is the floor's.
     */
    @Test
    void appliesTheExportersDemandFloorsForTheHpaKedaBuilt() {
        ScaledObjectFacts checkout = fixture("forecast-only.yaml");
        List<String> asked = new ArrayList<>();
        DemandFloorSource floors = (decision, hpaKey, forecast, spike, max, current, now) -> {
            asked.add(hpaKey + " " + forecast.isForecast() + " " + spike.isPresent() + " " + max + " " + current);
            return decision.raisedBy(MinimumSource.FORECAST, 18, max, current);
        };
        ScaledObjectDecider decider = new ScaledObjectDecider(
                (namespace, name) -> Optional.of(checkout).filter(s -> s.key().equals(namespace + "/" + name)),
                (namespace, name) -> Optional.empty(),
                (namespace, hpa) -> hpa.equals("keda-hpa-checkout") ? OptionalInt.of(6) : OptionalInt.empty(),
                PARSER,
                floors,
                Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));

        ScaledObjectDecider.Answer.Decided decided =
                assertInstanceOf(ScaledObjectDecider.Answer.Decided.class, decider.decide("shop", "checkout"));

        assertEquals(List.of("shop/keda-hpa-checkout true false 40 6"), asked);
        assertEquals(18, decided.metricValue());
        assertTrue(decided.active(), "a floor from demand keeps the workload active");
        assertEquals(
                Optional.of(MinimumSource.FORECAST),
                decided.decision().minimum().source());
    }

    @Test
    void refusesABadSpikeKeyNamingIt() {
        ScaledObjectFacts search = fixture("spike-invalid.yaml");
        ScaledObjectDecider decider = new ScaledObjectDecider(
                (namespace, name) -> Optional.of(search),
                (namespace, name) -> Optional.empty(),
                HpaReplicas.UNKNOWN,
                PARSER,
                Clock.fixed(Instant.parse("2026-11-23T19:00:00Z"), ZoneOffset.UTC));

        ScaledObjectDecider.Answer.Refused refused =
                assertInstanceOf(ScaledObjectDecider.Answer.Refused.class, decider.decide("shop", "search"));

        assertEquals(Status.Code.INVALID_ARGUMENT, refused.status().getCode());
        assertTrue(
                refused.status().getDescription().contains("annotations.scaling.exporter.spike"),
                refused.status().getDescription());
    }
}
