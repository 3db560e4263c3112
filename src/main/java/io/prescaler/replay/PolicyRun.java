package io.prescaler.replay;

import io.prescaler.hpa.Capacity;
import io.prescaler.hpa.Step;
import java.util.List;

/** One policy's run over the curve: every sync of the HPA model and the pods they leave at any second. */
public record PolicyRun(Policy policy, List<Step> syncs, Capacity capacity) {

    public PolicyRun {
        syncs = List.copyOf(syncs);
    }
}
