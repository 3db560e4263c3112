package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MetricEncodingTest {

    private static EffectiveMinimum asking(int replicas) {
        return new EffectiveMinimum(replicas, replicas, replicas > 0, Optional.empty(), false);
    }

    @ParameterizedTest(name = "minimum {0}, current {1}: {2} ({3})")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # minimum | current | value | why
            0         | 0       | 0     | nothing asked
            0         | 40      | 0     | nothing asked, whatever runs
            25        | 0       | 25    | no status yet: the minimum
            25        | 10      | 25    | far below: the minimum itself, the HPA jumps to it
            25        | 25      | 25    | at the minimum
            25        | 60      | 25    | above the minimum: never asks for more than it
            27        | 25      | 28    | 27/25 is inside the tolerance: the smallest value out of it
            11        | 10      | 12    | 11/10 is exactly on the tolerance edge: 12
            55        | 50      | 56    | a rate-limited step that landed within 10 % below the minimum
            100       | 99      | 109   | the worst overshoot is about 10 % of the minimum
            2         | 1       | 2     | 2/1 is well outside the band
            """)
    void directEncodingPublishesTheMinimumOrTheSmallestValueOutsideTheTolerance(
            int minimum, int current, long value, String why) {
        assertEquals(value, MetricEncoding.DIRECT.value(asking(minimum), current), why);
    }

    @ParameterizedTest(name = "minimum {0}, current {1}: {2}")
    @CsvSource({"0, 0, 0", "0, 50, 0", "25, 10, 11", "25, 24, 11", "25, 25, 10", "25, 60, 10"})
    void legacyEncodingPublishesBedrocksZeroTenEleven(int minimum, int current, long value) {
        assertEquals(value, MetricEncoding.LEGACY.value(asking(minimum), current));
    }

    /** How Kubernetes compares a ratio with its 0.1 tolerance, before and since v1.33. */
    enum Tolerance {
        UP_TO_1_32 {
            @Override
            boolean within(double ratio) {
                return Math.abs(1.0 - ratio) <= 0.1;
            }
        },
        SINCE_1_33 {
            @Override
            boolean within(double ratio) {
                return (1.0 - 0.1) <= ratio && ratio <= (1.0 + 0.1);
            }
        };

        abstract boolean within(double ratio);
    }

    /**
     * The HPA's proposal for an External metric with target AverageValue 1 (1000 milli-units), as
     * {@code GetExternalPerPodMetricReplicas} computes it: keep the current count inside the tolerance band,
     * else ceil(sum / target).
     */
    static long averageValueProposal(long value, int statusReplicas, Tolerance tolerance) {
        long usageMilli = value * 1000;
        double ratio = (double) usageMilli / (1000.0 * statusReplicas);
        if (tolerance.within(ratio)) {
            return statusReplicas;
        }
        return (long) Math.ceil(usageMilli / 1000.0);
    }

    @ParameterizedTest
    @EnumSource(Tolerance.class)
    void directEncodingNeverLeavesReplicasBelowTheMinimum(Tolerance tolerance) {
        for (int minimum = 1; minimum <= 300; minimum++) {
            for (int start = 1; start <= 400; start++) {
                int replicas = start;
                int syncs = 0;
                while (replicas < minimum) {
                    long value = MetricEncoding.DIRECT.value(asking(minimum), replicas);
                    long proposal = averageValueProposal(value, replicas, tolerance);
                    assertTrue(
                            proposal > replicas,
                            "stuck at " + replicas + " below minimum " + minimum + " (value " + value + ")");
                    replicas = (int) proposal;
                    syncs++;
                }
                assertTrue(syncs <= 1, "from " + start + " to " + minimum + " took " + syncs + " proposals");
                long overshoot = replicas - Math.max(start, minimum);
                assertTrue(
                        overshoot <= Math.ceil(minimum * 0.1) + 1,
                        "from " + start + " to " + minimum + " overshot by " + overshoot);
                // Held there: at or above the minimum, the proposal never goes below it.
                long held = averageValueProposal(
                        MetricEncoding.DIRECT.value(asking(minimum), replicas), replicas, tolerance);
                assertTrue(held >= minimum, "from " + replicas + " the HPA proposes " + held + " < " + minimum);
            }
        }
    }

    @Test
    void bareMinimumWouldBeStuckInsideTheTolerance() {
        // Why the direct encoding does not simply publish the minimum: 25 -> 27 would never happen.
        assertEquals(25, averageValueProposal(27, 25, Tolerance.SINCE_1_33));
        assertEquals(25, averageValueProposal(27, 25, Tolerance.UP_TO_1_32));
    }

    @Test
    void legacyElevenIsInsideTheToleranceSinceKubernetes133() {
        // Bedrock's 11 against target Value 10: ratio 1.1, scaled on <= 1.32 only by a float artifact.
        double ratio = 11000.0 / 10000.0;
        assertEquals(false, Tolerance.UP_TO_1_32.within(ratio));
        assertEquals(true, Tolerance.SINCE_1_33.within(ratio));
    }
}
