package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The kustomizations render, manifests/install.yaml is their current output, and one image runs everything. */
class RenderedManifestsTest {

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void everyVariantRendersIntoTypedObjects(InstallVariant variant) {
        RenderedInstall install = RenderedInstall.of(variant);

        assertFalse(install.documents().isEmpty(), variant + " renders nothing");
        assertEquals(variant.expectedNamespace(), install.namespace());
    }

    @Test
    void installYamlIsTheFreshRenderOfTheDefaultOverlay() throws IOException {
        String fresh = RenderedInstall.of(InstallVariant.DEFAULT).yaml();
        String committed = Files.readString(Repository.INSTALL_YAML);

        assertEquals(
                fresh,
                committed,
                "manifests/install.yaml is not the current render of kustomize/overlays/default; re-render it"
                        + " with:  kubectl kustomize kustomize/overlays/default > manifests/install.yaml");
    }

    @ParameterizedTest
    @EnumSource(
            value = InstallVariant.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"EXAMPLE_OVERLAY"})
    void everyContainerRunsTheOneImageOfThisRelease(InstallVariant variant) {
        assertAll(containers(variant).stream()
                .map(c -> () -> assertEquals(
                        Repository.IMAGE_NAME + ":" + Repository.releaseVersion(), c.getImage(), c.getName())));
    }

    @Test
    void anImagesEntryInAnOverlayReachesEveryContainer() {
        List<Container> containers = containers(InstallVariant.EXAMPLE_OVERLAY);

        assertEquals(5, containers.size(), "exporter, webhook, events, certs Job, certs CronJob");
        assertAll(containers.stream()
                .map(c -> () -> assertEquals(
                        "registry.example.com/platform/prescaler:" + Repository.releaseVersion(),
                        c.getImage(),
                        c.getName())));
    }

    @Test
    void theExampleOverlaySetsTheTimezoneForEveryPartAndKeepsItsOwnEvents() {
        RenderedInstall install = RenderedInstall.of(InstallVariant.EXAMPLE_OVERLAY);

        String settings = install.workloads().stream()
                .filter(w -> w.name().equals("prescaler-exporter"))
                .findFirst()
                .orElseThrow()
                .containers()
                .get(0)
                .getEnvFrom()
                .get(0)
                .getConfigMapRef()
                .getName();
        assertEquals(
                "Europe/Paris",
                install.configMap(settings).orElseThrow().getData().get("PRESCALER_TIMEZONE"));
        assertTrue(install.configMap("prescaling-events")
                .orElseThrow()
                .getData()
                .get("events.yaml")
                .contains("name: champions-league-final"));
    }

    @Test
    void onlyTheDefaultVariantsRunTheCertsCommand() {
        for (InstallVariant variant : InstallVariant.values()) {
            RenderedInstall install = RenderedInstall.of(variant);
            boolean runsCerts = containers(variant).stream()
                    .anyMatch(c -> !c.getArgs().isEmpty() && c.getArgs().get(0).equals("certs"));
            assertEquals(variant.certsJob(), runsCerts, variant + " runs the certs command");
            assertEquals(
                    variant.certsJob(),
                    install.find(ServiceAccount.class, "prescaler-certs").isPresent(),
                    variant + " has the certs ServiceAccount");
            assertEquals(variant.certsJob(), !install.all(Job.class).isEmpty(), variant + " has the certs Job");
        }
    }

    @Test
    void theEventsCronJobRunsEveryMinuteOneAtATime() {
        CronJob cron = RenderedInstall.of(InstallVariant.DEFAULT).one(CronJob.class, "prescaler-events");

        assertAll(
                () -> assertEquals("* * * * *", cron.getSpec().getSchedule()),
                () -> assertEquals("Forbid", cron.getSpec().getConcurrencyPolicy()),
                () -> assertTrue(cron.getSpec().getStartingDeadlineSeconds() != null
                        && cron.getSpec().getStartingDeadlineSeconds() < 60),
                () -> assertTrue(cron.getSpec().getSuccessfulJobsHistoryLimit() != null),
                () -> assertTrue(cron.getSpec().getFailedJobsHistoryLimit() != null),
                () -> assertTrue(
                        cron.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds() < 60,
                        "a run must be stopped before the next minute's"),
                () -> assertEquals(
                        0, cron.getSpec().getJobTemplate().getSpec().getBackoffLimit(), "the next run is the retry"));
    }

    static List<Container> containers(InstallVariant variant) {
        return RenderedInstall.of(variant).workloads().stream()
                .flatMap(w -> w.containers().stream())
                .toList();
    }
}
