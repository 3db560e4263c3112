package io.prescaler.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClusterCertificatesCrudTest {

    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private static final String NS = "prescaler";

    KubernetesClient client;

    @BeforeEach
    void seedWebhookConfiguration() {
        client.admissionRegistration()
                .v1()
                .mutatingWebhookConfigurations()
                .resource(new MutatingWebhookConfigurationBuilder()
                        .withNewMetadata()
                        .withName("prescaler")
                        .endMetadata()
                        .addNewWebhook()
                        .withName("hpa.prescaler.io")
                        .withNewClientConfig()
                        .withNewService()
                        .withName("prescaler-webhook")
                        .withNamespace(NS)
                        .withPath("/mutate")
                        .endService()
                        .endClientConfig()
                        .withAdmissionReviewVersions("v1")
                        .withSideEffects("None")
                        .endWebhook()
                        .addNewWebhook()
                        .withName("hpa-dry.prescaler.io")
                        .withNewClientConfig()
                        .withCaBundle("bm90IGEgY2VydGlmaWNhdGU=")
                        .withNewService()
                        .withName("prescaler-webhook")
                        .withNamespace(NS)
                        .endService()
                        .endClientConfig()
                        .withAdmissionReviewVersions("v1")
                        .withSideEffects("None")
                        .endWebhook()
                        .build())
                .create();
    }

    private ClusterCertificates certs(Instant now, String service) {
        return new ClusterCertificates(
                client,
                new ClusterCertificatesConfig(
                        NS,
                        service,
                        "prescaler-webhook-tls",
                        "prescaler",
                        Duration.ofDays(365),
                        Duration.ofDays(30),
                        KeyAlgorithm.EC),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private Secret secret() {
        return client.secrets()
                .inNamespace(NS)
                .withName("prescaler-webhook-tls")
                .get();
    }

    private MutatingWebhookConfiguration configuration() {
        return client.admissionRegistration()
                .v1()
                .mutatingWebhookConfigurations()
                .withName("prescaler")
                .get();
    }

    private static X509Certificate cert(Secret secret, String key) {
        return StoredCertificates.bundle(secret.getData().get(key)).get(0);
    }

    @Test
    void createsTheTlsSecretAndPatchesEveryWebhooksCaBundle() throws Exception {
        ClusterCertificates.Outcome outcome = certs(T0, "prescaler-webhook").ensure();

        assertTrue(outcome.secretWritten());
        Secret secret = secret();
        assertEquals("kubernetes.io/tls", secret.getType());
        assertEquals(
                List.of("ca.crt", "tls.crt", "tls.key"),
                secret.getData().keySet().stream().sorted().toList());
        X509Certificate ca = cert(secret, "ca.crt");
        cert(secret, "tls.crt").verify(ca.getPublicKey());
        assertTrue(StoredCertificates.dnsNames(cert(secret, "tls.crt")).contains("prescaler-webhook.prescaler.svc"));
        assertEquals(List.of("hpa.prescaler.io", "hpa-dry.prescaler.io"), outcome.webhooksPatched());
        configuration().getWebhooks().forEach(webhook -> {
            assertEquals(
                    List.of(ca),
                    StoredCertificates.bundle(webhook.getClientConfig().getCaBundle()));
            assertEquals(
                    "prescaler-webhook", webhook.getClientConfig().getService().getName(), "rest kept");
        });
    }

    @Test
    void changesNothing_whenAlreadyValid() throws Exception {
        certs(T0, "prescaler-webhook").ensure();
        String secretVersion = secret().getMetadata().getResourceVersion();
        String configurationVersion = configuration().getMetadata().getResourceVersion();

        ClusterCertificates.Outcome again =
                certs(T0.plus(Duration.ofDays(300)), "prescaler-webhook").ensure();

        assertEquals(false, again.secretWritten());
        assertEquals(List.of(), again.webhooksPatched());
        assertEquals(secretVersion, secret().getMetadata().getResourceVersion());
        assertEquals(configurationVersion, configuration().getMetadata().getResourceVersion());
    }

    @Test
    void replacesCertificatesExpiringWithinRenewBefore_keepingTheOldCaTrustedDuringTheSwap() throws Exception {
        certs(T0, "prescaler-webhook").ensure();
        X509Certificate oldCa = cert(secret(), "ca.crt");
        X509Certificate oldServing = cert(secret(), "tls.crt");

        ClusterCertificates.Outcome renewed =
                certs(T0.plus(Duration.ofDays(340)), "prescaler-webhook").ensure();

        assertTrue(renewed.secretWritten());
        assertTrue(renewed.secretReason().contains("within --renew-before"), renewed.secretReason());
        X509Certificate newCa = cert(secret(), "ca.crt");
        assertNotEquals(oldServing, cert(secret(), "tls.crt"));
        assertNotEquals(oldCa, newCa);
        configuration()
                .getWebhooks()
                .forEach(webhook -> assertEquals(
                        List.of(newCa, oldCa),
                        StoredCertificates.bundle(webhook.getClientConfig().getCaBundle())));
    }

    @Test
    void reissues_whenTheServiceNameChanged() throws Exception {
        certs(T0, "prescaler-webhook").ensure();
        ClusterCertificates.Outcome outcome = certs(T0, "prescaler-admission").ensure();
        assertTrue(outcome.secretReason().contains("does not cover prescaler-admission.prescaler.svc"));
        assertTrue(
                StoredCertificates.dnsNames(cert(secret(), "tls.crt")).contains("prescaler-admission.prescaler.svc"));
    }

    @Test
    void repatchesOnlyTheWebhookWhoseCaBundleWasReset() throws Exception {
        certs(T0, "prescaler-webhook").ensure();
        client.admissionRegistration()
                .v1()
                .mutatingWebhookConfigurations()
                .withName("prescaler")
                .edit(c -> {
                    c.getWebhooks().get(1).getClientConfig().setCaBundle(null);
                    return c;
                });
        ClusterCertificates.Outcome outcome = certs(T0, "prescaler-webhook").ensure();
        assertEquals(false, outcome.secretWritten());
        assertEquals(List.of("hpa-dry.prescaler.io"), outcome.webhooksPatched());
        assertEquals(
                List.of(cert(secret(), "ca.crt")),
                StoredCertificates.bundle(
                        configuration().getWebhooks().get(1).getClientConfig().getCaBundle()));
    }

    @Test
    void refusesASecretOfAnotherType_leavingItAndTheWebhookConfigurationUntouched() {
        Secret foreign = client.secrets()
                .inNamespace(NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("prescaler-webhook-tls")
                        .endMetadata()
                        .withType("Opaque")
                        .withData(Map.of("password", "c2VjcmV0"))
                        .build())
                .create();
        MutatingWebhookConfiguration before = configuration();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> certs(T0, "prescaler-webhook")
                .ensure());

        assertTrue(
                e.getMessage()
                        .startsWith("Secret prescaler/prescaler-webhook-tls exists with type Opaque, not"
                                + " kubernetes.io/tls"),
                e.getMessage());
        assertTrue(e.getMessage().contains("kubectl -n prescaler delete secret prescaler-webhook-tls"), e.getMessage());
        Secret after = secret();
        assertEquals("Opaque", after.getType());
        assertEquals(Map.of("password", "c2VjcmV0"), after.getData());
        assertEquals(foreign.getMetadata().getUid(), after.getMetadata().getUid(), "never deleted and recreated");
        assertEquals(before, configuration());
    }

    @Test
    void failsNamingTheMissingWebhookConfiguration_afterWritingTheSecret() {
        client.admissionRegistration()
                .v1()
                .mutatingWebhookConfigurations()
                .withName("prescaler")
                .delete();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> certs(T0, "prescaler-webhook")
                .ensure());
        assertTrue(e.getMessage().contains("MutatingWebhookConfiguration prescaler not found"));
        assertEquals("kubernetes.io/tls", secret().getType());
    }
}
