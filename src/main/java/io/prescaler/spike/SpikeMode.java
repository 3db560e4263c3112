package io.prescaler.spike;

import java.util.Locale;

/** What the spike guard may do to an HPA, as its {@code spike} annotation says. */
public enum SpikeMode {
    /** Detected and exported, never raises the minimum: to watch the guard before trusting it. */
    PREVIEW,
    /** Raises the effective minimum to the spike floor while a spike holds (capped at maxReplicas). */
    ON;

    /** The annotation's value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
