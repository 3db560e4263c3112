package io.prescaler.events;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.prescaler.kube.EventsYaml;
import io.prescaler.schedule.ActiveEvents;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.EventAnnotations;
import io.prescaler.schedule.EventOccurrence;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code events apply}: reads the events ConfigMap, decides which event applies to every prescaled HPA
 * now, and patches the event annotations of the HPAs that differ, and only those. Idempotent: a second run at the
 * same instant patches nothing.
 *
 * <p>An HPA whose prescaling annotations are invalid is still prescaled and gets the multiplier: it is harmless
 * (the exporter asks nothing of an invalid HPA) and the multiplier is already there when the team fixes the
 * annotations. An HPA that is no longer prescaled loses any event annotations left on it.
 */
public final class EventsApplier {

    private static final Logger LOG = LoggerFactory.getLogger(EventsApplier.class);
    /** Conflicts mean someone else wrote the HPA meanwhile; a few fresh tries are plenty. */
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
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.warn("{}: {} (entry skipped)", config.configMap(), p.message()));
            if (!config.dryRun()) {
                recorder.repeatedWarning(configMap, EventRecorder.INVALID, events.problemsMessage(), now);
            }
        }
        ActiveEvents active = events.calendar().activeAt(now);
        List<HorizontalPodAutoscaler> hpas = client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inAnyNamespace()
                .list()
                .getItems();

        int unchanged = 0;
        List<Pending> pending = new ArrayList<>();
        for (HorizontalPodAutoscaler hpa : hpas) {
            Optional<EventAnnotations.Change> change = changeFor(hpa, active);
            if (change.isEmpty()) {
                unchanged++;
            } else {
                pending.add(new Pending(hpa, change.get()));
            }
        }

        List<String> changes = new ArrayList<>();
        int patched = 0;
        int failed = 0;
        if (config.dryRun()) {
            for (Pending p : pending) {
                changes.add(key(p.hpa()) + ": " + p.change().describe());
            }
            patched = pending.size();
        } else {
            List<Outcome> outcomes = patchAll(pending, active, now);
            for (Outcome outcome : outcomes) {
                switch (outcome.result()) {
                    case PATCHED -> {
                        patched++;
                        changes.add(outcome.line());
                    }
                    case UNCHANGED -> unchanged++;
                    case FAILED -> failed++;
                }
            }
        }
        return new ApplyReport(
                hpas.size(), patched, unchanged, failed, active.occurrences(), changes, problems, config.dryRun());
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

    private Optional<EventAnnotations.Change> changeFor(HorizontalPodAutoscaler hpa, ActiveEvents active) {
        Map<String, String> annotations = hpa.getMetadata().getAnnotations();
        AnnotationReading reading = parser.read(annotations);
        Optional<EventOccurrence> occurrence = reading.isPrescaled()
                ? active.forHpa(
                        hpa.getMetadata().getNamespace(), hpa.getMetadata().getLabels())
                : Optional.empty();
        return eventAnnotations.change(annotations, occurrence);
    }

    private List<Outcome> patchAll(List<Pending> pending, ActiveEvents active, Instant now) {
        if (pending.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.parallelism(), pending.size()));
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Pending p : pending) {
                futures.add(pool.submit(() -> patchOne(p, active, now)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    outcomes.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    LOG.error(
                            "{}: patch failed: {}",
                            key(pending.get(i).hpa()),
                            e.getCause().toString());
                    outcomes.add(new Outcome(Result.FAILED, null));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcomes.add(new Outcome(Result.FAILED, null));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome patchOne(Pending first, ActiveEvents active, Instant now) {
        HorizontalPodAutoscaler hpa = first.hpa();
        EventAnnotations.Change change = first.change();
        for (int attempt = 1; ; attempt++) {
            try {
                HorizontalPodAutoscaler result = patcher.patch(hpa, change);
                String line = key(hpa) + ": " + change.describe();
                LOG.info("{}", line);
                recorder.normal(
                        result == null ? hpa : result,
                        change.removesEvent() ? EventRecorder.REMOVED : EventRecorder.APPLIED,
                        change.describe(),
                        now);
                return new Outcome(Result.PATCHED, line);
            } catch (KubernetesClientException e) {
                if (!isStale(e) || attempt >= MAX_ATTEMPTS) {
                    LOG.error(
                            "{}: could not patch the event annotations (HTTP {}, attempt {}): {}",
                            key(hpa),
                            e.getCode(),
                            attempt,
                            e.getMessage());
                    return new Outcome(Result.FAILED, null);
                }
                LOG.debug("{}: HTTP {} on attempt {}, reading it again", key(hpa), e.getCode(), attempt);
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
                Optional<EventAnnotations.Change> again = changeFor(fresh, active);
                if (again.isEmpty()) {
                    return new Outcome(Result.UNCHANGED, null);
                }
                hpa = fresh;
                change = again.get();
            }
        }
    }

    /**
     * 409: the HPA changed since it was read. 422: a JSON Patch operation no longer fits the object (an event key
     * removed meanwhile); both are answered by a fresh read and a fresh decision.
     */
    private static boolean isStale(KubernetesClientException e) {
        return e.getCode() == HttpURLConnection.HTTP_CONFLICT || e.getCode() == 422;
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
