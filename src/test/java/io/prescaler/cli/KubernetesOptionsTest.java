package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.cluster.ClusterConnection;
import io.prescaler.failure.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesOptionsTest {

    private static final String TWO_CONTEXTS =
            """
            apiVersion: v1
            kind: Config
            clusters:
              - {name: staging, cluster: {server: "https://staging.example:6443"}}
              - {name: prod, cluster: {server: "https://prod.example:6443"}}
            users: [{name: me, user: {token: secret}}]
            contexts:
              - {name: staging, context: {cluster: staging, user: me}}
              - {name: prod, context: {cluster: prod, user: me}}
            current-context: staging
            """;

    @TempDir
    Path dir;

    private KubernetesOptions options(String kubeconfigText, String context) throws IOException {
        KubernetesOptions options = new KubernetesOptions();
        options.kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(options.kubeconfig, kubeconfigText);
        options.context = context;
        return options;
    }

    @Test
    void usesTheNamedContext() throws IOException {
        try (ClusterConnection connection = options(TWO_CONTEXTS, "prod").connect()) {
            assertEquals(
                    "https://prod.example:6443/",
                    connection.client().getMasterUrl().toString());
        }
    }

    @Test
    void refusesAMistypedContextInsteadOfFallingBackToTheCurrentOne() throws IOException {
        KubernetesOptions options = options(TWO_CONTEXTS, "prdo");
        UsageException e = assertThrows(UsageException.class, options::connect);
        assertTrue(e.getMessage().startsWith("--context prdo: no such context"), e.getMessage());
        assertTrue(e.getMessage().contains("prod") && e.getMessage().contains("staging"), e.getMessage());
    }

    @Test
    void refusesAKubeconfigWithoutContext() throws IOException {
        KubernetesOptions options = options("{}", null);
        UsageException e = assertThrows(UsageException.class, options::connect);
        assertTrue(e.getMessage().contains("has no current context"), e.getMessage());
    }

    @Test
    void namesAMissingFile() {
        KubernetesOptions options = new KubernetesOptions();
        options.kubeconfig = dir.resolve("absent");
        UsageException e = assertThrows(UsageException.class, options::connect);
        assertTrue(e.getMessage().endsWith("absent: no such file"), e.getMessage());
    }
}
