package io.prescaler.cli;

import io.prescaler.cluster.ClusterConnection;
import io.prescaler.cluster.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a command reaches the cluster: in-cluster service account, else the usual kubeconfig. */
public final class KubernetesOptions {

    @Option(
            names = "--kubeconfig",
            paramLabel = "FILE",
            description =
                    "kubeconfig to use (default: in-cluster service account, else $KUBECONFIG or ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context to use (default: current).")
    String context;

    @Option(
            names = "--connect-timeout",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.Positive.class,
            description = "How long a connection to the API server may take before the server counts as"
                    + " unreachable; a call is tried twice (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout = ClusterSettings.DEFAULT_CONNECT_TIMEOUT;

    public ClusterSettings settings() {
        return new ClusterSettings(kubeconfig, context, connectTimeout);
    }

    /** The client for these settings; nothing is sent to the server yet. */
    public ClusterConnection connect() {
        return ClusterConnection.open(settings());
    }
}
