/**
 * The {@code exporter} part: an informer cache of the cluster's HPAs and a Javalin server whose {@code /metrics}
 * publishes, per prescaled HPA, the metric that makes the HPA hold its effective minimum, plus the series that
 * explain it (window, event, multiplier, annotation errors, the spike guard's signals) and the cache's health.
 *
 * <p>May import {@code schedule}, {@code spike}, {@code kube}, the cluster access and the failure model; never
 * another part.
 */
package io.prescaler.exporter;
