/**
 * The one input boundary: every manifest and events text a command reads comes in here. {@link
 * io.prescaler.input.InputReader} reads a file or stdin ({@code -}) and refuses what is not text; {@link
 * io.prescaler.input.YamlReader} turns YAML or JSON (multi-document) into trees the way kubectl does (aliases
 * resolved, merge keys applied, bounded expansion, a 64 MiB document limit) and keeps each node's source position;
 * {@link io.prescaler.input.ManifestObjects} opens {@code kind: List} documents into their items; {@link
 * io.prescaler.input.HpaObjects} reads an HPA with the API server's types and the rules every command shares (an
 * autoscaling/v1 HPA cannot be prescaled, prescaling annotations belong on HPAs). Every problem is one line, {@code
 * FILE: document N: line L, column C: what is wrong}, thrown or returned as {@link
 * io.prescaler.failure.InvalidInputException} text (exit 1).
 *
 * <p>May import: {@code failure}, {@code schedule} (the annotation keys and parser, the events parser), Jackson,
 * SnakeYAML and fabric8's model classes. Knows nothing of commands, HTTP or the API server.
 */
package io.prescaler.input;
