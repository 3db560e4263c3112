package io.prescaler.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public KubernetesClient client() {
        Config config;
        if (kubeconfig != null) {
            try {
                config = Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("--kubeconfig " + kubeconfig + " cannot be read: " + e.getMessage());
            }
        } else {
            config = Config.autoConfigure(context);
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
