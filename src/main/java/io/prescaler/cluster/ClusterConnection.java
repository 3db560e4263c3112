package io.prescaler.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.prescaler.failure.InvalidInputException;
import io.prescaler.failure.UsageException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;

/**
 * A Kubernetes client and the {@link ApiServer} it talks to. The one place a client is built from the settings, so
 * that every command gets the same connect timeout, the same bounded retries and the same way of naming the server.
 */
public final class ClusterConnection implements AutoCloseable {

    private final KubernetesClient client;
    private final ApiServer server;

    public ClusterConnection(KubernetesClient client, ApiServer server) {
        this.client = Objects.requireNonNull(client, "client");
        this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * Builds the client. Nothing is sent to the server yet.
     *
     * @throws UsageException when {@code --kubeconfig} names no file, or {@code --context} no context of it: a
     *     mistyped context must never fall back to another cluster, since a command that writes would change it
     * @throws InvalidInputException when the kubeconfig cannot be read or used
     */
    public static ClusterConnection open(ClusterSettings settings) {
        Config config =
                settings.kubeconfig() == null ? Config.autoConfigure(settings.context()) : fromKubeconfigFlag(settings);
        String context = settings.context();
        if (context != null
                && (config.getCurrentContext() == null
                        || !context.equals(config.getCurrentContext().getName()))) {
            throw new UsageException("--context " + context + ": no such context in "
                    + (settings.kubeconfig() != null ? settings.kubeconfig() : "the kubeconfig") + " (contexts: "
                    + contextNames(config.getContexts()) + ")");
        }
        config.setConnectionTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        config.setRequestTimeout(Math.toIntExact(ClusterSettings.REQUEST_TIMEOUT.toMillis()));
        config.setRequestRetryBackoffLimit(ClusterSettings.ATTEMPTS - 1);
        ApiServer server = new ApiServer(config.getMasterUrl(), origin(settings, config));
        return new ClusterConnection(
                new KubernetesClientBuilder().withConfig(config).build(), server);
    }

    private static Config fromKubeconfigFlag(ClusterSettings settings) {
        if (!Files.isRegularFile(settings.kubeconfig())) {
            throw new UsageException("--kubeconfig " + settings.kubeconfig() + ": no such file");
        }
        String text;
        try {
            text = Files.readString(settings.kubeconfig());
        } catch (IOException e) {
            throw new InvalidInputException("--kubeconfig " + settings.kubeconfig() + " cannot be read: " + e, e);
        }
        Config config;
        try {
            config = Config.fromKubeconfig(
                    settings.context(), text, settings.kubeconfig().toString());
        } catch (RuntimeException e) {
            throw new InvalidInputException(
                    "--kubeconfig " + settings.kubeconfig() + " is not a usable kubeconfig: " + e.getMessage(), e);
        }
        if (config.getCurrentContext() == null) {
            throw new UsageException(
                    "--kubeconfig " + settings.kubeconfig() + " has no current context; name one with --context");
        }
        return config;
    }

    /** Where the server URL came from, in the words of the flags and variables that chose it. */
    static String origin(ClusterSettings settings, Config config) {
        String context = config.getCurrentContext() == null
                ? ""
                : ", context " + config.getCurrentContext().getName();
        if (settings.kubeconfig() != null) {
            return "--kubeconfig " + settings.kubeconfig() + context;
        }
        File file = config.getFile();
        if (file != null) {
            String variable = System.getenv("KUBECONFIG");
            return "kubeconfig " + file + (variable == null || variable.isBlank() ? "" : " ($KUBECONFIG)") + context;
        }
        if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
            return "in-cluster service account";
        }
        return "no kubeconfig found and not in a pod: the client's default";
    }

    private static String contextNames(List<NamedContext> contexts) {
        return contexts == null || contexts.isEmpty()
                ? "none"
                : String.join(", ", contexts.stream().map(NamedContext::getName).toList());
    }

    public KubernetesClient client() {
        return client;
    }

    public ApiServer server() {
        return server;
    }

    /** The namespace of the kubeconfig context, or of the pod in a cluster; "default" as kubectl when none. */
    public String namespace() {
        String namespace = client.getNamespace();
        return namespace == null || namespace.isBlank() ? "default" : namespace;
    }

    @Override
    public void close() {
        client.close();
    }
}
