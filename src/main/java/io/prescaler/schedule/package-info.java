/**
 * The pure core: what the prescaling annotations and the events file mean, and the decisions made from them at an
 * instant. Parses every annotation and events entry (one parser each, with the bounds the docs state), computes
 * daily windows (days, midnight crossing, DST, zones), event occurrences and multipliers, the effective minimum
 * and the metric value that makes the HPA hold it.
 *
 * <p>Knows nothing of HTTP, Kubernetes objects or files: inputs are strings, maps and {@code java.time} values,
 * time is always passed in. May import only the JDK and cron-utils; every other package may import it.
 */
package io.prescaler.schedule;
