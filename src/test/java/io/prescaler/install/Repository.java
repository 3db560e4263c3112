package io.prescaler.install;

import io.prescaler.cli.VersionProvider;
import java.nio.file.Path;

/** Paths of the repository the tests check (Maven runs them from the project's base directory). */
final class Repository {

    static final Path ROOT =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path KUSTOMIZE = ROOT.resolve("kustomize");
    static final Path MANIFESTS = ROOT.resolve("manifests");
    static final Path INSTALL_YAML = MANIFESTS.resolve("install.yaml");

    /** The image every manifest names; an {@code images:} entry in an overlay replaces it. */
    static final String IMAGE_NAME = "ghcr.io/prescaler/prescaler";

    private Repository() {}

    /**
     * The version this source tree releases, which the manifests' image tag and version labels name: the project
     * version ({@code prescaler --version}) without Maven's {@code -SNAPSHOT} suffix of an unreleased build.
     */
    static String releaseVersion() {
        return VersionProvider.version().replaceFirst("-SNAPSHOT$", "");
    }
}
