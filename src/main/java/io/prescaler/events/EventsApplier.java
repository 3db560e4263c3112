package io.prescaler.events;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.prescaler.input.EventsYaml;
import io.prescaler.schedule.ActiveEvents;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.EventAnnotations;
import io.prescaler.schedule.EventOccurrence;
import io.prescaler.schedule.EventProblem;
import io.prescaler.schedule.ParsedEvents;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * One run of {@code events apply}: reads the events ConfigMap, decides which event applies to every prescaled HPA
 * now, and patches the event annotations of the HPAs that differ, and only those. Idempotent: a second run at the
 * same instant patches nothing.
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

    private final KubernetesClient client;
    private final EventsApplyConfig config;
    private final AnnotationParser parser;
    private final EventAnnotations eventAnnotations;
    private final AnnotationPatcher patcher;
    private final EventRecorder recorder;

    public EventsApplier(KubernetesClient client, EventsApplyConfig config) {
        this.client = client;
        this.config = config;
        this.parser = new AnnotationParser(config.keys(), config.zone());
        this.eventAnnotations = new EventAnnotations(config.keys());
        this.patcher = new AnnotationPatcher(client);
        this.recorder = new EventRecorder(client);
    }

    /**
     * Runs once at {@code now}.
     *
     * @throws EventsUnavailableException when the events cannot be read at all: then nothing is touched, since
     *     removing every multiplier because of a typo in a flag would be worse than leaving them to expire
     */
    public ApplyReport apply(Instant now) {
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
            throw new EventsUnavailableException(message, null);
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.warn("{}: {} (entry skipped)", config.configMap(), p.message()));
            if (!config.dryRun()) {
                recorder.repeatedWarning(configMap, EventRecorder.INVALID, events.problemsMessage(), now);
            }
        }
        Decisions decisions = new Decisions(events, events.calendar().activeAt(now), now);
        List<HorizontalPodAutoscaler> hpas = client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inAnyNamespace()
                .list()
                .getItems();

        int unchanged = 0;
        int held = 0;
        List<Pending> pending = new ArrayList<>();
        // An event that could not be evaluated, or an HPA that could not be decided, fails alone, named.
        List<String> failures = new ArrayList<>(decisions.active().failures());
        failures.forEach(failure -> LOG.error("{}", failure));
        for (HorizontalPodAutoscaler hpa : hpas) {
            Decision decision;
            try {
                decision = decisions.of(hpa);
            } catch (RuntimeException e) {
                String line = key(hpa) + ": could not decide its event annotations (" + e + "); left as it is";
                LOG.error("{}", line);
                failures.add(line);
                continue;
            }
            if (decision.held()) {
                LOG.debug(
                        "{}: event {} kept as it is while its entry is invalid",
                        key(hpa),
                        hpa.getMetadata().getAnnotations().get(config.keys().eventName()));
                held++;
            }
            if (decision.change().isEmpty()) {
                unchanged++;
            } else {
                pending.add(new Pending(hpa, decision.change().get()));
            }
        }

        List<String> changes = new ArrayList<>();
        int patched = 0;
        if (config.dryRun()) {
            for (Pending p : pending) {
                changes.add(key(p.hpa()) + ": " + p.change().describe());
            }
            patched = pending.size();
        } else {
            List<Outcome> outcomes = patchAll(pending, decisions, now);
            for (Outcome outcome : outcomes) {
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
                hpas.size(),
                patched,
                unchanged,
                held,
                decisions.active().occurrences(),
                changes,
                failures,
                problems,
                config.dryRun());
    }

    private ConfigMap readConfigMap() {
        ConfigMap configMap;
        try {
            configMap = client.configMaps()
                    .inNamespace(config.configMapNamespace())
                    .withName(config.configMapName())
                    .get();
        } catch (KubernetesClientException e) {
            throw new EventsUnavailableException(
                    "cannot read ConfigMap " + config.configMap() + " (" + e.getCode() + "): " + e.getMessage(), e);
        }
        if (configMap == null) {
            throw new EventsUnavailableException(
                    "ConfigMap " + config.configMap()
                            + " not found; create it (an empty list of events is fine) or name another with --configmap",
                    null);
        }
        Map<String, String> data = configMap.getData();
        if (data == null || !data.containsKey(config.key())) {
            throw new EventsUnavailableException(
                    "ConfigMap " + config.configMap() + " has no key " + config.key()
                            + "; put the events under it (an empty list is fine) or name another with --key",
                    null);
        }
        return configMap;
    }

    /** What this run wants of every HPA: the events file read, the occurrences active now. */
    private final class Decisions {
        private final ParsedEvents events;
        private final ActiveEvents active;
        private final Instant now;

        Decisions(ParsedEvents events, ActiveEvents active, Instant now) {
            this.events = events;
            this.active = active;
            this.now = now;
        }

        ActiveEvents active() {
            return active;
        }

        Decision of(HorizontalPodAutoscaler hpa) {
            Map<String, String> annotations = hpa.getMetadata().getAnnotations();
            if (isHeld(annotations)) {
                return new Decision(Optional.empty(), true);
            }
            // Only a valid HPA gets a multiplier: an update of an invalid one that changes it is denied by the
            // webhook, and removing our own keys is the one write it always allows.
            Optional<EventOccurrence> occurrence = parser.read(annotations) instanceof AnnotationReading.Valid
                    ? active.forHpa(
                            hpa.getMetadata().getNamespace(), hpa.getMetadata().getLabels())
                    : Optional.empty();
            return new Decision(eventAnnotations.change(annotations, occurrence), false);
        }

        /** The HPA carries an event whose entry was skipped as invalid, and its end has not passed. */
        private boolean isHeld(Map<String, String> annotations) {
            if (annotations == null
                    || !events.holds(annotations.get(config.keys().eventName()))) {
                return false;
            }
            // Without a readable end nothing would ever bound it: then decide as for any other HPA.
            String end = annotations.get(config.keys().eventEnd());
            if (end == null) {
                return false;
            }
            try {
                return Instant.parse(end.trim()).isAfter(now);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    /** The change wanted on one HPA; {@code held} when it is left as it is because its event's entry is invalid. */
    private record Decision(Optional<EventAnnotations.Change> change, boolean held) {}

    private List<Outcome> patchAll(List<Pending> pending, Decisions decisions, Instant now) {
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
                try {
                    outcomes.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    String line = key(pending.get(i).hpa()) + ": patch failed: "
                            + e.getCause().toString();
                    LOG.error("{}", line);
                    outcomes.add(new Outcome(Result.FAILED, line));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcomes.add(new Outcome(Result.FAILED, key(pending.get(i).hpa()) + ": interrupted"));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome patchOne(Pending first, Decisions decisions, Instant now) {
        HorizontalPodAutoscaler hpa = first.hpa();
        EventAnnotations.Change change = first.change();
        for (int attempt = 1; ; attempt++) {
            HorizontalPodAutoscaler result;
            try {
                result = patcher.patch(hpa, change);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= MAX_ATTEMPTS) {
                    // Anything but a conflict (a webhook's denial, a missing permission) gives the same answer
                    // to the same request: retrying would only repeat it.
                    String line = key(hpa) + ": could not patch the event annotations (" + change.describe()
                            + "): HTTP " + e.getCode() + ": " + serverMessage(e)
                            + (attempt > 1 ? " (attempt " + attempt + ")" : "");
                    LOG.error("{}", line);
                    return new Outcome(Result.FAILED, line);
                }
                LOG.debug("{}: conflict on attempt {}, reading it again", key(hpa), attempt);
                HorizontalPodAutoscaler fresh = client.autoscaling()
                        .v2()
                        .horizontalPodAutoscalers()
                        .inNamespace(hpa.getMetadata().getNamespace())
                        .withName(hpa.getMetadata().getName())
                        .get();
                if (fresh == null) {
                    LOG.info("{}: deleted meanwhile, nothing to do", key(hpa));
                    return new Outcome(Result.UNCHANGED, null);
                }
                Optional<EventAnnotations.Change> again = decisions.of(fresh).change();
                if (again.isEmpty()) {
                    return new Outcome(Result.UNCHANGED, null);
                }
                hpa = fresh;
                change = again.get();
                continue;
            }
            String line = key(hpa) + ": " + change.describe();
            LOG.info("{}", line);
            recorder.normal(
                    result == null ? hpa : result,
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

    private static String key(HorizontalPodAutoscaler hpa) {
        return hpa.getMetadata().getNamespace() + "/" + hpa.getMetadata().getName();
    }

    private record Pending(HorizontalPodAutoscaler hpa, EventAnnotations.Change change) {}

    private enum Result {
        PATCHED,
        UNCHANGED,
        FAILED
    }

    private record Outcome(Result result, String line) {}
}
