/**
 * The {@code plan} part: what the prescaled HPAs of a day will look like (windows, events, effective minimums and
 * the replicas the HPA controller model predicts), as a table or an SVG chart.
 *
 * <p>May import {@code schedule}, {@code hpa}, {@code kube}, {@code forecast} (the FORECAST column) and the input
 * reader; never another part.
 */
package io.prescaler.plan;
