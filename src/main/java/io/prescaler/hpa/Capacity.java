package io.prescaler.hpa;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The pods of the Deployment an HPA scales, at any second, from the syncs so far: the pods are the spec the last
 * sync at or before that second set (created at once, status.replicas = spec); pods created by the sync at c are
 * Ready from c + readinessDelay; a scale-down removes the pods not yet Ready first (a ReplicaSet deletes unready
 * pods first), so the Ready pods are the fewest replicas the spec held since second - readinessDelay.
 */
public final class Capacity {

    private final List<Step> steps;
    private final int initialReplicas;
    private final long readinessDelay;

    /**
     * @param steps the syncs in time order (the list may grow while this view is used, as the simulator adds syncs)
     * @param initialReplicas the pods before the first sync, all Ready
     */
    public Capacity(List<Step> steps, int initialReplicas, Duration readinessDelay) {
        this.steps = Objects.requireNonNull(steps, "steps");
        this.initialReplicas = initialReplicas;
        this.readinessDelay = readinessDelay.toSeconds();
    }

    /** The pods at {@code second}, Ready or starting: the spec after every sync at or before it. */
    public int podsAt(long second) {
        int last = lastAtOrBefore(second);
        return last < 0 ? initialReplicas : steps.get(last).desiredReplicas();
    }

    /** The pods Running and Ready at {@code second}. */
    public int readyAt(long second) {
        long since = second - readinessDelay;
        int ready = podsAt(since);
        for (int i = lastAtOrBefore(second); i >= 0 && steps.get(i).second() > since; i--) {
            ready = Math.min(ready, steps.get(i).desiredReplicas());
        }
        return ready;
    }

    /** The index of the last sync at or before {@code second}, -1 when none. */
    private int lastAtOrBefore(long second) {
        int low = 0;
        int high = steps.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (steps.get(middle).second() <= second) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return high;
    }

    /**
     * A reader of this capacity at seconds that never go back, in amortised constant time per second: what a sweep
     * over every second of a long run needs (a binary search per second would dominate it).
     */
    public Cursor cursor() {
        return new Cursor();
    }

    /** See {@link #cursor()}. */
    public final class Cursor {

        private int last = -1;
        private int lastSince = -1;
        private long at = Long.MIN_VALUE;

        private Cursor() {}

        /** Moves to {@code second}, which must not be before the previous one. */
        public void moveTo(long second) {
            if (second < at) {
                throw new IllegalArgumentException("a cursor only moves forward: " + second + " after " + at);
            }
            at = second;
            last = advance(last, second);
            lastSince = advance(lastSince, second - readinessDelay);
        }

        public int pods() {
            return last < 0 ? initialReplicas : steps.get(last).desiredReplicas();
        }

        public int ready() {
            int ready = lastSince < 0 ? initialReplicas : steps.get(lastSince).desiredReplicas();
            for (int i = last; i > lastSince; i--) {
                ready = Math.min(ready, steps.get(i).desiredReplicas());
            }
            return ready;
        }

        private int advance(int index, long second) {
            while (index + 1 < steps.size() && steps.get(index + 1).second() <= second) {
                index++;
            }
            return index;
        }
    }
}
