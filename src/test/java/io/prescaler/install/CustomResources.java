package io.prescaler.install;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * Typed mirrors of the custom resources the install uses (cert-manager.io/v1, monitoring.coreos.com/v1), with only
 * the fields the install sets: read strictly, a misspelt field fails. They check field names and types, not every
 * rule of the CRDs' OpenAPI schemas.
 */
final class CustomResources {

    private CustomResources() {}

    record Issuer(String apiVersion, String kind, ObjectMeta metadata, Issuer.Spec spec) {
        record Spec(SelfSigned selfSigned, Ca ca) {}

        record SelfSigned() {}

        record Ca(String secretName) {}
    }

    record Certificate(String apiVersion, String kind, ObjectMeta metadata, Certificate.Spec spec) {
        record Spec(
                Boolean isCA,
                String commonName,
                String secretName,
                String duration,
                String renewBefore,
                List<String> dnsNames,
                List<String> usages,
                PrivateKey privateKey,
                IssuerRef issuerRef) {}

        record PrivateKey(String algorithm, Integer size, String rotationPolicy) {}

        record IssuerRef(String group, String kind, String name) {}
    }

    record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, ServiceMonitor.Spec spec) {
        record Spec(LabelSelector selector, NamespaceSelector namespaceSelector, List<Endpoint> endpoints) {}

        record NamespaceSelector(List<String> matchNames, Boolean any) {}

        record Endpoint(String port, String path, String interval, String scrapeTimeout, Boolean honorLabels) {}
    }

    record PrometheusRule(String apiVersion, String kind, ObjectMeta metadata, PrometheusRule.Spec spec) {
        record Spec(List<Group> groups) {}

        record Group(String name, List<Rule> rules) {}

        record Rule(
                String alert,
                String expr,
                @JsonProperty("for") String pendingFor,
                Map<String, String> labels,
                Map<String, String> annotations) {}
    }
}
