package io.prescaler.replay;

import io.prescaler.hpa.ToleranceTest;
import java.time.Duration;
import java.util.Objects;

/**
 * What a replay assumes of the cluster.
 *
 * @param podStartup from a pod's creation to Ready (image pull, start, readiness probe)
 * @param pipelineDelay how old the values the HPA reads are (scrape interval, adapter, sync)
 * @param toleranceTest the Kubernetes version's tolerance comparison
 */
public record ReplayAssumptions(Duration podStartup, Duration pipelineDelay, ToleranceTest toleranceTest) {

    public ReplayAssumptions {
        Objects.requireNonNull(podStartup, "podStartup");
        Objects.requireNonNull(pipelineDelay, "pipelineDelay");
        Objects.requireNonNull(toleranceTest, "toleranceTest");
    }
}
