package io.prescaler.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** When an event happens: once, between two local date-times, or on a cron schedule for a duration. */
public sealed interface EventTiming {

    /** The spans [start, end) of the event (lead not included) that overlap [{@code from}, {@code to}), in order. */
    List<TimeSpan> spansBetween(Instant from, Instant to, ZoneId zone);

    /** The span that starts last at or before {@code instant}, if any (lead not included). */
    Optional<TimeSpan> latestStartingBy(Instant instant, ZoneId zone);

    /** A one-off event between two local date-times of the event's zone. */
    record OneOff(LocalDateTime start, LocalDateTime end) implements EventTiming {

        public OneOff {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("an event's end must be after its start");
            }
        }

        public TimeSpan span(ZoneId zone) {
            return new TimeSpan(LocalTimes.resolve(start, zone), LocalTimes.resolve(end, zone));
        }

        @Override
        public List<TimeSpan> spansBetween(Instant from, Instant to, ZoneId zone) {
            TimeSpan span = span(zone);
            return span.end().isAfter(from) && span.start().isBefore(to) ? List.of(span) : List.of();
        }

        @Override
        public Optional<TimeSpan> latestStartingBy(Instant instant, ZoneId zone) {
            TimeSpan span = span(zone);
            return span.start().isAfter(instant) ? Optional.empty() : Optional.of(span);
        }
    }

    /**
     * A recurring event: it starts whenever the 5-field cron {@code expression} fires (in the event's zone, as
     * cron-utils computes it, DST included) and lasts {@code duration}.
     */
    record Recurring(String expression, Cron cron, Duration duration) implements EventTiming {

        /** Guards against a schedule firing every minute over a long range. */
        static final int MAX_OCCURRENCES = 100_000;

        public Recurring {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(cron, "cron");
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("an event's duration must be > 0");
            }
        }

        @Override
        public List<TimeSpan> spansBetween(Instant from, Instant to, ZoneId zone) {
            ExecutionTime execution = ExecutionTime.forCron(cron);
            List<TimeSpan> spans = new ArrayList<>();
            // A span [t, t + duration) is still running at `from` when t > from - duration.
            Optional<ZonedDateTime> next =
                    execution.nextExecution(from.minus(duration).atZone(zone));
            while (next.isPresent() && spans.size() < MAX_OCCURRENCES) {
                Instant start = firstOccurrence(next.get());
                if (!start.isBefore(to)) {
                    break;
                }
                if (spans.isEmpty() || !spans.get(spans.size() - 1).start().equals(start)) {
                    spans.add(new TimeSpan(start, start.plus(duration)));
                }
                next = execution.nextExecution(next.get());
            }
            return spans;
        }

        @Override
        public Optional<TimeSpan> latestStartingBy(Instant instant, ZoneId zone) {
            // The last firing at or before the instant: cron fires on whole minutes, so truncating loses nothing.
            ExecutionTime execution = ExecutionTime.forCron(cron);
            ZonedDateTime minute = instant.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
            Optional<ZonedDateTime> last =
                    execution.isMatch(minute) ? Optional.of(minute) : execution.lastExecution(minute);
            return last.map(Recurring::firstOccurrence)
                    .filter(start -> !start.isAfter(instant))
                    .map(start -> new TimeSpan(start, start.plus(duration)));
        }

        /**
         * cron-utils skips a firing time inside the spring-forward gap, but inside the autumn overlap it returns
         * either offset depending on where the search started; a local time that occurs twice always means its
         * first occurrence here, as for the daily windows ({@link LocalTimes}), so the result never depends on
         * when the question is asked.
         */
        private static Instant firstOccurrence(ZonedDateTime firing) {
            return LocalTimes.resolve(firing.toLocalDateTime(), firing.getZone());
        }
    }
}
