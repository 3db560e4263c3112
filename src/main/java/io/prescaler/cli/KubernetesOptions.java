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
            if (!Files.isRegularFile(kubeconfig)) {
                throw new IllegalArgumentException("--kubeconfig " + kubeconfig + ": no such file");
            }
            String text;
            try {
                text = Files.readString(kubeconfig);
            } catch (IOException e) {
                throw new IllegalArgumentException("--kubeconfig " + kubeconfig + " cannot be read: " + e);
            }
            try {
                config = Config.fromKubeconfig(context, text, kubeconfig.toString());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "--kubeconfig " + kubeconfig + " is not a usable kubeconfig: " + e.getMessage());
            }
            if (config.getCurrentContext() == null) {
                throw new IllegalArgumentException(
                        "--kubeconfig " + kubeconfig + " has no current context;" + " name one with --context");
            }
        } else {
            config = Config.autoConfigure(context);
        }
        // A mistyped context must never fall back to another cluster: a command that writes would change it.
        if (context != null
                && (config.getCurrentContext() == null
                        || !context.equals(config.getCurrentContext().getName()))) {
            throw new IllegalArgumentException("--context " + context + ": no such context in "
                    + (kubeconfig != null ? kubeconfig : "the kubeconfig") + " (contexts: "
                    + (config.getContexts() == null
                            ? "none"
                            : config.getContexts().stream()
                                    .map(c -> c.getName())
                                    .toList())
                    + ")");
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
