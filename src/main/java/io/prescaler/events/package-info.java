/**
 * The {@code events apply} part, run by the CronJob: reads the events file from its ConfigMap, decides which
 * event multipliers each selected HPA must carry now, patches the HPAs' event annotations and records Kubernetes
 * Events. One bad entry or HPA fails alone, named.
 *
 * <p>May import {@code schedule}, {@code kube}, the input reader, the cluster access and the failure model.
 */
package io.prescaler.events;
