/**
 * A model of the Kubernetes HPA controller ({@code pkg/controller/podautoscaler}): the replica formula with its
 * tolerance, the legacy and behavior paths, stabilization windows and scaling policies, simulated over time. The
 * tool never runs it against a cluster: {@code plan}, the benchmarks and the tests use it to predict what an HPA
 * will do with the metric Prescaler publishes (docs/hpa-model.md lists the facts it implements).
 *
 * <p>Pure: may import {@code schedule} and the JDK only.
 */
package io.prescaler.hpa;
