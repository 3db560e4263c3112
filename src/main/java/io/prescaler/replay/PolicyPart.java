package io.prescaler.replay;

import java.util.Locale;

/** One of Prescaler's floors a replayed policy adds to the HPA's own scaling. */
public enum PolicyPart {
    /** The prescaling annotations (daily window, lead) and the events file's multipliers. */
    SCHEDULE,
    /**
     * The forecast learned from the HPA's own demand ({@code forecast.SeasonalForecaster}), trained at each refresh
     * only on the demand before it, events left out.
     */
    FORECAST,
    /** The naive baseline: the highest demand of the same 30 minutes a week earlier, one-offs and events included. */
    LAST_WEEK;

    /** How the part is written in {@code --policy}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
