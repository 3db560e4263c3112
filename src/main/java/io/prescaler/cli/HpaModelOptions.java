package io.prescaler.cli;

import io.prescaler.plan.KubernetesVersion;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The flags of the commands that run the HPA controller model: {@code plan} and {@code replay}. */
public final class HpaModelOptions {

    @Option(
            names = "--kubernetes-version",
            paramLabel = "MAJOR.MINOR",
            defaultValue = "1.33",
            converter = KubernetesVersionConverter.class,
            description = "The Kubernetes version whose HPA controller is modelled, 1.23 or later (v1.33 and"
                    + " 1.33.2 read as 1.33): up to 1.32 a ratio of exactly"
                    + " 1.1 scales, from 1.33 it is inside the 10 %% tolerance, so annotation_scaling_min_replica"
                    + " never scales (default: ${DEFAULT-VALUE}).")
    KubernetesVersion kubernetesVersion;

    @Option(
            names = "--pipeline-delay",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.WholeSeconds.class,
            description = "How old the metric value an HPA reads is: scrape interval, adapter query and sync, in"
                    + " whole seconds up to 1h (default: ${DEFAULT-VALUE}).")
    Duration pipelineDelay;
}
