/**
 * The {@code replay} part: runs one HPA over a real demand curve in the HPA controller model under each policy
 * ({@code reactive}, {@code schedule}, {@code forecast}, {@code last-week} and their combinations), with pods Ready a start-up after their creation, and measures how well each
 * served the demand (shortfall, lateness at each rise, pod-hours). Reads its demand curve from CSV; renders a table,
 * JSON and an SVG chart.
 *
 * <p>May import {@code schedule}, {@code hpa}, {@code demand}, {@code forecast} and the failure model; never another
 * part.
 */
package io.prescaler.replay;
