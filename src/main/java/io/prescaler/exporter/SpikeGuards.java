package io.prescaler.exporter;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.spike.SpikeAnnotations;
import io.prescaler.spike.SpikeDetector;
import io.prescaler.spike.SpikeReading;
import io.prescaler.spike.SpikeSettings;
import io.prescaler.spike.SpikeState;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One spike detector per spike-guarded HPA, fed from every HPA object the informer delivers: the HPA's demand (the
 * formula of {@code prescaling_demand_replicas}, from {@code status.currentMetrics}) timestamped with the exporter's
 * clock. A status without a demand (no metric readable, the target at 0 replicas) is no sample: the window sees a
 * missed update. A detector is made at the first sample of an HPA with valid spike annotations and dropped with the
 * HPA, or when its spike keys go or turn invalid, so memory is bounded by the spike-guarded HPAs (a detector holds
 * at most {@link SpikeDetector#CAPACITY} samples). Nothing survives a restart: the window starts empty, and the
 * guard can fire again once it has seen a minute of samples.
 *
 * <p>Called on the informers' threads; scrapes read {@link #state} concurrently.
 */
final class SpikeGuards implements HpaCache.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(SpikeGuards.class);

    private final SpikeAnnotations parser;
    private final List<String> spikeKeys;
    private final Clock clock;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    /** A detector and the annotations its settings were read from, so that unchanged annotations are not re-read. */
    private record Guard(SpikeDetector detector, Map<String, String> annotations) {}

    SpikeGuards(AnnotationKeys keys, Clock clock) {
        this.parser = new SpikeAnnotations(Objects.requireNonNull(keys, "keys"));
        this.spikeKeys = keys.spikeKeys(); // read once: every update of every HPA is checked against them
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void updated(HorizontalPodAutoscaler hpa) {
        ObjectMeta meta = hpa.getMetadata();
        if (meta == null) {
            return;
        }
        String key = key(meta);
        Map<String, String> annotations = meta.getAnnotations();
        if (annotations == null || spikeKeys.stream().noneMatch(annotations::containsKey)) {
            guards.remove(key);
            return;
        }
        Guard guard = guards.get(key);
        if (guard == null || !guard.annotations().equals(annotations)) {
            if (!(parser.read(annotations) instanceof SpikeReading.Valid valid)) {
                guards.remove(key); // the collector reports the problems
                return;
            }
            guard = guard == null
                    ? new Guard(new SpikeDetector(valid.settings()), Map.copyOf(annotations))
                    : reconfigured(guard, valid.settings(), annotations);
            guards.put(key, guard);
        }
        HpaFacts facts = HpaFacts.of(hpa);
        if (facts.demand().isPresent()) {
            guard.detector().observe(clock.instant(), facts.demand().get().replicas(), facts.maxReplicas());
        } else {
            LOG.debug("{}: no demand in this status, no spike sample", key);
        }
    }

    private static Guard reconfigured(Guard guard, SpikeSettings settings, Map<String, String> annotations) {
        guard.detector().reconfigure(settings);
        return new Guard(guard.detector(), Map.copyOf(annotations));
    }

    @Override
    public void deleted(HorizontalPodAutoscaler hpa) {
        if (hpa.getMetadata() != null) {
            guards.remove(key(hpa.getMetadata()));
        }
    }

    /** The guard's state for the HPA {@code namespace/name}; empty when it has no detector. */
    Optional<SpikeState> state(String key) {
        Guard guard = guards.get(key);
        return guard == null ? Optional.empty() : Optional.of(guard.detector().state());
    }

    /** How many HPAs have a detector. */
    int size() {
        return guards.size();
    }

    private static String key(ObjectMeta meta) {
        return (meta.getNamespace() == null ? "" : meta.getNamespace()) + "/"
                + (meta.getName() == null ? "" : meta.getName());
    }
}
