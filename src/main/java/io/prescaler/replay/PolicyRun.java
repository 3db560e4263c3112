package io.prescaler.replay;

import io.prescaler.hpa.Capacity;
import io.prescaler.hpa.Step;
import java.util.List;

/**
 * One policy's run over the curve: every sync of the HPA model and the pods they leave at any second.
 *
 * @param spike the spike guard's floors and triggers in this run; {@link SpikeFloors#NONE} without the spike part
 */
public record PolicyRun(Policy policy, List<Step> syncs, Capacity capacity, SpikeFloors spike) {

    public PolicyRun(Policy policy, List<Step> syncs, Capacity capacity) {
        this(policy, syncs, capacity, SpikeFloors.NONE);
    }

    public PolicyRun {
        syncs = List.copyOf(syncs);
        java.util.Objects.requireNonNull(spike, "spike");
    }
}
