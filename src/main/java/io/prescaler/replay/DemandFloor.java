package io.prescaler.replay;

import io.prescaler.schedule.MinimumSource;
import java.time.Instant;

/** A floor a replayed policy computes from the demand (the forecast, last week's demand): replicas at an instant. */
public interface DemandFloor {

    /** What {@code prescaling_min_source} names when this floor sets the minimum. */
    MinimumSource source();

    /** The replicas asked at {@code at}; 0 asks for nothing. */
    int replicasAt(Instant at);
}
