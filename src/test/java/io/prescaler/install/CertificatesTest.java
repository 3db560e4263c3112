package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The certificate the webhook mounts is the one each variant makes, for the Service the API server calls. */
class CertificatesTest {

    @ParameterizedTest
    @EnumSource(
            value = InstallVariant.class,
            names = {"DEFAULT", "EXAMPLE_OVERLAY", "DEFAULT_IN_ANOTHER_NAMESPACE"})
    void theCertsCommandWritesTheSecretTheWebhookMountsAndPatchesItsConfiguration(InstallVariant variant) {
        RenderedInstall install = RenderedInstall.of(variant);
        MutatingWebhookConfiguration configuration =
                install.all(MutatingWebhookConfiguration.class).get(0);
        var service = configuration.getWebhooks().get(0).getClientConfig().getService();
        List<List<String>> certsArgs = install.workloads().stream()
                .flatMap(w -> w.containers().stream())
                .map(Container::getArgs)
                .filter(args -> args.get(0).equals("certs"))
                .toList();

        assertEquals(2, certsArgs.size(), "the install Job and the renewal CronJob");
        for (List<String> args : certsArgs) {
            assertAll(
                    () -> assertEquals(install.namespace(), flag(args, "--namespace")),
                    () -> assertEquals(service.getName(), flag(args, "--service")),
                    () -> assertEquals(webhookSecret(install), flag(args, "--secret")),
                    () -> assertEquals(configuration.getMetadata().getName(), flag(args, "--webhook-configuration")));
        }
        assertEquals(certsArgs.get(0), certsArgs.get(1), "the Job and the CronJob run the same command");
    }

    @ParameterizedTest
    @EnumSource(
            value = InstallVariant.class,
            names = {"CERT_MANAGER", "CERT_MANAGER_WITH_PROMETHEUS_OPERATOR", "CERT_MANAGER_IN_ANOTHER_NAMESPACE"})
    void certManagerIssuesTheSecretTheWebhookMountsAndInjectsItsCa(InstallVariant variant) {
        RenderedInstall install = RenderedInstall.of(variant);
        MutatingWebhookConfiguration configuration =
                install.all(MutatingWebhookConfiguration.class).get(0);
        var service = configuration.getWebhooks().get(0).getClientConfig().getService();
        List<CustomResources.Certificate> certificates = install.all(CustomResources.Certificate.class);
        CustomResources.Certificate serving = certificates.stream()
                .filter(c -> webhookSecret(install).equals(c.spec().secretName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Certificate writes " + webhookSecret(install)));
        String injectFrom = configuration.getMetadata().getAnnotations().get("cert-manager.io/inject-ca-from");

        assertAll(
                () -> assertEquals(
                        install.namespace() + "/" + serving.metadata().getName(), injectFrom),
                () -> assertEquals(
                        List.of(
                                service.getName() + "." + service.getNamespace() + ".svc",
                                service.getName() + "." + service.getNamespace() + ".svc.cluster.local"),
                        serving.spec().dnsNames()),
                () -> assertTrue(serving.spec().usages().contains("server auth")),
                () -> assertNotEquals(Boolean.TRUE, serving.spec().isCA()));
        CustomResources.Issuer caIssuer =
                issuer(install, serving.spec().issuerRef().name());
        CustomResources.Certificate ca = certificates.stream()
                .filter(c -> c.spec().secretName().equals(caIssuer.spec().ca().secretName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no CA Certificate for Issuer " + caIssuer.metadata().getName()));
        assertEquals(Boolean.TRUE, ca.spec().isCA());
        assertTrue(issuer(install, ca.spec().issuerRef().name()).spec().selfSigned() != null);
    }

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void theWebhookWaitsForItsSecretRatherThanStartingWithoutIt(InstallVariant variant) {
        Volume tls = tlsVolume(RenderedInstall.of(variant));

        assertFalse(Boolean.TRUE.equals(tls.getSecret().getOptional()), "the Secret volume is not optional");
    }

    /** A user who pastes the documented in-cluster {@code certs} command must patch the install's configuration. */
    @ParameterizedTest
    @CsvSource({"README.md", "certs/README.md"})
    void theDocumentedCertsCommandNamesTheInstallsSecretServiceAndWebhookConfiguration(String document)
            throws IOException {
        RenderedInstall install = RenderedInstall.of(InstallVariant.DEFAULT);
        MutatingWebhookConfiguration configuration =
                install.all(MutatingWebhookConfiguration.class).get(0);
        String text = Files.readString(Repository.ROOT.resolve(document)).replace("\\\n", " ");
        List<List<String>> documented = text.lines()
                .map(String::strip)
                .filter(line -> line.startsWith("java -jar target/prescaler.jar certs ") && line.contains("--secret"))
                .map(line -> List.of(line.split("\\s+")))
                .toList();

        assertFalse(documented.isEmpty(), document + " shows no in-cluster certs command");
        for (List<String> args : documented) {
            assertAll(
                    document + ": " + String.join(" ", args),
                    () -> assertEquals(install.namespace(), flag(args, "--namespace")),
                    () -> assertEquals(
                            configuration
                                    .getWebhooks()
                                    .get(0)
                                    .getClientConfig()
                                    .getService()
                                    .getName(),
                            flag(args, "--service")),
                    () -> assertEquals(webhookSecret(install), flag(args, "--secret")),
                    () -> assertEquals(configuration.getMetadata().getName(), flag(args, "--webhook-configuration")));
        }
    }

    private static CustomResources.Issuer issuer(RenderedInstall install, String name) {
        return install.all(CustomResources.Issuer.class).stream()
                .filter(i -> i.metadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Issuer " + name));
    }

    private static String webhookSecret(RenderedInstall install) {
        return tlsVolume(install).getSecret().getSecretName();
    }

    private static Volume tlsVolume(RenderedInstall install) {
        return install
                .one(Deployment.class, "prescaler-webhook")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getVolumes()
                .stream()
                .filter(v -> v.getSecret() != null)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the webhook mounts no Secret"));
    }

    private static String flag(List<String> args, String name) {
        int at = args.indexOf(name);
        assertTrue(at >= 0 && at + 1 < args.size(), "no " + name + " in " + args);
        return args.get(at + 1);
    }
}
