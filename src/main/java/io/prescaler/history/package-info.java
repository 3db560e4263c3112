/**
 * History from Prometheus: a client of the Prometheus HTTP API ({@code query_range}) that reads one demand series
 * into a {@link io.prescaler.demand.DemandCurve}, and works with Prometheus-compatible stores (Thanos, Mimir,
 * Cortex) through a path prefix, a bearer token, a CA file and extra headers such as {@code X-Scope-OrgID}. Every
 * failure is a value naming its cause ({@link io.prescaler.history.QueryFailure}), never an exception: callers (the
 * exporter's refresh loop, {@code replay}) decide what a failure means for them.
 *
 * <p>May import {@code demand}, {@code tls} (PEM certificates), {@code failure}, Jackson and the JDK's HTTP client;
 * nothing of Kubernetes.
 */
package io.prescaler.history;
