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

    /**
     * The spans [start, end) of the event (lead not included) that overlap [{@code from}, {@code to}), in order;
     * overlapping occurrences of a recurring event are merged into one span.
     */
    List<TimeSpan> spansBetween(Instant from, Instant to, ZoneId zone);

    /**
     * The span that starts last at or before {@code instant}, if any (lead not included); for a recurring event,
     * merged with the occurrences that overlap it.
     */
    Optional<TimeSpan> latestStartingBy(Instant instant, ZoneId zone);

    /** A one-off event between two local date-times of the event's zone. */
    record OneOff(LocalDateTime start, LocalDateTime end) implements EventTiming {

        public OneOff {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("an event's end must be after its start");
            }
            if (!EventBounds.isWithinYears(start) || !EventBounds.isWithinYears(end)) {
                throw new IllegalArgumentException("an event's start and end fall in the years "
                        + EventBounds.FIRST_YEAR + " to " + EventBounds.LAST_YEAR);
            }
            if (end.isAfter(start.plus(EventBounds.LONGEST_EVENT))) {
                throw new IllegalArgumentException(
                        "an event lasts at most " + Durations.format(EventBounds.LONGEST_EVENT));
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
     *
     * <p>A duration longer than the time to the next firing is allowed: occurrences that overlap (or touch) merge
     * into one span, so that {@code events apply} writes one {@code event.end} instead of a new one at every
     * firing. A run of occurrences that keeps overlapping is followed at most until {@link #horizonAfter} the
     * instant asked: its end then moves forward once a day, never closer than a day ahead.
     */
    record Recurring(String expression, Cron cron, Duration duration) implements EventTiming {

        /** How far past the instant asked a run of merged occurrences is followed, at least. */
        static final Duration MERGE_HORIZON = Duration.ofDays(1);

        public Recurring {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(cron, "cron");
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("an event's duration must be > 0");
            }
            if (duration.compareTo(EventBounds.LONGEST_EVENT) > 0) {
                throw new IllegalArgumentException(
                        "an event lasts at most " + Durations.format(EventBounds.LONGEST_EVENT));
            }
        }

        /**
         * The spans overlapping [from, to), merged. The walk starts at the latest firing at or before {@code from}:
         * every earlier occurrence has the same duration, so it ends no later than that one and adds nothing to the
         * range. It then costs one step per firing until {@code to} (plus a merged run's tail), however long the
         * duration.
         */
        @Override
        public List<TimeSpan> spansBetween(Instant from, Instant to, ZoneId zone) {
            ExecutionTime execution = ExecutionTime.forCron(cron);
            Instant horizon = horizonAfter(to);
            List<TimeSpan> spans = new ArrayList<>();
            Optional<ZonedDateTime> firing =
                    latestFiringBy(execution, from, zone).or(() -> execution.nextExecution(from.atZone(zone)));
            while (firing.isPresent() && firstOccurrence(firing.get()).isBefore(to)) {
                Run run = runFrom(execution, firing.get(), horizon);
                if (run.span().end().isAfter(from)) {
                    spans.add(run.span());
                }
                firing = run.next();
            }
            return spans;
        }

        /** The merged span of the latest firing at or before the instant, from that firing. */
        @Override
        public Optional<TimeSpan> latestStartingBy(Instant instant, ZoneId zone) {
            ExecutionTime execution = ExecutionTime.forCron(cron);
            return latestFiringBy(execution, instant, zone)
                    .map(firing ->
                            runFrom(execution, firing, horizonAfter(instant)).span());
        }

        /**
         * The first UTC midnight after {@link #MERGE_HORIZON} past the instant: the same for a whole UTC day of
         * runs, so an endless run's end (and the annotation holding it) changes once a day, not at every run.
         */
        static Instant horizonAfter(Instant instant) {
            return instant.plus(MERGE_HORIZON).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        }

        /** The last firing at or before the instant: cron fires on whole minutes, so truncating loses nothing. */
        private static Optional<ZonedDateTime> latestFiringBy(ExecutionTime execution, Instant instant, ZoneId zone) {
            ZonedDateTime minute = instant.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
            Optional<ZonedDateTime> last =
                    execution.isMatch(minute) ? Optional.of(minute) : execution.lastExecution(minute);
            return last.filter(firing -> !firstOccurrence(firing).isAfter(instant));
        }

        /**
         * The occurrence of {@code firing} merged with every following one that starts before the merged span ends,
         * stopping at the first gap or at {@code horizon}; and the firing after it.
         */
        private Run runFrom(ExecutionTime execution, ZonedDateTime firing, Instant horizon) {
            Instant start = firstOccurrence(firing);
            Instant end = start.plus(duration);
            Optional<ZonedDateTime> next = execution.nextExecution(firing);
            while (next.isPresent()) {
                Instant nextStart = firstOccurrence(next.get());
                if (nextStart.isAfter(end) || !nextStart.isBefore(horizon)) {
                    break;
                }
                // In the autumn overlap a firing can map back to an earlier instant: it only widens the span.
                if (nextStart.isBefore(start)) {
                    start = nextStart;
                }
                Instant nextEnd = nextStart.plus(duration);
                if (nextEnd.isAfter(end)) {
                    end = nextEnd;
                }
                next = execution.nextExecution(next.get());
            }
            return new Run(new TimeSpan(start, end), next);
        }

        private record Run(TimeSpan span, Optional<ZonedDateTime> next) {}

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
