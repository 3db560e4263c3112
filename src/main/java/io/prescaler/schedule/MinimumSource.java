package io.prescaler.schedule;

import java.util.Locale;

/**
 * What sets an HPA's effective minimum, as {@code prescaling_min_source} names it: the open daily window, an
 * event's multiplier, the forecast learned from the HPA's own demand, or the spike guard. The minimum is the highest
 * of the floors asked; on a tie the source listed first here keeps it, so a floor a person wrote is named before
 * one Prescaler computed. Every change of the minimum can then be told apart from the series alone.
 */
public enum MinimumSource {
    WINDOW,
    EVENT,
    FORECAST,
    SPIKE;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The value of the {@code source} label. */
    public String label() {
        return label;
    }
}
