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
    /** The README's own-overlay example: default + Prometheus Operator component + image, zone and events. */
    EXAMPLE_OVERLAY("examples/install", true),
    /** cert-manager with the Prometheus Operator component (composed at test time under target/). */
    CERT_MANAGER_WITH_PROMETHEUS_OPERATOR(null, false);

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
        return this == EXAMPLE_OVERLAY || this == CERT_MANAGER_WITH_PROMETHEUS_OPERATOR;
    }

    Path directory() {
        if (directory != null) {
            return Repository.ROOT.resolve(directory);
        }
        return composed(
                "cert-manager-with-prometheus-operator",
                "resources: [%s]%ncomponents: [%s]%n"
                        .formatted(
                                relativeToComposed("kustomize/overlays/cert-manager"),
                                relativeToComposed("kustomize/components/prometheus-operator")));
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
