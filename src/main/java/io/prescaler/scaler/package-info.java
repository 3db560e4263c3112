/**
 * The KEDA external scaler: a gRPC server in the exporter speaking KEDA's {@code externalscaler.ExternalScaler}
 * API (messages and stubs generated from {@code src/main/proto} into {@code io.prescaler.scaler.api}), an informer
 * cache of {@code ScaledObject}s, and the answers decided from the same core as an HPA's series: the annotations'
 * one parser, {@code PrescalingDecision}, {@code EffectiveMinimum} and the {@code prescaling_min_replicas}
 * encoding. A ScaledObject's value and an HPA's value cannot disagree.
 *
 * <p>May import {@code schedule}, {@code forecast}, {@code spike}, {@code reading} (their annotation readings), {@code kube},
 * {@code cluster}, {@code tls}, grpc-java and the fabric8 client; never another part (the exporter's HPA cache is
 * handed in as a {@link io.prescaler.scaler.HpaReplicas}, its floors from demand as a
 * {@link io.prescaler.scaler.DemandFloorSource}).
 */
package io.prescaler.scaler;
