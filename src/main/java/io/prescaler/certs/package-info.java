/**
 * The {@code certs} part: issues the webhook's CA and serving certificate with BouncyCastle, stores them in a
 * Secret only when absent or expiring, and patches the MutatingWebhookConfiguration's {@code caBundle}.
 *
 * <p>May import {@code tls}; never another part.
 */
package io.prescaler.certs;
