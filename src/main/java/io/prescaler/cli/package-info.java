/**
 * The command line: one picocli command per part. Each command parses flags (falling back to {@code
 * PRESCALER_<FLAG>} environment variables) into a config record, wires the part and calls it; failures of the
 * {@code failure} model are mapped to exit codes in one place ({@code ErrorHandler}). The only package that may
 * import every part.
 */
package io.prescaler.cli;
