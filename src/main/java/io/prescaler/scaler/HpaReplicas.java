package io.prescaler.scaler;

import java.util.OptionalInt;

/**
 * How many replicas the HPA KEDA built for a ScaledObject runs, from that HPA's status as the exporter's HPA
 * informer last saw it; empty when the HPA is not (yet) known.
 */
@FunctionalInterface
public interface HpaReplicas {

    HpaReplicas UNKNOWN = (namespace, name) -> OptionalInt.empty();

    OptionalInt currentReplicas(String namespace, String hpaName);
}
