/**
 * The mutating admission webhook: decodes AdmissionReviews, validates the prescaling annotations of an HPA (the window's and the spike guard's) and
 * answers with a JSON Patch that injects (or removes) the External prescaling metric block. {@code
 * AdmissionReviewer} is the pure decision; the server only decodes, calls and encodes.
 *
 * <p>May import {@code schedule}, {@code forecast} and {@code spike} (the demand floors' parsers), {@code reading}
 * (the three read together) and {@code tls}; never another part.
 */
package io.prescaler.webhook;
