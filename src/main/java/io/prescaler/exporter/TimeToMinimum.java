package io.prescaler.exporter;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long one HPA takes to reach its effective minimum, as the exporter sees it: from the first instant the
 * minimum stood above {@code status.currentReplicas} to the first instant the current replicas stood at or above
 * the minimum then in force.
 *
 * <p>A minimum that rises again before it is reached keeps the first instant (the HPA has been short since then);
 * one that falls back to or below the current replicas before they reach it ends the wait without a time, since
 * nothing was reached (a window that closed, an event that ended). What the exporter did not see, it cannot time: a
 * restarted exporter starts counting at the first instant it sees the HPA short.
 */
final class TimeToMinimum {

    /** When the HPA was first seen below the minimum; null while it is not waiting for one. */
    private Instant since;

    /** The minimum last seen in force while waiting. */
    private int target;

    /** Feeds what was seen at {@code now}; the time it took when the HPA has just reached its minimum. */
    Optional<Duration> see(int minimum, int currentReplicas, Instant now) {
        if (since == null) {
            if (minimum > currentReplicas) {
                since = now;
                target = minimum;
            }
            return Optional.empty();
        }
        if (minimum > currentReplicas) {
            target = minimum;
            return Optional.empty();
        }
        Instant risen = since;
        since = null;
        // At or above the minimum now: reached, unless the minimum fell back before the replicas got to it.
        return currentReplicas >= target ? Optional.of(Duration.between(risen, now)) : Optional.empty();
    }
}
