/**
 * The spike guard, the pure core: a sliding five-minute window of an HPA's demand samples, its velocity (replicas
 * per minute) and acceleration (replicas per minute per minute), and the floor that holds capacity ahead of a rise
 * no calendar announced ({@link io.prescaler.spike.SpikeDetector}); the one parser of the {@code spike} annotations
 * ({@link io.prescaler.spike.SpikeAnnotations}). Time is always passed in; knows nothing of HTTP or Kubernetes.
 *
 * <p>May import {@code demand} and {@code schedule}.
 */
package io.prescaler.spike;
