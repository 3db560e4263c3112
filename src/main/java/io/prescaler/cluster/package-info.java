/**
 * Access to the Kubernetes API server, in one place: building the client from the connection settings
 * ({@link io.prescaler.cluster.ClusterSettings}: kubeconfig, context, connect timeout), saying which server that is
 * and where it came from ({@link io.prescaler.cluster.ApiServer}), the reads every command shares (the HPAs, the
 * events ConfigMap: {@link io.prescaler.cluster.ClusterReader}), the reference to that ConfigMap
 * ({@link io.prescaler.cluster.ConfigMapRef}), and turning a failed call into one line naming the server, the call
 * and the cause ({@link io.prescaler.cluster.ApiCall}).
 *
 * <p>May import fabric8, {@code kube} (the reading of Kubernetes objects), {@code failure} and {@code schedule}.
 * Nothing in the pure core ({@code schedule}, {@code hpa}, {@code plan}) imports it; the commands, {@code events},
 * {@code exporter} and {@code certs} do.
 */
package io.prescaler.cluster;
