/**
 * PEM reading and writing and the HTTPS connector setup shared by the webhook (and the benchmarks). Knows nothing
 * of Kubernetes; may import BouncyCastle, Jetty and the JDK only.
 */
package io.prescaler.tls;
