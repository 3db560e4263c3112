package io.prescaler.schedule;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * What the events file may say, so that every computation on an event stays small and far from any overflow:
 * checked by {@link EventsParser} before any arithmetic, with a message naming the entry and the field, and held by
 * the records as invariants.
 */
public final class EventBounds {

    /**
     * Capacity is made ready minutes or hours ahead; a day is generous, and bounds the time a plan looks ahead (a
     * plan of an event firing every minute with the longest lead follows each firing of the lead's span).
     */
    public static final Duration LONGEST_LEAD = Duration.ofDays(1);

    /** The longest an event lasts, one-off (end - start) or each occurrence of a recurring one. */
    public static final Duration LONGEST_EVENT = Duration.ofDays(366);

    /** The years a one-off event's start and end may fall in. */
    public static final int FIRST_YEAR = 2000;

    public static final int LAST_YEAR = 2200;

    /** The longest schedule text read: five fields with lists fit easily. */
    static final int LONGEST_SCHEDULE = 200;

    private EventBounds() {}

    static boolean isWithinYears(LocalDateTime dateTime) {
        return dateTime.getYear() >= FIRST_YEAR && dateTime.getYear() <= LAST_YEAR;
    }
}
