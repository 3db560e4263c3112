package io.prescaler.events;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.prescaler.cluster.ApiServer;
import io.prescaler.cluster.ClusterConnection;
import io.prescaler.cluster.ClusterReader;
import io.prescaler.failure.InvalidInputException;
import io.prescaler.input.EventsYaml;
import io.prescaler.kube.HpaFacts;
import io.prescaler.kube.ScaledObjectFacts;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.EventAnnotations;
import io.prescaler.schedule.EventDecisions;
import io.prescaler.schedule.EventProblem;
import io.prescaler.schedule.ParsedEvents;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code events apply}: reads the events ConfigMap and the HPAs ({@link ClusterReader}), decides which
 * event applies to every prescaled HPA now ({@link EventDecisions}, pure), patches the event annotations of the HPAs
 * that differ, and only those, with a retry on conflict, and records a Kubernetes Event for each change
 * ({@link EventRecorder}). Idempotent: a second run at the same instant patches nothing.
 *
 * <p>An HPA whose prescaling annotations are invalid never gets a multiplier: the webhook refuses a write that
 * keeps invalid annotations and changes them (and the exporter asks nothing of it anyway); its event annotations, if
 * any, are removed. An HPA that is no longer prescaled loses any event annotations left on it too. The next run
 * after the team fixes the annotations writes the multiplier.
 *
 * <p>A file that cannot be read as a whole touches no HPA. An entry skipped as invalid leaves the HPAs carrying
 * its name as they are (see {@link ParsedEvents#holds}): their {@code event.end} still ends the multiplier.
 */
public final class EventsApplier {

    private static final Logger LOG = LoggerFactory.getLogger(EventsApplier.class);
    /** A 409 Conflict means someone else wrote the HPA meanwhile; a few fresh tries are plenty. */
    static final int MAX_ATTEMPTS = 4;

    private final ClusterReader reader;
    private final EventsApplyConfig config;
    private final AnnotationParser parser;
    private final AnnotationPatcher patcher;
    private final EventRecorder recorder;

    public EventsApplier(ClusterConnection connection, EventsApplyConfig config) {
        this.reader = new ClusterReader(connection);
        this.config = config;
        this.parser = new AnnotationParser(config.keys(), config.zone());
        this.patcher = new AnnotationPatcher(connection.client());
        this.recorder = new EventRecorder(connection.client());
    }

    /** With a client built elsewhere, as tests and benchmarks build theirs. */
    public EventsApplier(KubernetesClient client, EventsApplyConfig config) {
        this(
                new ClusterConnection(client, new ApiServer(String.valueOf(client.getMasterUrl()), "given client")),
                config);
    }

    /**
     * Runs once at {@code now}.
     *
     * @throws InvalidInputException when the events cannot be read at all: then nothing is touched, since removing
     *     every multiplier because of a typo in a flag would be worse than leaving them to expire
     * @throws io.prescaler.failure.ClusterException when the ConfigMap or the HPAs cannot be read
     */
    public ApplyReport apply(Instant now) {
        ParsedEvents events = readEvents(now);
        EventDecisions decisions = new EventDecisions(parser, events, now);
        List<HorizontalPodAutoscaler> hpas = reader.hpas();
        // KEDA ScaledObjects carry the annotations of the HPAs KEDA builds from them: selected and annotated alike.
        List<GenericKubernetesResource> scaledObjects = config.scaledObjects() ? reader.scaledObjects() : List.of();
        List<Target> targets = new ArrayList<>(hpas.size() + scaledObjects.size());
        // An HPA KEDA built is annotated through its ScaledObject: KEDA copies the ScaledObject's annotations onto it
        // and owns it, so writing it too would only start a fight with KEDA's reconciler.
        hpas.stream().filter(hpa -> !ownedByScaledObject(hpa)).forEach(hpa -> targets.add(Target.of(hpa)));
        scaledObjects.forEach(scaledObject -> targets.add(Target.of(scaledObject)));

        int unchanged = 0;
        int held = 0;
        List<Pending> pending = new ArrayList<>();
        // An event that could not be evaluated, or an HPA that could not be decided, fails alone, named.
        List<String> failures = new ArrayList<>(decisions.active().failures());
        failures.forEach(failure -> LOG.error("{}", failure));
        for (Target facts : targets) {
            EventDecisions.Decision decision;
            try {
                decision = decide(decisions, facts);
            } catch (RuntimeException e) {
                String line = facts.key() + ": could not decide its event annotations (" + e + "); left as it is";
                LOG.error("{}", line);
                failures.add(line);
                continue;
            }
            if (decision.held()) {
                LOG.debug(
                        "{}: event {} kept as it is while its entry is invalid",
                        facts.key(),
                        facts.annotations().get(config.keys().eventName()));
                held++;
            }
            if (decision.change().isEmpty()) {
                unchanged++;
            } else {
                pending.add(new Pending(facts, decision.change().get()));
            }
        }

        List<String> changes = new ArrayList<>();
        int patched = 0;
        if (config.dryRun()) {
            for (Pending p : pending) {
                changes.add(p.target().key() + ": " + p.change().describe());
            }
            patched = pending.size();
        } else {
            for (Outcome outcome : patchAll(pending, decisions, now)) {
                switch (outcome.result()) {
                    case PATCHED -> {
                        patched++;
                        changes.add(outcome.line());
                    }
                    case UNCHANGED -> unchanged++;
                    case FAILED -> failures.add(outcome.line());
                }
            }
        }
        return new ApplyReport(
                targets.size(),
                patched,
                unchanged,
                held,
                decisions.active().occurrences(),
                changes,
                failures,
                events.problems(),
                config.dryRun(),
                scaledObjects.size());
    }

    static boolean ownedByScaledObject(HorizontalPodAutoscaler hpa) {
        return hpa.getMetadata().getOwnerReferences() != null
                && hpa.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner -> "ScaledObject".equals(owner.getKind())
                                && owner.getApiVersion() != null
                                && owner.getApiVersion().startsWith("keda.sh/"));
    }

    private static EventDecisions.Decision decide(EventDecisions decisions, Target facts) {
        return decisions.of(facts.namespace(), facts.labels(), facts.annotations());
    }

    /**
     * The events of the ConfigMap. Invalid entries are skipped (each logged, one Warning Event on the ConfigMap); a
     * file that cannot be read as a whole stops the run before any HPA is touched.
     */
    private ParsedEvents readEvents(Instant now) {
        ConfigMap configMap = readConfigMap();
        ParsedEvents events = EventsYaml.read(configMap.getData().get(config.key()), config.zone());
        List<EventProblem> problems = events.problems();
        if (events.isUnreadable()) {
            String message = "ConfigMap " + config.configMap() + " key " + config.key() + ": "
                    + problems.stream().map(EventProblem::message).collect(Collectors.joining("; "))
                    + "; no HPA touched (the multipliers already written expire at their event.end)";
            if (!config.dryRun()) {
                recorder.repeatedWarning(configMap, EventRecorder.INVALID, message, now);
            }
            throw new InvalidInputException(message);
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.warn("{}: {} (entry skipped)", config.configMap(), p.message()));
            if (!config.dryRun()) {
                recorder.repeatedWarning(configMap, EventRecorder.INVALID, events.problemsMessage(), now);
            }
        }
        return events;
    }

    private ConfigMap readConfigMap() {
        ConfigMap configMap = reader.configMap(config.configMapRef())
                .orElseThrow(() -> new InvalidInputException("ConfigMap " + config.configMap()
                        + " not found; create it (an empty list of events is fine) or name another with --configmap"));
        Map<String, String> data = configMap.getData();
        if (data == null || !data.containsKey(config.key())) {
            throw new InvalidInputException("ConfigMap " + config.configMap() + " has no key " + config.key()
                    + "; put the events under it (an empty list is fine) or name another with --key");
        }
        return configMap;
    }

    private List<Outcome> patchAll(List<Pending> pending, EventDecisions decisions, Instant now) {
        if (pending.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.parallelism(), pending.size()));
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Pending p : pending) {
                futures.add(pool.submit(() -> patchOne(p, decisions, now)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                String key = pending.get(i).target().key();
                try {
                    outcomes.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    String line = key + ": patch failed: " + e.getCause().toString();
                    LOG.error("{}", line);
                    outcomes.add(new Outcome(Result.FAILED, line));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcomes.add(new Outcome(Result.FAILED, key + ": interrupted"));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Patches one HPA or ScaledObject, reading it again and deciding afresh after a conflict; records an Event on
     * success.
     */
    private Outcome patchOne(Pending first, EventDecisions decisions, Instant now) {
        Target target = first.target();
        String key = target.key();
        EventAnnotations.Change change = first.change();
        for (int attempt = 1; ; attempt++) {
            HasMetadata result;
            try {
                result = target.object() instanceof GenericKubernetesResource scaledObject
                        ? patcher.patch(scaledObject, change)
                        : patcher.patch((HorizontalPodAutoscaler) target.object(), change);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= MAX_ATTEMPTS) {
                    // Anything but a conflict (a webhook's denial, a missing permission) gives the same answer
                    // to the same request: retrying would only repeat it.
                    String line = key + ": could not patch the event annotations (" + change.describe()
                            + "): HTTP " + e.getCode() + ": " + serverMessage(e)
                            + (attempt > 1 ? " (attempt " + attempt + ")" : "");
                    LOG.error("{}", line);
                    return new Outcome(Result.FAILED, line);
                }
                LOG.debug("{}: conflict on attempt {}, reading it again", key, attempt);
                Optional<Target> fresh = target.object() instanceof GenericKubernetesResource
                        ? reader.scaledObject(target.namespace(), target.name()).map(Target::of)
                        : reader.hpa(target.namespace(), target.name()).map(Target::of);
                if (fresh.isEmpty()) {
                    LOG.info("{}: deleted meanwhile, nothing to do", key);
                    return new Outcome(Result.UNCHANGED, null);
                }
                Optional<EventAnnotations.Change> again =
                        decide(decisions, fresh.get()).change();
                if (again.isEmpty()) {
                    return new Outcome(Result.UNCHANGED, null);
                }
                target = fresh.get();
                change = again.get();
                continue;
            }
            String line = key + ": " + change.describe();
            LOG.info("{}", line);
            recorder.normal(
                    result == null ? target.object() : result,
                    change.removesEvent() ? EventRecorder.REMOVED : EventRecorder.APPLIED,
                    change.describe(),
                    now);
            return new Outcome(Result.PATCHED, line);
        }
    }

    /** The API server's own message (a webhook's denial reason, say) rather than fabric8's wrapping of it. */
    private static String serverMessage(KubernetesClientException e) {
        if (e.getStatus() != null
                && e.getStatus().getMessage() != null
                && !e.getStatus().getMessage().isBlank()) {
            return e.getStatus().getMessage();
        }
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    /**
     * An object {@code events apply} annotates, an HPA or a KEDA ScaledObject, with what the decision reads of it.
     *
     * @param key {@code namespace/name}, prefixed {@code ScaledObject } for a ScaledObject so that lines and Events
     *     tell it from the HPA KEDA builds for it
     */
    private record Target(
            HasMetadata object,
            String key,
            String namespace,
            String name,
            Map<String, String> labels,
            Map<String, String> annotations) {

        static Target of(HorizontalPodAutoscaler hpa) {
            HpaFacts facts = HpaFacts.of(hpa);
            return new Target(hpa, facts.key(), facts.namespace(), facts.name(), facts.labels(), facts.annotations());
        }

        static Target of(GenericKubernetesResource scaledObject) {
            ScaledObjectFacts facts = ScaledObjectFacts.of(scaledObject);
            return new Target(
                    scaledObject,
                    "ScaledObject " + facts.key(),
                    facts.namespace(),
                    facts.name(),
                    facts.labels(),
                    facts.annotations());
        }
    }

    private record Pending(Target target, EventAnnotations.Change change) {}

    private enum Result {
        PATCHED,
        UNCHANGED,
        FAILED
    }

    private record Outcome(Result result, String line) {}
}
