package io.prescaler.forecast;

import java.time.Duration;
import java.util.Locale;

/**
 * A season of demand: the same local time of day (daily) or of week (weekly). Each past period contributes one
 * sample to the forecast, the most recent {@link #periods()} of them.
 */
public enum Season {
    DAILY(Duration.ofDays(1), 14),
    WEEKLY(Duration.ofDays(7), 5);

    private final Duration period;
    private final int periods;

    Season(Duration period, int periods) {
        this.period = period;
        this.periods = periods;
    }

    /** One period, in local time: a day of the wall clock is 23 or 25 hours on DST days. */
    public Duration period() {
        return period;
    }

    /** The most past periods that contribute a sample. */
    public int periods() {
        return periods;
    }

    /** The history needed before this season can forecast: two periods. */
    public Duration needed() {
        return period.multipliedBy(2);
    }

    long periodMinutes() {
        return period.toMinutes();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "days" or "weeks", for messages. */
    String unit() {
        return this == DAILY ? "days" : "weeks";
    }
}
