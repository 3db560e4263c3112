package io.prescaler.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.prescaler.certs.CertificateIssuer;
import io.prescaler.certs.ClusterCertificates;
import io.prescaler.certs.ClusterCertificatesConfig;
import io.prescaler.certs.KeyAlgorithm;
import io.prescaler.certs.ServiceNames;
import io.prescaler.certs.WebhookCertificates;
import io.prescaler.cluster.ApiCall;
import io.prescaler.cluster.ClusterConnection;
import io.prescaler.failure.UsageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "certs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Creates a CA and the webhook's serving certificate (BouncyCastle).",
            "In the cluster: keeps them in a kubernetes.io/tls Secret (tls.crt, tls.key, ca.crt), replacing them"
                    + " only when absent, invalid, for other names or expiring within --renew-before, and patches"
                    + " caBundle of every webhook of --webhook-configuration. Re-running changes nothing when all"
                    + " is valid. A Secret of that name but another type is not ours: it is left untouched and"
                    + " certs exits 1.",
            "Locally: --out-dir DIR --dns NAME... writes ca.crt, tls.crt and tls.key."
        })
final class CertsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--namespace", paramLabel = "NAMESPACE", description = "Namespace of the Service and the Secret.")
    String namespace;

    @Option(
            names = "--service",
            paramLabel = "NAME",
            description = "The webhook's Service; the certificate covers NAME.NAMESPACE.svc,"
                    + " NAME.NAMESPACE.svc.cluster.local, NAME.NAMESPACE and NAME.")
    String service;

    @Option(names = "--secret", paramLabel = "NAME", description = "The Secret to keep the certificates in.")
    String secret;

    @Option(
            names = "--webhook-configuration",
            paramLabel = "NAME",
            description = "MutatingWebhookConfiguration whose webhooks get the caBundle (default: none).")
    String webhookConfiguration;

    @Option(
            names = "--validity",
            paramLabel = "DURATION",
            defaultValue = "365d",
            converter = CertsCommand.ValidityConverter.class,
            description = "Lifetime of new certificates (default: ${DEFAULT-VALUE}).")
    Duration validity;

    @Option(
            names = "--renew-before",
            paramLabel = "DURATION",
            defaultValue = "30d",
            converter = DurationConverter.Positive.class,
            description = "Replace certificates expiring within this long (default: ${DEFAULT-VALUE}).")
    Duration renewBefore;

    @Option(
            names = "--key-algorithm",
            paramLabel = "ALG",
            defaultValue = "ec",
            description = "Key type of new certificates: ec (P-256) or rsa (2048) (default: ${DEFAULT-VALUE}).")
    KeyAlgorithm algorithm;

    @Option(
            names = "--out-dir",
            paramLabel = "DIR",
            description = "Local mode: write ca.crt, tls.crt and tls.key into DIR instead of a Secret.")
    Path outDir;

    @Option(
            names = "--dns",
            paramLabel = "NAME",
            split = ",",
            description = "Local mode: a name for the certificate (repeatable; IP literals become IP SANs).")
    List<String> dns = new ArrayList<>();

    @Mixin
    KubernetesOptions kubernetes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        if (outDir != null) {
            LinkedHashSet<String> names = new LinkedHashSet<>(dns);
            if (service != null && namespace != null) {
                names.addAll(ServiceNames.of(service, namespace));
            }
            if (names.isEmpty()) {
                throw new UsageException("--out-dir needs at least one --dns NAME (or --service and --namespace)");
            }
            WebhookCertificates issued = new CertificateIssuer(clock, validity, algorithm).issue(List.copyOf(names));
            issued.writeTo(outDir);
            out.printf(
                    "wrote %s, %s and %s in %s for %s, valid until %s%n",
                    WebhookCertificates.CA_FILE,
                    WebhookCertificates.CERT_FILE,
                    WebhookCertificates.KEY_FILE,
                    outDir,
                    String.join(", ", names),
                    issued.serving().getNotAfter().toInstant());
            out.flush();
            return 0;
        }
        ClusterCertificatesConfig config = new ClusterCertificatesConfig(
                namespace, service, secret, webhookConfiguration, validity, renewBefore, algorithm);
        try (ClusterConnection connection = kubernetes.connect()) {
            ClusterCertificates.Outcome outcome;
            try {
                outcome = new ClusterCertificates(connection.client(), config, clock).ensure();
            } catch (KubernetesClientException e) {
                throw ApiCall.of(e).failed(connection.server(), e);
            }
            out.printf(
                    "secret %s/%s: %s; caBundle patched in %s%n",
                    config.namespace(),
                    config.secret(),
                    outcome.secretWritten() ? "written (" + outcome.secretReason() + ")" : "valid, unchanged",
                    outcome.webhooksPatched().isEmpty() ? "no webhook" : String.join(", ", outcome.webhooksPatched()));
            out.flush();
        }
        return 0;
    }

    /** A certificate lives at least an hour: less would be renewed by nearly every run. */
    static final class ValidityConverter extends DurationConverter {
        @Override
        public Duration convert(String value) {
            Duration validity = super.convert(value);
            if (validity.compareTo(Duration.ofHours(1)) < 0) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is shorter than 1h");
            }
            return validity;
        }
    }
}
