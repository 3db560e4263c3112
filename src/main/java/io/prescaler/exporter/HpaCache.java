package io.prescaler.exporter;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.prescaler.cluster.ApiCall;
import io.prescaler.kube.HpaFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informer cache of HPAs the exporter renders from: one informer over all namespaces, or one per watched
 * namespace. Scrapes read the cache and never call the API server. When the API server goes away the cache keeps
 * its last known state; an informer that stops is started again with a backoff.
 *
 * <p>Whether the API server is reachable is probed apart from the informers ({@code GET /version} every
 * {@code probeInterval}): an informer's watch reconnects by itself and keeps calling itself "watching" while the
 * API server is gone, so that flag alone would never report an outage.
 *
 * <p>Before the first full list the cache holds nothing and says so: it is "not yet synced" with the last reason
 * (DNS, refused, 401, 403 naming what RBAC must grant), never "stale". A failure is logged once per change of
 * state or reason, in one line; repeats and the client's stack traces are at DEBUG.
 */
public final class HpaCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HpaCache.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    private final KubernetesClient client;
    private final List<String> namespaces;
    private final Clock clock;
    private final Duration probeInterval;
    private final AtomicReference<Instant> unreachableSince = new AtomicReference<>();
    private final List<Watched> watched = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> lastEvent = new AtomicReference<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hpa-informer-restart");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private volatile Instant startedAt;
    /** Why the cache is not synced or not watching, as last seen; null when nothing is wrong. */
    private final AtomicReference<String> problem = new AtomicReference<>();
    /** The last state line logged, so that a failure repeated every few seconds is logged once. */
    private final AtomicReference<String> lastLogged = new AtomicReference<>();

    /** One informer and when its watch was last seen down. */
    private static final class Watched {
        final String namespace;
        volatile SharedIndexInformer<HorizontalPodAutoscaler> informer;
        volatile Instant downSince;
        volatile boolean everSynced;
        Duration backoff = Duration.ofSeconds(1);

        Watched(String namespace) {
            this.namespace = namespace;
        }
    }

    /**
     * Told of every HPA object the informers deliver (listed, added or updated) and of every deletion, on an
     * informer's thread; what scrapes read does not depend on it. One listener failing does not stop the others.
     */
    public interface Listener {
        void updated(HorizontalPodAutoscaler hpa);

        void deleted(HorizontalPodAutoscaler hpa);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds a listener, and tells it at once of every HPA the cache already holds (a listener added after
     * {@link #start()} misses no HPA; one that is also being told of an update meanwhile sees it twice).
     */
    public void addListener(Listener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        for (Watched w : watched) {
            SharedIndexInformer<HorizontalPodAutoscaler> informer = w.informer;
            if (informer != null) {
                informer.getStore().list().forEach(hpa -> {
                    try {
                        listener.updated(hpa);
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "could not hand an HPA to {}: {}",
                                listener.getClass().getSimpleName(),
                                e.toString());
                    }
                });
            }
        }
    }

    private void tell(HorizontalPodAutoscaler hpa, boolean deleted) {
        for (Listener listener : listeners) {
            try {
                if (deleted) {
                    listener.deleted(hpa);
                } else {
                    listener.updated(hpa);
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "{}/{}: could not be handed to {}: {}",
                        hpa.getMetadata() == null ? "" : hpa.getMetadata().getNamespace(),
                        hpa.getMetadata() == null ? "" : hpa.getMetadata().getName(),
                        listener.getClass().getSimpleName(),
                        e.toString());
            }
        }
    }

    public HpaCache(KubernetesClient client, List<String> namespaces, Clock clock) {
        this(client, namespaces, clock, Duration.ofSeconds(15));
    }

    public HpaCache(KubernetesClient client, List<String> namespaces, Clock clock, Duration probeInterval) {
        this.client = client;
        this.namespaces = namespaces.isEmpty() ? java.util.Collections.singletonList(null) : List.copyOf(namespaces);
        this.clock = clock;
        this.probeInterval = probeInterval;
    }

    public void start() {
        startedAt = clock.instant();
        for (String namespace : namespaces) {
            Watched w = new Watched(namespace);
            watched.add(w);
            startInformer(w);
        }
        restarts.scheduleWithFixedDelay(
                this::probe, probeInterval.toMillis(), probeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        try {
            client.getKubernetesVersion();
            if (unreachableSince.getAndSet(null) != null) {
                LOG.info("API server {} reachable again", client.getMasterUrl());
                lastLogged.set(null);
            }
        } catch (RuntimeException e) {
            String why = reason(e);
            problem.set(why);
            // Before the first sync the informer's own line says why; after it, an outage is logged once when it
            // starts, and again when the API server is back.
            if (unreachableSince.compareAndSet(null, clock.instant()) && synced()) {
                LOG.warn("API server {} unreachable ({}); serving the last known HPAs", client.getMasterUrl(), why);
            }
            LOG.debug("API server {} unreachable", client.getMasterUrl(), e);
        }
    }

    /** Logs a state line at WARN unless it is the one logged last; the trace goes to DEBUG. */
    private void logOnce(String line, Throwable error) {
        if (!line.equals(lastLogged.getAndSet(line))) {
            LOG.warn("{}", line);
        }
        LOG.debug("{}", line, error);
    }

    private void startInformer(Watched w) {
        if (closed) {
            return;
        }
        Informable<HorizontalPodAutoscaler> source = w.namespace == null
                ? client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace()
                : client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(w.namespace);
        SharedIndexInformer<HorizontalPodAutoscaler> informer = source.runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(HorizontalPodAutoscaler hpa) {
                touched();
                read(null, hpa);
                tell(hpa, false);
            }

            @Override
            public void onUpdate(HorizontalPodAutoscaler oldHpa, HorizontalPodAutoscaler newHpa) {
                touched();
                read(oldHpa, newHpa);
                tell(newHpa, false);
            }

            @Override
            public void onDelete(HorizontalPodAutoscaler hpa, boolean deletedFinalStateUnknown) {
                touched();
                synchronized (reads) {
                    reads.remove(hpa);
                }
                tell(hpa, true);
            }
        });
        if (w.informer == null) {
            w.informer = informer;
        }
        informer.start().whenComplete((ok, error) -> {
            if (error != null) {
                return; // stopped() reports it and schedules the restart
            }
            // A restarted informer replaces the previous one only once it holds a full list, so scrapes keep
            // the last known state in between.
            SharedIndexInformer<HorizontalPodAutoscaler> previous = w.informer;
            w.informer = informer;
            if (previous != informer) {
                previous.close();
            }
            w.everSynced = true;
            w.backoff = Duration.ofSeconds(1);
            problem.set(null);
            lastLogged.set(null);
            LOG.info(
                    "HPA informer synced ({}): {} HPAs",
                    scope(w),
                    informer.getStore().list().size());
        });
        informer.stopped().whenComplete((ok, error) -> {
            if (closed || (w.informer != informer && w.everSynced)) {
                return;
            }
            Duration delay = w.backoff;
            Duration doubled = w.backoff.multipliedBy(2);
            w.backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
            String why = error == null ? "no reason given" : reason(error);
            problem.set(why);
            if (w.everSynced) {
                logOnce(
                        "HPA informer (" + scope(w) + ") stopped: " + why
                                + "; serving the last known state and starting it again",
                        error);
            } else {
                logOnce(
                        "not yet synced: HPA informer (" + scope(w) + ") cannot list HPAs from "
                                + client.getMasterUrl() + ": " + why + "; trying again with a backoff of up to "
                                + MAX_BACKOFF.toMinutes() + " min",
                        error);
            }
            LOG.debug("HPA informer ({}) starting again in {} s", scope(w), delay.toSeconds());
            restarts.schedule(() -> startInformer(w), delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Why listing or watching the HPAs failed, in one line (a 403 names what RBAC must grant). */
    static String reason(Throwable error) {
        return ApiCall.listHpas().reason(error);
    }

    /**
     * Why the cache cannot serve a full picture, for {@code /readyz} and the logs: {@code not yet synced: REASON}
     * before the first list, else the last problem of the API server or a watch; empty when all is well.
     */
    public Optional<String> problem() {
        String why = problem.get();
        if (!synced()) {
            return Optional.of("not yet synced: " + (why == null ? "listing the HPAs" : why));
        }
        return Optional.ofNullable(why).filter(w -> !watching());
    }

    private static String scope(Watched w) {
        return w.namespace == null ? "all namespaces" : "namespace " + w.namespace;
    }

    private void touched() {
        lastEvent.set(clock.instant());
    }

    /**
     * The facts of each HPA object, read when the informer delivers the object: on the informer's thread, once per
     * change, instead of on the scrape's (at 10,000 HPAs whose status changed since the last scrape, reading them
     * all cost a scrape 7-50 ms). By identity: the store replaces an HPA's object on every change, so the same
     * object means the same facts, and an identity lookup touches nothing but the object. The store is the truth:
     * a scrape reads any object it holds that is not here. Guarded by itself.
     */
    private final Map<HorizontalPodAutoscaler, HpaFacts> reads = new IdentityHashMap<>();

    private void read(HorizontalPodAutoscaler previous, HorizontalPodAutoscaler hpa) {
        HpaFacts facts;
        try {
            facts = HpaFacts.of(hpa);
        } catch (RuntimeException e) {
            facts = null; // read again at the scrape, which marks that HPA alone as failed
        }
        synchronized (reads) {
            if (previous != null) {
                reads.remove(previous);
            }
            if (facts != null) {
                reads.put(hpa, facts);
            }
        }
    }

    /** The HPAs as last seen, across every watched namespace. */
    public List<HpaFacts> hpas() {
        List<HorizontalPodAutoscaler> objects = new ArrayList<>();
        for (Watched w : watched) {
            SharedIndexInformer<HorizontalPodAutoscaler> informer = w.informer;
            if (informer != null) {
                objects.addAll(informer.getStore().list());
            }
        }
        List<HpaFacts> result = new ArrayList<>(objects.size());
        synchronized (reads) {
            for (HorizontalPodAutoscaler hpa : objects) {
                HpaFacts facts = reads.get(hpa);
                if (facts == null) {
                    facts = HpaFacts.of(hpa);
                    reads.put(hpa, facts);
                }
                result.add(facts);
            }
            if (reads.size() > result.size()) {
                // Objects no store holds any more, whose change or deletion was not delivered (an informer
                // replaced, or a delivery still on its way): forget them.
                Set<HorizontalPodAutoscaler> listed = Collections.newSetFromMap(new IdentityHashMap<>());
                listed.addAll(objects);
                reads.keySet().retainAll(listed);
            }
        }
        return result;
    }

    /**
     * The facts of one HPA as last seen, looked up by key without copying the store: the KEDA scaler asks for the
     * HPA of one ScaledObject at each call.
     */
    public Optional<HpaFacts> hpa(String namespace, String name) {
        String key = namespace + "/" + name;
        for (Watched w : watched) {
            SharedIndexInformer<HorizontalPodAutoscaler> informer = w.informer;
            if (informer == null || (w.namespace != null && !w.namespace.equals(namespace))) {
                continue;
            }
            HorizontalPodAutoscaler hpa = informer.getStore().getByKey(key);
            if (hpa != null) {
                HpaFacts facts;
                synchronized (reads) {
                    facts = reads.get(hpa);
                }
                return Optional.of(facts != null ? facts : HpaFacts.of(hpa));
            }
        }
        return Optional.empty();
    }

    /** How many HPAs the cache holds. */
    public int size() {
        return watched.stream()
                .map(w -> w.informer)
                .filter(java.util.Objects::nonNull)
                .mapToInt(i -> i.getStore().list().size())
                .sum();
    }

    /** Whether every informer has listed its HPAs at least once. */
    public boolean synced() {
        return !watched.isEmpty() && watched.stream().allMatch(w -> w.everSynced);
    }

    /** Whether the API server answers and every informer's watch is up. */
    public boolean watching() {
        Instant now = clock.instant();
        boolean all = unreachableSince.get() == null;
        for (Watched w : watched) {
            SharedIndexInformer<HorizontalPodAutoscaler> informer = w.informer;
            boolean up = informer != null && informer.isWatching();
            if (up) {
                w.downSince = null;
            } else {
                if (w.downSince == null) {
                    w.downSince = now;
                }
                all = false;
            }
        }
        return all;
    }

    /** How long the longest-down watch has been down (since start-up if never synced); zero when all are up. */
    public Duration downFor() {
        if (watching()) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        if (!synced() && startedAt != null) {
            return Duration.between(startedAt, now);
        }
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(unreachableSince.get()),
                        watched.stream().map(w -> w.downSince))
                .filter(java.util.Objects::nonNull)
                .map(since -> Duration.between(since, now))
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    public Optional<Instant> lastEvent() {
        return Optional.ofNullable(lastEvent.get());
    }

    @Override
    public void close() {
        closed = true;
        restarts.shutdownNow();
        for (Watched w : watched) {
            if (w.informer != null) {
                w.informer.close();
            }
        }
    }
}
