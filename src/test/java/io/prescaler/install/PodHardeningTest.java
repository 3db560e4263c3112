package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every container of every variant: non-root, read-only root filesystem with a writable /tmp, no privilege
 * escalation, no capabilities, seccomp RuntimeDefault, requests and limits; servers have HTTP probes.
 */
class PodHardeningTest {

    static Stream<Arguments> containers() {
        return Arrays.stream(InstallVariant.values())
                .flatMap(variant -> RenderedInstall.of(variant).workloads().stream()
                        .flatMap(w -> w.containers().stream().map(c -> Arguments.of(variant, w, c.getName()))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("containers")
    void runsAsNonRootWithoutPrivileges(InstallVariant variant, Workload workload, String name) {
        Container container = container(workload, name);
        PodSecurityContext pod =
                Optional.ofNullable(workload.pod().getSecurityContext()).orElseGet(PodSecurityContext::new);
        SecurityContext own = container.getSecurityContext();
        assertNotNull(own, "container securityContext");
        Long runAsUser = first(own.getRunAsUser(), pod.getRunAsUser());
        String seccomp = first(
                own.getSeccompProfile() == null ? null : own.getSeccompProfile().getType(),
                pod.getSeccompProfile() == null ? null : pod.getSeccompProfile().getType());

        assertAll(
                () -> assertEquals(Boolean.TRUE, first(own.getRunAsNonRoot(), pod.getRunAsNonRoot()), "runAsNonRoot"),
                () -> assertNotNull(runAsUser, "runAsUser (the image's user has no name to check)"),
                () -> assertNotEquals(0L, runAsUser, "runAsUser"),
                () -> assertEquals(Boolean.TRUE, own.getReadOnlyRootFilesystem(), "readOnlyRootFilesystem"),
                () -> assertEquals(Boolean.FALSE, own.getAllowPrivilegeEscalation(), "allowPrivilegeEscalation"),
                () -> assertNotEquals(Boolean.TRUE, own.getPrivileged(), "privileged"),
                () -> assertEquals(List.of("ALL"), own.getCapabilities().getDrop(), "capabilities.drop"),
                () -> assertTrue(own.getCapabilities().getAdd().isEmpty(), "capabilities.add"),
                () -> assertEquals("RuntimeDefault", seccomp, "seccompProfile"),
                () -> assertNotEquals(Boolean.TRUE, workload.pod().getHostNetwork(), "hostNetwork"),
                () -> assertNotEquals(Boolean.TRUE, workload.pod().getHostPID(), "hostPID"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("containers")
    void hasAWritableTmpForTheJvm(InstallVariant variant, Workload workload, String name) {
        VolumeMount tmp = container(workload, name).getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no /tmp mount"));
        Volume volume = workload.pod().getVolumes().stream()
                .filter(v -> v.getName().equals(tmp.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + tmp.getName()));

        assertNotNull(volume.getEmptyDir(), "/tmp is an emptyDir");
        assertNotEquals(Boolean.TRUE, tmp.getReadOnly());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("containers")
    void canReadTheSecretsItMounts(InstallVariant variant, Workload workload, String name) {
        Long fsGroup = workload.pod().getSecurityContext() == null
                ? null
                : workload.pod().getSecurityContext().getFsGroup();
        for (VolumeMount mount : container(workload, name).getVolumeMounts()) {
            Volume volume = workload.pod().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("mount of missing volume " + mount.getName()));
            if (volume.getSecret() == null) {
                continue;
            }
            // Secret files belong to root (group fsGroup when set); the container runs as a non-root user.
            int mode = volume.getSecret().getDefaultMode() == null
                    ? 0644
                    : volume.getSecret().getDefaultMode();
            boolean othersRead = (mode & 0004) != 0;
            boolean groupRead = fsGroup != null && (mode & 0040) != 0;
            assertTrue(
                    othersRead || groupRead,
                    "Secret volume " + volume.getName() + " (mode " + Integer.toOctalString(mode) + ", fsGroup "
                            + fsGroup + ") is unreadable for a non-root user");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("containers")
    void requestsAndLimitsCpuAndMemory(InstallVariant variant, Workload workload, String name) {
        var resources = container(workload, name).getResources();

        assertAll(Stream.of("cpu", "memory")
                .flatMap(resource -> Stream.<Executable>of(
                        () -> assertNotNull(resources.getRequests().get(resource), "requests." + resource),
                        () -> assertNotNull(resources.getLimits().get(resource), "limits." + resource))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("containers")
    void serversHaveHttpProbesAndNothingRunsAnExecProbe(InstallVariant variant, Workload workload, String name) {
        Container container = container(workload, name);
        List<Probe> probes = Stream.of(
                        container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())
                .filter(Objects::nonNull)
                .toList();

        assertTrue(probes.stream().allMatch(p -> p.getExec() == null), "exec probes need a shell the image lacks");
        if (workload.longRunning()) {
            assertAll(
                    () -> assertNotNull(container.getLivenessProbe(), "livenessProbe"),
                    () -> assertNotNull(container.getReadinessProbe(), "readinessProbe"),
                    () -> assertNotNull(container.getLivenessProbe().getHttpGet(), "liveness httpGet"),
                    () -> assertNotNull(container.getReadinessProbe().getHttpGet(), "readiness httpGet"));
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("containers")
    void runsTheImagesEntrypoint(InstallVariant variant, Workload workload, String name) {
        Container container = container(workload, name);

        assertTrue(
                container.getCommand() == null || container.getCommand().isEmpty(),
                "the image's ENTRYPOINT runs the jar; manifests choose the command with args only");
        assertFalse(container.getArgs().isEmpty(), "args name the command");
        assertNull(
                container.getImage().endsWith(":latest") ? container.getImage() : null,
                "a tag, not latest, so that rollbacks mean something");
    }

    static Stream<Arguments> webhookAndCertsPods() {
        return Arrays.stream(InstallVariant.values())
                .flatMap(variant -> RenderedInstall.of(variant).workloads().stream()
                        .filter(w ->
                                w.name().equals("prescaler-webhook") || w.name().equals("prescaler-certs"))
                        .map(w -> Arguments.of(variant, w)));
    }

    /**
     * A Service named {@code prescaler} in the namespace would inject {@code PRESCALER_PORT=tcp://...}, which the
     * flags' environment fallback reads as {@code --port}.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("webhookAndCertsPods")
    void getsNoServiceLinkVariables(InstallVariant variant, Workload workload) {
        assertEquals(Boolean.FALSE, workload.pod().getEnableServiceLinks(), workload + " enableServiceLinks");
    }

    private static Container container(Workload workload, String name) {
        return workload.containers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static <T> T first(T own, T inherited) {
        return own != null ? own : inherited;
    }
}
