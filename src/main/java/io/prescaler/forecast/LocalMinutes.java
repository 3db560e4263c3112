package io.prescaler.forecast;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wall-clock arithmetic in epoch minutes over a bounded span of one zone: "the same local time N days earlier" as
 * {@link java.time.ZonedDateTime#minusDays} says it (a local time that does not exist on a spring-forward day moves
 * later by the gap; one that exists twice on a fall-back day takes the earlier instant), in a few operations
 * instead of a {@code ZonedDateTime} per call, since a forecast asks it thousands of times.
 */
final class LocalMinutes {

    /** Epoch minutes at which a new offset starts, increasing. */
    private final long[] changes;
    /** offsets[i] applies before changes[i]; the last one after every change. In minutes. */
    private final int[] offsets;

    private final int largest;
    private final int smallest;

    private LocalMinutes(long[] changes, int[] offsets) {
        this.changes = changes;
        this.offsets = offsets;
        this.largest = Arrays.stream(offsets).max().orElseThrow();
        this.smallest = Arrays.stream(offsets).min().orElseThrow();
    }

    /** The zone's offsets between two epoch minutes, with a day of margin on each side. */
    static LocalMinutes of(ZoneId zone, long fromMinute, long toMinute) {
        ZoneRules rules = zone.getRules();
        Instant from = Instant.ofEpochSecond((fromMinute - 24 * 60) * 60);
        Instant to = Instant.ofEpochSecond((toMinute + 24 * 60) * 60);
        List<Long> changes = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        offsets.add(rules.getOffset(from).getTotalSeconds() / 60);
        ZoneOffsetTransition next = rules.nextTransition(from);
        // a zone changes offset a few times a year: a 92-day span meets a handful of transitions at most
        while (next != null && next.getInstant().isBefore(to) && changes.size() < 1_000) {
            changes.add(next.getInstant().getEpochSecond() / 60);
            offsets.add(next.getOffsetAfter().getTotalSeconds() / 60);
            next = rules.nextTransition(next.getInstant());
        }
        return new LocalMinutes(
                changes.stream().mapToLong(Long::longValue).toArray(),
                offsets.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The offset at an epoch minute, in minutes. */
    int offset(long epochMinute) {
        int i = 0;
        while (i < changes.length && changes[i] <= epochMinute) {
            i++;
        }
        return offsets[i];
    }

    /** The local minute (minutes since the local epoch) of an epoch minute. */
    long local(long epochMinute) {
        return epochMinute + offset(epochMinute);
    }

    /**
     * The epoch minute of a local minute, as {@link java.time.ZonedDateTime} resolves gaps and overlaps: in an
     * overlap the preferred offset if it is one of the two, else the earlier instant.
     */
    long epoch(long localMinute, int preferredOffset) {
        long preferred = localMinute - preferredOffset;
        if (offset(preferred) == preferredOffset) {
            return preferred;
        }
        long earliest = Long.MAX_VALUE;
        for (int candidate : offsets) {
            long epoch = localMinute - candidate;
            if (offset(epoch) == candidate) {
                earliest = Math.min(earliest, epoch);
            }
        }
        if (earliest != Long.MAX_VALUE) {
            return earliest;
        }
        // in a spring-forward gap: later by the gap, that is with the offset before it (the smaller one)
        return localMinute - smallest;
    }

    /** The epoch minute at the same local time as {@code epochMinute}, {@code minutes} of wall clock earlier. */
    long earlier(long epochMinute, long minutes) {
        if (largest == smallest) {
            return epochMinute - minutes;
        }
        int offset = offset(epochMinute);
        return epoch(epochMinute + offset - minutes, offset);
    }
}
