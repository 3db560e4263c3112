package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both servers spread their replicas over nodes and zones: the exporter is on every prescaled HPA's scale-in path,
 * the webhook on every HPA write. Soft, so a one-node cluster still runs them.
 */
class SpreadTest {

    @ParameterizedTest
    @EnumSource(InstallVariant.class)
    void everyDeploymentSpreadsOverNodesAndZones(InstallVariant variant) {
        List<Deployment> deployments = RenderedInstall.of(variant).all(Deployment.class);

        assertEquals(2, deployments.size(), "the exporter and the webhook");
        assertAll(deployments.stream().map(deployment -> () -> {
            List<TopologySpreadConstraint> constraints =
                    deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
            String name = deployment.getMetadata().getName();
            assertEquals(
                    List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"),
                    constraints.stream()
                            .map(TopologySpreadConstraint::getTopologyKey)
                            .toList(),
                    name);
            for (TopologySpreadConstraint constraint : constraints) {
                assertEquals(1, constraint.getMaxSkew(), name);
                assertEquals("ScheduleAnyway", constraint.getWhenUnsatisfiable(), name);
                assertEquals(
                        deployment.getSpec().getSelector().getMatchLabels(),
                        constraint.getLabelSelector().getMatchLabels(),
                        name + " counts its own pods");
            }
        }));
    }
}
