/**
 * Prescaler's benchmarks, apart from the product: a separate source set (src/bench/java) compiled with the tests,
 * never packaged in prescaler.jar, run from a checkout with {@code mvn -B -Pbench package -Dbench.args="..."}
 * ({@link io.prescaler.bench.Bench} is the entry point).
 *
 * <p>Owns the suites (prescale, exporter, spike, webhook, events), their load generators and reports. May import every
 * product package, since it measures the real parts, and fabric8's mock API server; nothing in src/main may import
 * it.
 */
package io.prescaler.bench;
