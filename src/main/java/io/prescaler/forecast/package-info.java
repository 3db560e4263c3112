/**
 * Learned prescaling, the pure core: a forecast of an HPA's demand a horizon ahead, learned from its own history
 * (daily or weekly season, events left out, headroom calibrated from its own errors). Knows nothing of Prometheus,
 * HTTP or Kubernetes.
 *
 * <p>May import {@code demand} and {@code schedule}.
 */
package io.prescaler.forecast;
