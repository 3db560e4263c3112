package io.prescaler.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.prescaler.failure.ClusterException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The reads every command that looks at a cluster shares: the {@code autoscaling/v2} HPAs of every namespace and
 * the events ConfigMap. A call that fails throws a {@link ClusterException} naming the server, the call and why.
 */
public final class ClusterReader {

    /** KEDA's {@code scaledobjects.keda.sh/v1alpha1}, named in full so that no discovery call is needed. */
    public static final ResourceDefinitionContext SCALED_OBJECTS = new ResourceDefinitionContext.Builder()
            .withGroup("keda.sh")
            .withVersion("v1alpha1")
            .withKind("ScaledObject")
            .withPlural("scaledobjects")
            .withNamespaced(true)
            .build();

    private final ClusterConnection connection;

    public ClusterReader(ClusterConnection connection) {
        this.connection = connection;
    }

    /** Every {@code autoscaling/v2} HPA of the cluster. */
    public List<HorizontalPodAutoscaler> hpas() {
        return call(ApiCall.listHpas(), () -> connection
                .client()
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inAnyNamespace()
                .list()
                .getItems());
    }

    /** One HPA as it is now; empty when it was deleted. */
    public Optional<HorizontalPodAutoscaler> hpa(String namespace, String name) {
        return Optional.ofNullable(call(ApiCall.getHpa(namespace), () -> connection
                .client()
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(namespace)
                .withName(name)
                .get()));
    }

    /** Every KEDA ScaledObject of the cluster. */
    public List<GenericKubernetesResource> scaledObjects() {
        return call(ApiCall.listScaledObjects(), () -> connection
                .client()
                .genericKubernetesResources(SCALED_OBJECTS)
                .inAnyNamespace()
                .list()
                .getItems());
    }

    /** One ScaledObject as it is now; empty when it was deleted. */
    public Optional<GenericKubernetesResource> scaledObject(String namespace, String name) {
        return Optional.ofNullable(call(ApiCall.getScaledObject(namespace), () -> connection
                .client()
                .genericKubernetesResources(SCALED_OBJECTS)
                .inNamespace(namespace)
                .withName(name)
                .get()));
    }

    /** The ConfigMap, a bare name read in the client's namespace; empty when it does not exist. */
    public Optional<ConfigMap> configMap(ConfigMapRef ref) {
        ConfigMapRef where = ref.in(connection.namespace());
        return Optional.ofNullable(call(ApiCall.getConfigMap(where.namespace()), () -> connection
                .client()
                .configMaps()
                .inNamespace(where.namespace())
                .withName(where.name())
                .get()));
    }

    private <T> T call(ApiCall call, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw call.failed(connection.server(), e);
        }
    }
}
