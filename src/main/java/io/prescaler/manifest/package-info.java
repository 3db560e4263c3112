/**
 * {@code mutate}: the webhook's decision applied to manifests offline. {@link io.prescaler.manifest.ManifestMutator}
 * reads inputs through {@code input}, reviews each autoscaling/v2 HPA with the webhook's pure {@code
 * AdmissionReviewer} and applies its JSON Patch; {@link io.prescaler.manifest.MetricsBlockText} writes the change
 * into the original text, touching only the lines of {@code spec.metrics}, so comments, key order, quoting and
 * indentation of every other line are kept. Also answers a kustomize KRM function's ResourceList.
 *
 * <p>May import: {@code input}, {@code schedule}, the pure part of {@code webhook} ({@code AdmissionReviewer},
 * {@code AdmissionRequest}, {@code AdmissionResponse}, {@code JsonPatch}), Jackson and SnakeYAML's node types.
 * Knows nothing of HTTP, the API server or picocli.
 */
package io.prescaler.manifest;
