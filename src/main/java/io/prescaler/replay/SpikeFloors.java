package io.prescaler.replay;

import io.prescaler.demand.DemandCurve;
import io.prescaler.spike.SpikeDetector;
import io.prescaler.spike.SpikeSettings;
import io.prescaler.spike.SpikeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the spike guard would have asked over a replay: the exporter's {@link SpikeDetector}, fed as it would be in
 * the cluster. The HPA writes its status at every sync ({@link #STATUS_CADENCE}), carrying the demand it read through
 * the pipeline delay, so the sample at {@code t} is the demand of {@code t - pipelineDelay}; the floor published at
 * an instant is the one after the last sample at or before it (the HPA then reads it through the pipeline delay
 * again, as every prescaling metric). The detector starts a window ahead of the replay, so the run starts settled.
 *
 * @param seconds the sample times, epoch seconds, increasing
 * @param floors the floor after each sample, 0 outside a spike
 * @param triggerTimes when each spike started, within the replay
 */
public record SpikeFloors(long[] seconds, int[] floors, List<Instant> triggerTimes) {

    /** The HPA's sync period, at which it writes its status: the exporter's samples. */
    public static final Duration STATUS_CADENCE = Duration.ofSeconds(15);

    /** No guard: no floor, no trigger. */
    public static final SpikeFloors NONE = new SpikeFloors(new long[0], new int[0], List.of());

    public SpikeFloors {
        if (seconds.length != floors.length) {
            throw new IllegalArgumentException("one floor per sample");
        }
        triggerTimes = List.copyOf(triggerTimes);
    }

    /** The guard's floors from {@code from} to {@code to} over {@code demand}, seen through {@code pipelineDelay}. */
    public static SpikeFloors replay(
            SpikeSettings settings,
            DemandCurve demand,
            Duration pipelineDelay,
            Instant from,
            Instant to,
            int maxReplicas) {
        SpikeDetector detector = new SpikeDetector(settings);
        long step = STATUS_CADENCE.toSeconds();
        long start = from.getEpochSecond() - SpikeDetector.WINDOW.toSeconds();
        long end = to.getEpochSecond();
        int size = (int) Math.min(Integer.MAX_VALUE - 8, (end - start) / step + 1);
        long[] seconds = new long[size];
        int[] floors = new int[size];
        List<Instant> triggers = new ArrayList<>();
        long before = 0;
        int n = 0;
        DemandCurve.Cursor seen = demand.cursor();
        long delay = pipelineDelay.toSeconds();
        for (long t = start; t <= end && n < size; t += step) {
            SpikeState state = detector.observe(Instant.ofEpochSecond(t), seen.at(t - delay), maxReplicas);
            if (state.triggers() > before && t >= from.getEpochSecond()) {
                triggers.add(Instant.ofEpochSecond(t));
            }
            before = state.triggers();
            seconds[n] = t;
            floors[n] = state.floor();
            n++;
        }
        return new SpikeFloors(Arrays.copyOf(seconds, n), Arrays.copyOf(floors, n), triggers);
    }

    /** The floor published at {@code at}: after the last sample at or before it; 0 before any. */
    public int at(Instant at) {
        int index = Arrays.binarySearch(seconds, at.getEpochSecond());
        if (index < 0) {
            index = -index - 2;
        }
        return index < 0 ? 0 : floors[index];
    }

    /** How many spikes started within the replay. */
    public int triggers() {
        return triggerTimes.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpikeFloors that
                && Arrays.equals(seconds, that.seconds)
                && Arrays.equals(floors, that.floors)
                && triggerTimes.equals(that.triggerTimes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(seconds) + Arrays.hashCode(floors);
    }

    @Override
    public String toString() {
        return "SpikeFloors[" + seconds.length + " samples, " + triggerTimes.size() + " triggers]";
    }
}
