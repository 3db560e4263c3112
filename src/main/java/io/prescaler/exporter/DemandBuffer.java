package io.prescaler.exporter;

import io.prescaler.demand.DemandCurve;
import java.util.Arrays;
import java.util.Optional;

/**
 * One HPA's demand history between refreshes: a value per step on a regular grid (slot {@code k} holds the demand
 * of {@code [k * step, (k + 1) * step)}), the newest {@code capacity} slots in a ring, NaN where Prometheus had no
 * sample. A float per slot: at four weeks of 5-minute steps that is 8,064 slots, 32 KiB per HPA, however often it is
 * refreshed. Not thread-safe: the refresh loop reads one HPA at a time.
 */
final class DemandBuffer {

    private final long step;
    private final float[] ring;
    /** The newest slot held; meaningless while {@code size == 0}. */
    private long lastSlot;

    private int size;

    DemandBuffer(long stepSeconds, int capacity) {
        if (stepSeconds < 1 || capacity < 1) {
            throw new IllegalArgumentException("a buffer needs a step and a capacity");
        }
        this.step = stepSeconds;
        this.ring = new float[capacity];
    }

    long step() {
        return step;
    }

    int capacity() {
        return ring.length;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The newest slot held, if any. */
    Optional<Long> lastSlot() {
        return size == 0 ? Optional.empty() : Optional.of(lastSlot);
    }

    /** Sets the demand of {@code slot}; a slot older than the ring holds is ignored, newer ones push the oldest out. */
    void put(long slot, double demand) {
        if (size == 0) {
            lastSlot = slot;
            size = 1;
            ring[index(slot)] = (float) demand;
            return;
        }
        if (slot <= lastSlot) {
            if (slot > lastSlot - size) {
                ring[index(slot)] = (float) demand;
            }
            return;
        }
        long gap = slot - lastSlot;
        if (gap >= ring.length) {
            Arrays.fill(ring, Float.NaN);
        } else {
            for (long s = lastSlot + 1; s < slot; s++) {
                ring[index(s)] = Float.NaN;
            }
        }
        ring[index(slot)] = (float) demand;
        size = (int) Math.min(ring.length, size + gap);
        lastSlot = slot;
    }

    /** The history as a step curve (each slot's start, its demand), gaps left out; empty when nothing is held. */
    Optional<DemandCurve> curve() {
        long[] seconds = new long[size];
        double[] values = new double[size];
        int count = 0;
        for (long slot = lastSlot - size + 1; slot <= lastSlot && size > 0; slot++) {
            float value = ring[index(slot)];
            if (!Float.isNaN(value)) {
                seconds[count] = slot * step;
                values[count] = value;
                count++;
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(DemandCurve.of(Arrays.copyOf(seconds, count), Arrays.copyOf(values, count)));
    }

    private int index(long slot) {
        return (int) Math.floorMod(slot, (long) ring.length);
    }
}
