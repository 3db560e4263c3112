package io.prescaler.scaler;

import io.grpc.Status;
import io.prescaler.kube.ScaledObjectFacts;
import io.prescaler.reading.AnnotationReadings;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.PrescalingDecision;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * What the scaler answers for one ScaledObject at the clock's instant: the decision of the core, exactly as the
 * exporter decides an HPA ({@link PrescalingDecision#decide} from the annotations' one reading, the upper bound and
 * the replicas running), or the refusal with its gRPC status. Each ScaledObject's annotations are parsed once per
 * change of the object, not per call.
 */
public final class ScaledObjectDecider {

    /** The one metric the scaler serves, in KEDA's naming style; KEDA's HPA reads it with AverageValue 1. */
    public static final String METRIC_NAME = "prescaling-min-replicas";

    /** KEDA prefixes a trigger's metric with its index ({@code s0-}) in the HPA and usually strips it again. */
    private static final Pattern INDEXED = Pattern.compile("s\\d{1,4}-" + Pattern.quote(METRIC_NAME));

    /** The answer for one ScaledObject. */
    public sealed interface Answer {

        /** Decided: the ScaledObject's facts and the core's decision for it now. */
        record Decided(ScaledObjectFacts scaledObject, PrescalingDecision decision) implements Answer {

            /** The value GetMetrics serves: {@code prescaling_min_replicas}'s, tolerance step included. */
            public long metricValue() {
                return decision.directValue();
            }

            /** Whether KEDA should keep the workload active: the effective minimum asks for replicas. */
            public boolean active() {
                return decision.minimum().asksForReplicas();
            }
        }

        /** Refused, with the status the client gets. */
        record Refused(Status status) implements Answer {}
    }

    /** What a ScaledObject's annotations say, read once per object. */
    private record Memo(ScaledObjectFacts facts, AnnotationReadings readings) {}

    private final BiFunction<String, String, Optional<ScaledObjectFacts>> scaledObjects;
    private final BiFunction<String, String, Optional<String>> unavailable;
    private final HpaReplicas hpaReplicas;
    private final AnnotationParser parser;
    private final DemandFloorSource floors;
    private final Clock clock;
    private final Map<String, Memo> readings = new ConcurrentHashMap<>();

    /** Decides from the informer cache. */
    public ScaledObjectDecider(
            ScaledObjectCache cache,
            HpaReplicas hpaReplicas,
            AnnotationParser parser,
            DemandFloorSource floors,
            Clock clock) {
        this(cache::get, (namespace, name) -> cache.problem(namespace), hpaReplicas, parser, floors, clock);
    }

    /**
     * @param scaledObjects the ScaledObject of a namespace and name, as last seen
     * @param unavailable why the ScaledObjects of a namespace cannot be known now; empty when they can
     */
    public ScaledObjectDecider(
            BiFunction<String, String, Optional<ScaledObjectFacts>> scaledObjects,
            BiFunction<String, String, Optional<String>> unavailable,
            HpaReplicas hpaReplicas,
            AnnotationParser parser,
            Clock clock) {
        this(scaledObjects, unavailable, hpaReplicas, parser, DemandFloorSource.NONE, clock);
    }

    /** @param floors the exporter's floors from demand, applied after the window's and the events' */
    public ScaledObjectDecider(
            BiFunction<String, String, Optional<ScaledObjectFacts>> scaledObjects,
            BiFunction<String, String, Optional<String>> unavailable,
            HpaReplicas hpaReplicas,
            AnnotationParser parser,
            DemandFloorSource floors,
            Clock clock) {
        this.floors = Objects.requireNonNull(floors, "floors");
        this.scaledObjects = Objects.requireNonNull(scaledObjects, "scaledObjects");
        this.unavailable = Objects.requireNonNull(unavailable, "unavailable");
        this.hpaReplicas = Objects.requireNonNull(hpaReplicas, "hpaReplicas");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Clock clock() {
        return clock;
    }

    /**
     * The value for a ScaledObject at an instant, from the same inputs as an HPA's series: its annotations' reading,
     * its upper bound ({@code maxReplicaCount}) and the replicas its HPA runs. The one place the scaler's value is
     * computed; the demand floors (forecast, spike guard) reach it through {@link PrescalingDecision}.
     */
    public static PrescalingDecision decision(
            AnnotationReading reading, ScaledObjectFacts scaledObject, int currentReplicas, Instant now) {
        return PrescalingDecision.decide(reading, scaledObject.maxReplicaCount(), currentReplicas, now);
    }

    /** Whether the metric name a GetMetrics call asks for is the one served. */
    public static boolean servesMetric(String metricName) {
        return METRIC_NAME.equals(metricName) || INDEXED.matcher(metricName).matches();
    }

    /** The problem with a request's ScaledObjectRef, or null when it names one. */
    public static Status badReference(String namespace, String name) {
        if (name.isEmpty()) {
            return Status.INVALID_ARGUMENT.withDescription("scaledObjectRef.name is empty: name the ScaledObject");
        }
        if (namespace.isEmpty()) {
            return Status.INVALID_ARGUMENT.withDescription(
                    "scaledObjectRef.namespace is empty: name the ScaledObject's namespace");
        }
        return null;
    }

    /** The answer for the ScaledObject {@code namespace/name} now. */
    public Answer decide(String namespace, String name) {
        return decide(namespace, name, clock.instant());
    }

    public Answer decide(String namespace, String name, Instant now) {
        Status bad = badReference(namespace, name);
        if (bad != null) {
            return new Answer.Refused(bad);
        }
        Optional<ScaledObjectFacts> found = scaledObjects.apply(namespace, name);
        if (found.isEmpty()) {
            readings.remove(namespace + "/" + name);
            Optional<String> why = unavailable.apply(namespace, name);
            if (why.isPresent()) {
                return new Answer.Refused(Status.UNAVAILABLE.withDescription(
                        "ScaledObject " + namespace + "/" + name + " cannot be looked up: " + why.get()));
            }
            return new Answer.Refused(Status.NOT_FOUND.withDescription("ScaledObject " + namespace + "/" + name
                    + " not found: the exporter's informer has no ScaledObject of that namespace and name"));
        }
        ScaledObjectFacts scaledObject = found.get();
        Memo memo = memo(scaledObject);
        Optional<AnnotationReading.Invalid> problems = memo.readings().problems();
        if (problems.isPresent()) {
            return new Answer.Refused(Status.INVALID_ARGUMENT.withDescription(
                    "ScaledObject " + scaledObject.key() + ": " + problems.get().message()));
        }
        if (memo.readings().asksNothing()) {
            return new Answer.Refused(Status.FAILED_PRECONDITION.withDescription("ScaledObject "
                    + scaledObject.key() + " carries no prescaling annotations ("
                    + parser.keys().minReplicas()
                    + ", " + parser.keys().start() + ", " + parser.keys().end() + ", or "
                    + parser.keys().forecast()
                    + " or " + parser.keys().spike() + "): annotate it, or remove the Prescaler trigger"));
        }
        int current = hpaReplicas
                .currentReplicas(scaledObject.namespace(), scaledObject.hpaName())
                .orElse(0);
        PrescalingDecision decision = floors.raise(
                decision(memo.readings().window(), scaledObject, current, now),
                scaledObject.namespace() + "/" + scaledObject.hpaName(),
                memo.readings().forecast(),
                memo.readings().spike(),
                scaledObject.maxReplicaCount(),
                current,
                now);
        return new Answer.Decided(scaledObject, decision);
    }

    private Memo memo(ScaledObjectFacts scaledObject) {
        Memo memo = readings.get(scaledObject.key());
        if (memo == null || memo.facts() != scaledObject) {
            memo = new Memo(scaledObject, AnnotationReadings.read(parser, scaledObject.annotations()));
            readings.put(scaledObject.key(), memo);
        }
        return memo;
    }
}
