package io.prescaler.scaler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.prescaler.cluster.ApiCall;
import io.prescaler.cluster.ClusterReader;
import io.prescaler.kube.ScaledObjectFacts;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informer cache of KEDA ScaledObjects the scaler answers from: one informer over all namespaces, or one per
 * watched namespace. Each object's facts are read once, when the informer hands it over, so that a call costs a map
 * look-up. An informer that stops (no CRD because KEDA is not installed, no RBAC because the keda component is not)
 * is started again with a backoff up to 2 minutes, its reason logged once; the scaler answers UNAVAILABLE with that
 * reason meanwhile.
 */
public final class ScaledObjectCache implements AutoCloseable {

    /** {@code scaledobjects.keda.sh/v1alpha1}, named in full so that no discovery call is needed. */
    public static final ResourceDefinitionContext SCALED_OBJECTS = ClusterReader.SCALED_OBJECTS;

    private static final Logger LOG = LoggerFactory.getLogger(ScaledObjectCache.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);
    private static final ApiCall LIST = ApiCall.listScaledObjects();

    private final KubernetesClient client;
    private final List<String> namespaces;
    private final Map<String, ScaledObjectFacts> facts = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Watched> watched = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> problem = new AtomicReference<>();
    private final AtomicReference<String> lastLogged = new AtomicReference<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scaledobject-informer-restart");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private static final class Watched {
        final String namespace;
        volatile SharedIndexInformer<GenericKubernetesResource> informer;
        volatile boolean synced;
        Duration backoff = Duration.ofSeconds(1);

        Watched(String namespace) {
            this.namespace = namespace;
        }
    }

    /** @param namespaces the namespaces to watch; empty means all */
    public ScaledObjectCache(KubernetesClient client, List<String> namespaces) {
        this.client = client;
        this.namespaces = namespaces.isEmpty() ? Collections.singletonList(null) : List.copyOf(namespaces);
    }

    public void start() {
        for (String namespace : namespaces) {
            Watched w = new Watched(namespace);
            watched.add(w);
            startInformer(w);
        }
    }

    /** Called after every change the informers report, on their thread: keep it short. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void startInformer(Watched w) {
        if (closed) {
            return;
        }
        var resources = client.genericKubernetesResources(SCALED_OBJECTS);
        SharedIndexInformer<GenericKubernetesResource> informer = w.namespace == null
                ? resources.inAnyNamespace().runnableInformer(0)
                : resources.inNamespace(w.namespace).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource object) {
                put(object);
            }

            @Override
            public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                put(after);
            }

            @Override
            public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
                facts.remove(object.getMetadata().getNamespace() + "/"
                        + object.getMetadata().getName());
                changed();
            }
        });
        w.informer = informer;
        informer.start().whenComplete((ok, error) -> {
            if (error != null) {
                return; // stopped() reports it and schedules the restart
            }
            // A restarted informer lists anew: what was deleted while it was down is dropped here.
            facts.keySet()
                    .removeIf(key -> (w.namespace == null || key.startsWith(w.namespace + "/"))
                            && informer.getStore().getByKey(key) == null);
            w.synced = true;
            changed();
            w.backoff = Duration.ofSeconds(1);
            problem.set(null);
            lastLogged.set(null);
            LOG.info(
                    "ScaledObject informer synced ({}): {} ScaledObjects",
                    scope(w),
                    informer.getStore().list().size());
        });
        informer.stopped().whenComplete((ok, error) -> {
            if (closed) {
                return;
            }
            Duration delay = w.backoff;
            Duration doubled = w.backoff.multipliedBy(2);
            w.backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
            String why = error == null ? "no reason given" : LIST.reason(error);
            problem.set(why);
            String line = "ScaledObject informer (" + scope(w) + ") cannot list scaledobjects.keda.sh from "
                    + client.getMasterUrl() + ": " + why + "; the KEDA scaler answers UNAVAILABLE for this scope"
                    + " until it can (is KEDA installed, and the keda install component with its RBAC?); trying"
                    + " again with a backoff of up to " + MAX_BACKOFF.toMinutes() + " min";
            if (!line.equals(lastLogged.getAndSet(line))) {
                LOG.warn("{}", line);
            }
            LOG.debug("{}", line, error);
            restarts.schedule(() -> startInformer(w), delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void put(GenericKubernetesResource object) {
        ScaledObjectFacts read = ScaledObjectFacts.of(object);
        facts.put(read.key(), read);
        changed();
    }

    private void changed() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("a ScaledObject change listener failed: {}", e.toString());
            }
        }
    }

    /** The ScaledObject as last seen; empty when unknown. */
    public Optional<ScaledObjectFacts> get(String namespace, String name) {
        return Optional.ofNullable(facts.get(namespace + "/" + name));
    }

    /**
     * Why the ScaledObjects of that namespace cannot be answered for: not watched, or not (yet) listed and why;
     * empty when they can.
     */
    public Optional<String> problem(String namespace) {
        for (Watched w : watched) {
            if (w.namespace == null || w.namespace.equals(namespace)) {
                if (w.synced) {
                    return Optional.empty();
                }
                String why = problem.get();
                return Optional.of(
                        "the exporter has not listed the ScaledObjects yet" + (why == null ? "" : ": " + why));
            }
        }
        return Optional.of("the exporter does not watch namespace " + namespace + " (--namespace)");
    }

    /** How many ScaledObjects the cache holds. */
    public int size() {
        return facts.size();
    }

    private static String scope(Watched w) {
        return w.namespace == null ? "all namespaces" : "namespace " + w.namespace;
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
