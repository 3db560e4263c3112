/**
 * The mutating admission webhook: decodes AdmissionReviews, validates the prescaling annotations of an HPA and
 * answers with a JSON Patch that injects (or removes) the External prescaling metric block. {@code
 * AdmissionReviewer} is the pure decision; the server only decodes, calls and encodes.
 *
 * <p>May import {@code schedule}, {@code forecast} (the forecast keys' parser) and {@code tls}; never another part.
 */
package io.prescaler.webhook;
