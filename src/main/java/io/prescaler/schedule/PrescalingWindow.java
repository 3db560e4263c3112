package io.prescaler.schedule;

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
 */
public record PrescalingWindow(LocalTime start, LocalTime end, Days days, ZoneId zone) {

    public PrescalingWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(zone, "zone");
        if (start.equals(end)) {
            throw new IllegalArgumentException("a window's end must differ from its start");
        }
    }

    public boolean crossesMidnight() {
        return end.isBefore(start);
    }

    /** The occurrence that starts on this local date, if the window runs that day. */
    public Optional<TimeSpan> occurrenceStartingOn(LocalDate date) {
        if (!days.contains(date.getDayOfWeek())) {
            return Optional.empty();
        }
        LocalDate endDate = crossesMidnight() ? date.plusDays(1) : date;
        TimeSpan span = new TimeSpan(
                LocalTimes.resolve(date.atTime(start), zone), LocalTimes.resolve(endDate.atTime(end), zone));
        return span.isEmpty() ? Optional.empty() : Optional.of(span);
    }

    /** The occurrence open at this instant, if any. */
    public Optional<TimeSpan> occurrenceAt(Instant instant) {
        LocalDate today = instant.atZone(zone).toLocalDate();
        for (LocalDate day : List.of(today.minusDays(1), today)) {
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
        LocalDate last = to.atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            occurrenceStartingOn(day)
                    .filter(s -> s.end().isAfter(from) && s.start().isBefore(to))
                    .ifPresent(spans::add);
        }
        return spans;
    }
}
