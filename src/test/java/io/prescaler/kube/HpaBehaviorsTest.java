package io.prescaler.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.prescaler.hpa.Behavior;
import io.prescaler.hpa.ScalingPolicy;
import io.prescaler.hpa.ScalingRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HpaBehaviorsTest {

    private static final Path FIXTURES = Path.of("src/test/resources/io/prescaler/kube");

    private static HorizontalPodAutoscaler hpa(String file) throws IOException {
        return new KubernetesSerialization()
                .unmarshal(Files.readString(FIXTURES.resolve(file)), HorizontalPodAutoscaler.class);
    }

    static Stream<Arguments> behaviors() {
        return Stream.of(
                // no behavior: the controller's legacy path, not the defaults
                Arguments.of("hpa-no-behavior.yaml", Optional.empty()),
                // behavior: {} is what the API server fills with its defaults
                Arguments.of("hpa-empty-behavior.yaml", Optional.of(Behavior.defaults())),
                Arguments.of(
                        "hpa-scale-up-window-only.yaml",
                        Optional.of(Behavior.defaults()
                                .withScaleUp(ScalingRules.defaultScaleUp().withStabilizationWindowSeconds(60)))),
                Arguments.of(
                        "hpa-scale-down-policies.yaml",
                        Optional.of(new Behavior(
                                new ScalingRules(
                                        OptionalInt.of(0),
                                        ScalingRules.SelectPolicy.DISABLED,
                                        ScalingRules.defaultScaleUp().policies(),
                                        OptionalDouble.empty()),
                                new ScalingRules(
                                        OptionalInt.of(600),
                                        ScalingRules.SelectPolicy.MIN,
                                        List.of(ScalingPolicy.pods(1, 60), ScalingPolicy.percent(10, 60)),
                                        OptionalDouble.of(0.05))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("behaviors")
    void readsBehaviorWithTheApiServersDefaultsForWhatIsLeftOut(String file, Optional<Behavior> expected)
            throws IOException {
        assertEquals(expected, HpaBehaviors.read(hpa(file)));
    }

    @Test
    void namesEveryInvalidFieldWithItsPath() throws IOException {
        HorizontalPodAutoscaler broken = hpa("hpa-behavior-invalid.yaml");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HpaBehaviors.read(broken));

        assertEquals(
                List.of(
                        "spec.behavior.scaleUp.stabilizationWindowSeconds: 4000 is not in 0..3600",
                        "spec.behavior.scaleUp.selectPolicy: \"Most\" is not Max, Min or Disabled",
                        "spec.behavior.scaleUp.policies[0].type: \"Pod\" is not Pods or Percent",
                        "spec.behavior.scaleUp.policies[1].value: 0 is not > 0",
                        "spec.behavior.scaleUp.policies[1].periodSeconds: 3600 is not in 1..1800",
                        "spec.behavior.scaleDown.tolerance: -0.1 is not >= 0"),
                List.of(e.getMessage().split("; ")));
    }
}
