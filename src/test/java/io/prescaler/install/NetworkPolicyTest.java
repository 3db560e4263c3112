package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The optional network-policy component: only the webhook's and the exporter's serving ports are reachable. */
class NetworkPolicyTest {

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void onlyTheVariantsWithTheComponentHaveNetworkPolicies(InstallVariant variant) {
        assertEquals(
                variant.networkPolicies(),
                !RenderedInstall.of(variant).all(NetworkPolicy.class).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(
            value = InstallVariant.class,
            names = {"EXAMPLE_OVERLAY", "DEFAULT_IN_ANOTHER_NAMESPACE"})
    void everyPodOfTheNamespaceRefusesConnectionsByDefault(InstallVariant variant) {
        NetworkPolicy deny = RenderedInstall.of(variant).one(NetworkPolicy.class, "prescaler-default-deny-ingress");

        assertAll(
                () -> assertTrue(
                        deny.getSpec().getPodSelector().getMatchLabels().isEmpty()),
                () -> assertTrue(
                        deny.getSpec().getPodSelector().getMatchExpressions().isEmpty()),
                () -> assertEquals(List.of("Ingress"), deny.getSpec().getPolicyTypes()),
                () -> assertTrue(deny.getSpec().getIngress().isEmpty()));
    }

    @ParameterizedTest
    @CsvSource({
        "EXAMPLE_OVERLAY, prescaler-webhook",
        "EXAMPLE_OVERLAY, prescaler-exporter",
        "DEFAULT_IN_ANOTHER_NAMESPACE, prescaler-webhook",
        "DEFAULT_IN_ANOTHER_NAMESPACE, prescaler-exporter"
    })
    void aServerIsReachableOnItsContainerPortOnly(InstallVariant variant, String deploymentName) {
        RenderedInstall install = RenderedInstall.of(variant);
        Deployment deployment = install.one(Deployment.class, deploymentName);
        NetworkPolicy policy = install.one(NetworkPolicy.class, deploymentName);
        List<String> containerPorts = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts().stream())
                .map(ContainerPort::getName)
                .toList();
        List<NetworkPolicyIngressRule> ingress = policy.getSpec().getIngress();

        assertAll(
                () -> assertEquals(
                        deployment.getSpec().getSelector().getMatchLabels(),
                        policy.getSpec().getPodSelector().getMatchLabels(),
                        "selects the Deployment's pods"),
                () -> assertEquals(1, ingress.size()),
                () -> assertEquals(
                        containerPorts,
                        ingress.get(0).getPorts().stream()
                                .map(p -> p.getPort().getStrVal())
                                .toList()),
                () -> assertTrue(ingress.get(0).getPorts().stream().allMatch(p -> "TCP".equals(p.getProtocol()))));
    }
}
