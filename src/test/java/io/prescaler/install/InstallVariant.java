package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ways to install Prescaler that the tests render and check. */
enum InstallVariant {
    /** {@code kubectl apply -k kustomize/overlays/default}: certificates by the certs Job. */
    DEFAULT("kustomize/overlays/default", true),
    /** {@code kubectl apply -k kustomize/overlays/cert-manager}. */
    CERT_MANAGER("kustomize/overlays/cert-manager", false),
    /** The README's own-overlay example: default + both optional components + image, zone and events. */
    EXAMPLE_OVERLAY("examples/install", true),
    /** cert-manager with the Prometheus Operator component (composed at test time under target/). */
    CERT_MANAGER_WITH_PROMETHEUS_OPERATOR(null, false),
    /** The default install with every component, renamed by an overlay's one {@code namespace:} line. */
    DEFAULT_IN_ANOTHER_NAMESPACE(null, true),
    /** The cert-manager install, renamed by an overlay's one {@code namespace:} line. */
    CERT_MANAGER_IN_ANOTHER_NAMESPACE(null, false);

    /** The namespace the shipped overlays install into. */
    static final String SHIPPED_NAMESPACE = "prescaler";
    /** The namespace the renamed variants choose. */
    static final String OTHER_NAMESPACE = "media-prescaler";

    private final String directory;
    private final boolean certsJob;

    InstallVariant(String directory, boolean certsJob) {
        this.directory = directory;
        this.certsJob = certsJob;
    }

    /** Whether the variant makes the webhook's certificate with Prescaler's own certs command. */
    boolean certsJob() {
        return certsJob;
    }

    boolean prometheusOperator() {
        return this == EXAMPLE_OVERLAY
                || this == CERT_MANAGER_WITH_PROMETHEUS_OPERATOR
                || this == DEFAULT_IN_ANOTHER_NAMESPACE;
    }

    boolean networkPolicies() {
        return this == EXAMPLE_OVERLAY || this == DEFAULT_IN_ANOTHER_NAMESPACE;
    }

    /** The namespace the variant installs into. */
    String expectedNamespace() {
        return renamed() ? OTHER_NAMESPACE : SHIPPED_NAMESPACE;
    }

    boolean renamed() {
        return this == DEFAULT_IN_ANOTHER_NAMESPACE || this == CERT_MANAGER_IN_ANOTHER_NAMESPACE;
    }

    Path directory() {
        return switch (this) {
            case CERT_MANAGER_WITH_PROMETHEUS_OPERATOR -> composed(
                    "cert-manager-with-prometheus-operator",
                    "resources: [%s]%ncomponents: [%s]%n"
                            .formatted(
                                    relativeToComposed("kustomize/overlays/cert-manager"),
                                    relativeToComposed("kustomize/components/prometheus-operator")));
                // What a user's overlay holds to rename the install: the one namespace line, and the transformer
                // that carries it into strings (the shipped overlays and examples/install list it already).
            case DEFAULT_IN_ANOTHER_NAMESPACE -> composed(
                    "default-in-another-namespace",
                    "namespace: %s%nresources: [%s]%ncomponents: [%s, %s]%ntransformers: [%s]%n"
                            .formatted(
                                    OTHER_NAMESPACE,
                                    relativeToComposed("kustomize/overlays/default"),
                                    relativeToComposed("kustomize/components/prometheus-operator"),
                                    relativeToComposed("kustomize/components/network-policy"),
                                    relativeToComposed("kustomize/transformers/install-namespace")));
            case CERT_MANAGER_IN_ANOTHER_NAMESPACE -> composed(
                    "cert-manager-in-another-namespace",
                    "namespace: %s%nresources: [%s]%ntransformers: [%s]%n"
                            .formatted(
                                    OTHER_NAMESPACE,
                                    relativeToComposed("kustomize/overlays/cert-manager"),
                                    relativeToComposed("kustomize/transformers/install-namespace")));
            default -> Repository.ROOT.resolve(directory);
        };
    }

    /**
     * Writes a kustomization under target/: kustomize loads other kustomizations by relative path only, so the
     * composed one names the repository's directories relative to itself.
     */
    static Path composed(String name, String kustomization) {
        Path dir = Repository.ROOT.resolve("target/install-tests").resolve(name);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static String relativeToComposed(String repositoryPath) {
        Path from = Repository.ROOT.resolve("target/install-tests/any");
        return from.relativize(Repository.ROOT.resolve(repositoryPath)).toString();
    }

    String render() {
        Path dir = directory();
        if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
            return fail("no kustomization.yaml in " + dir);
        }
        return Kubectl.kustomize(dir);
    }
}
