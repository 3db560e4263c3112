package io.prescaler.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A daily window of local wall-clock time in a zone. Start inclusive, end exclusive; an end before the start
 * crosses midnight, and such a window belongs to the day it starts (so {@code days} names start days).
 *
 * <p>A {@code lead} opens each occurrence that long (real time) before the instant of its {@code start}, so that
 * capacity is ready at the start; the end does not move, and the occurrence still belongs to the day of its {@code
 * start} (a Saturday window at 00:05 with a lead of 10m opens on Friday at 23:55, even when Friday is not listed).
 * The start follows the DST rule of every wall-clock time ({@link LocalTimes}: in a spring-forward gap the end of
 * the gap, in an autumn overlap its first occurrence); on a DST night the opening is still the whole lead before it.
 *
 * @param lead from zero to under a day, and short enough that lead + {@link #length()} stays under 24 hours: a
 *     window that covered the whole day would never close
 */
public record PrescalingWindow(LocalTime start, LocalTime end, Days days, ZoneId zone, Duration lead) {

    public static final Duration DAY = Duration.ofDays(1);

    public PrescalingWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(lead, "lead");
        if (start.equals(end)) {
            throw new IllegalArgumentException("a window's end must differ from its start");
        }
        if (lead.isNegative() || lead.plus(length(start, end)).compareTo(DAY) >= 0) {
            throw new IllegalArgumentException("a window's lead must be >= 0 and lead + window under 24h, got "
                    + Durations.format(lead) + " + " + Durations.format(length(start, end)));
        }
    }

    /** More than any zone's DST shift. */
    private static final Duration DST_MARGIN = Duration.ofHours(3);

    /** A window without a lead: it opens at its start. */
    public PrescalingWindow(LocalTime start, LocalTime end, Days days, ZoneId zone) {
        this(start, end, days, zone, Duration.ZERO);
    }

    public boolean crossesMidnight() {
        return end.isBefore(start);
    }

    /** From start to end on the wall clock (a DST night makes the real span an hour shorter or longer). */
    public Duration length() {
        return length(start, end);
    }

    /** The wall-clock length of a window from {@code start} to {@code end}, crossing midnight when end is before. */
    public static Duration length(LocalTime start, LocalTime end) {
        Duration between = Duration.between(start, end);
        return between.isNegative() ? between.plus(DAY) : between;
    }

    /** The wall-clock time the window opens: {@code lead} before the start, perhaps the day before. */
    public LocalTime opens() {
        return start.minus(lead);
    }

    /** Whether the lead moves the opening before midnight, onto the day before the window's own day. */
    public boolean opensTheDayBefore() {
        return Duration.ofNanos(start.toNanoOfDay()).compareTo(lead) < 0;
    }

    /**
     * Whether an occurrence may open on the calendar day before its own: the wall-clock test with a margin for a
     * DST night, where the real lead reaches further back on the wall clock.
     */
    private boolean mayOpenTheDayBefore() {
        return Duration.ofNanos(start.toNanoOfDay()).compareTo(lead.plus(DST_MARGIN)) < 0 && !lead.isZero();
    }

    /** The occurrence whose start is on this local date, if the window runs that day; it opens {@code lead} before. */
    public Optional<TimeSpan> occurrenceStartingOn(LocalDate date) {
        if (!days.contains(date.getDayOfWeek())) {
            return Optional.empty();
        }
        // The lead is real time before the start instant, so that on a DST night too the capacity has the whole
        // lead to come up: the start follows the project's DST rule, the opening is that instant minus the lead.
        Instant opened = LocalTimes.resolve(date.atTime(start), zone).minus(lead);
        LocalDate endDate = crossesMidnight() ? date.plusDays(1) : date;
        TimeSpan span = new TimeSpan(opened, LocalTimes.resolve(endDate.atTime(end), zone));
        return span.isEmpty() ? Optional.empty() : Optional.of(span);
    }

    /** The occurrence open at this instant, if any. */
    public Optional<TimeSpan> occurrenceAt(Instant instant) {
        LocalDate today = LocalTimes.dateAt(instant, zone);
        // Yesterday's may cross midnight into today; tomorrow's opens today when its lead crosses midnight. The
        // exporter asks this for every HPA at every scrape: tomorrow is looked at only when it can matter.
        List<LocalDate> candidates = mayOpenTheDayBefore()
                ? List.of(today.minusDays(1), today, today.plusDays(1))
                : List.of(today.minusDays(1), today);
        for (LocalDate day : candidates) {
            Optional<TimeSpan> span = occurrenceStartingOn(day);
            if (span.isPresent() && span.get().contains(instant)) {
                return span;
            }
        }
        return Optional.empty();
    }

    public boolean isOpenAt(Instant instant) {
        return occurrenceAt(instant).isPresent();
    }

    /** Every occurrence overlapping [from, to), in order. */
    public List<TimeSpan> occurrencesBetween(Instant from, Instant to) {
        List<TimeSpan> spans = new ArrayList<>();
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            occurrenceStartingOn(day)
                    .filter(s -> s.end().isAfter(from) && s.start().isBefore(to))
                    .ifPresent(spans::add);
        }
        return spans;
    }
}
