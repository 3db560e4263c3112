/**
 * Demand over time, the pure core the forecast, the spike guard and {@code replay} share: a curve of the replicas
 * the work needs, held from each sample to the next.
 *
 * <p>Imports nothing of the project's.
 */
package io.prescaler.demand;
