package io.prescaler.certs;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.prescaler.tls.Pem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-cluster half of {@code certs}, in the manner of kube-webhook-certgen's create-then-patch: keeps the
 * webhook's Secret holding a valid CA and serving pair (creating or replacing it only when absent, incomplete,
 * for other names or expiring within the renewal margin; a Secret of another type is refused, never deleted), then makes every webhook of the
 * MutatingWebhookConfiguration trust that CA. A second run with everything valid changes nothing.
 *
 * <p>During a replacement the caBundle holds the new CA and the previous one: the API server then accepts both
 * the old serving certificate (still mounted in running pods until the kubelet refreshes the volume) and the new.
 */
public final class ClusterCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCertificates.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one run did. */
    public record Outcome(boolean secretWritten, String secretReason, List<String> webhooksPatched) {}

    private final KubernetesClient client;
    private final ClusterCertificatesConfig config;
    private final Clock clock;

    public ClusterCertificates(KubernetesClient client, ClusterCertificatesConfig config, Clock clock) {
        this.client = client;
        this.config = config;
        this.clock = clock;
    }

    public Outcome ensure() throws GeneralSecurityException {
        Instant now = clock.instant();
        List<String> names = ServiceNames.of(config.service(), config.namespace());
        Secret secret = client.secrets()
                .inNamespace(config.namespace())
                .withName(config.secret())
                .get();
        String key = config.namespace() + "/" + config.secret();
        if (secret != null && !StoredCertificates.TLS_TYPE.equals(secret.getType())) {
            // A Secret's type cannot be changed in place, and a Secret of another type was not written by this
            // command (it always writes kubernetes.io/tls): it may hold someone else's data, so it is left alone.
            throw new IllegalStateException("Secret " + key + " exists with type " + secret.getType() + ", not "
                    + StoredCertificates.TLS_TYPE + "; it was not made by prescaler certs and is left untouched:"
                    + " choose another --secret, or delete it (kubectl -n " + config.namespace()
                    + " delete secret " + config.secret() + ") if it is not needed, and run certs again");
        }
        StoredCertificates stored = secret == null
                ? new StoredCertificates(Optional.empty(), Optional.of("the Secret does not exist"))
                : StoredCertificates.check(secret.getType(), secret.getData(), names, now, config.renewBefore());
        String caBundle;
        if (stored.valid()) {
            LOG.info("secret {}: certificates valid until {}, kept", key, validUntil(secret));
            caBundle = secret.getData().get(WebhookCertificates.CA_FILE);
        } else {
            LOG.info(
                    "secret {}: issuing new certificates: {}",
                    key,
                    stored.renewalReason().get());
            WebhookCertificates issued =
                    new CertificateIssuer(clock, config.validity(), config.algorithm()).issue(names);
            write(secret, issued);
            String bundle = issued.caPem()
                    + stored.ca()
                            .filter(old -> old.getNotAfter().toInstant().isAfter(now))
                            .map(Pem::of)
                            .orElse("");
            caBundle = base64(bundle);
        }
        List<String> patched = config.webhookConfiguration() == null ? List.of() : patchCaBundle(caBundle);
        return new Outcome(!stored.valid(), stored.renewalReason().orElse(""), patched);
    }

    private void write(Secret existing, WebhookCertificates issued) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(WebhookCertificates.CA_FILE, base64(issued.caPem()));
        data.put(WebhookCertificates.CERT_FILE, base64(issued.certPem()));
        data.put(WebhookCertificates.KEY_FILE, base64(issued.keyPem()));
        var secrets = client.secrets().inNamespace(config.namespace());
        if (existing == null) {
            secrets.resource(new SecretBuilder()
                            .withNewMetadata()
                            .withName(config.secret())
                            .withNamespace(config.namespace())
                            .addToLabels("app.kubernetes.io/managed-by", "prescaler-certs")
                            .endMetadata()
                            .withType(StoredCertificates.TLS_TYPE)
                            .withData(data)
                            .build())
                    .create();
            return;
        }
        ObjectNode patch = JSON.createObjectNode();
        patch.set("data", JSON.valueToTree(data));
        secrets.withName(config.secret()).patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }

    /** Patches caBundle into every webhook that does not trust the CA yet; returns the names patched. */
    private List<String> patchCaBundle(String caBundle) {
        var resource = client.admissionRegistration()
                .v1()
                .mutatingWebhookConfigurations()
                .withName(config.webhookConfiguration());
        MutatingWebhookConfiguration configuration = resource.get();
        if (configuration == null) {
            throw new IllegalStateException("MutatingWebhookConfiguration " + config.webhookConfiguration()
                    + " not found; apply the install manifests first (the Secret is ready)");
        }
        List<X509Certificate> wanted = StoredCertificates.bundle(caBundle);
        X509Certificate current = wanted.get(0);
        ArrayNode ops = JSON.createArrayNode();
        List<String> patched = new ArrayList<>();
        List<MutatingWebhook> webhooks = configuration.getWebhooks() == null ? List.of() : configuration.getWebhooks();
        for (int i = 0; i < webhooks.size(); i++) {
            MutatingWebhook webhook = webhooks.get(i);
            String path = "/webhooks/" + i + "/clientConfig";
            if (webhook.getClientConfig() == null) {
                ObjectNode clientConfig = JSON.createObjectNode().put("caBundle", caBundle);
                ops.addObject().put("op", "add").put("path", path).set("value", clientConfig);
            } else if (!StoredCertificates.bundle(webhook.getClientConfig().getCaBundle())
                    .contains(current)) {
                ops.addObject().put("op", "add").put("path", path + "/caBundle").put("value", caBundle);
            } else {
                continue;
            }
            patched.add(webhook.getName());
        }
        if (!ops.isEmpty()) {
            resource.patch(PatchContext.of(PatchType.JSON), ops.toString());
            LOG.info("mutatingwebhookconfiguration {}: caBundle patched in {}", config.webhookConfiguration(), patched);
        } else {
            LOG.info("mutatingwebhookconfiguration {}: caBundle already current", config.webhookConfiguration());
        }
        return patched;
    }

    private static String validUntil(Secret secret) {
        return StoredCertificates.bundle(secret.getData().get(WebhookCertificates.CERT_FILE)).stream()
                .findFirst()
                .map(c -> c.getNotAfter().toInstant().toString())
                .orElse("?");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
