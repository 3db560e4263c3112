/**
 * The {@code exporter} part: an informer cache of the cluster's HPAs and a Javalin server whose {@code /metrics}
 * publishes, per prescaled HPA, the metric that makes the HPA hold its effective minimum, plus the series that
 * explain it (window, event, multiplier, annotation errors, the spike guard's signals) and the cache's health.
 *
 * <p>With {@code --prometheus-url}, a refresh loop of its own ({@code ForecastRefresher}) reads each forecast HPA's
 * demand history from Prometheus and leaves its forecast where the scrapes read it ({@code ForecastBoard}); the
 * scrapes never call Prometheus.
 *
 * <p>May import {@code schedule}, {@code kube}, {@code demand}, {@code forecast}, {@code spike}, {@code reading}, {@code history}, {@code input} (the events file), the cluster access
 * and the failure model; never another part.
 */
package io.prescaler.exporter;
