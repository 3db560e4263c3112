package io.prescaler.hpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapacityTest {

    /** 4 pods; the sync at 0 scales to 10, the sync at 30 to 6, the sync at 90 to 12. Pods take 60 s to be Ready. */
    private static final Capacity CAPACITY = new Capacity(
            List.of(sync(0, 4, 10), sync(15, 10, 10), sync(30, 10, 6), sync(90, 6, 12)), 4, Duration.ofSeconds(60));

    @ParameterizedTest(name = "at {0}: {1} pods, {2} Ready")
    @CsvSource({
        // second, pods, ready
        "-5, 4, 4", // before the first sync: the initial pods, all Ready
        "0, 10, 4", // six pods created at 0, starting
        "59, 6, 4",
        "30, 6, 4", // the scale-down removes starting pods first
        "60, 6, 6", // the two pods created at 0 and kept are Ready at 60
        "90, 12, 6", // six more created at 90
        "149, 12, 6",
        "150, 12, 12",
    })
    void countsPodsAndReadyPods(long second, int pods, int ready) {
        assertEquals(pods, CAPACITY.podsAt(second));
        assertEquals(ready, CAPACITY.readyAt(second));
    }

    @ParameterizedTest(name = "at {0}: {1} Ready at once")
    @CsvSource({"-1, 4", "0, 10", "30, 6", "90, 12"})
    void withoutReadinessDelayEveryPodIsReadyAtOnce(long second, int ready) {
        Capacity capacity = new Capacity(
                List.of(sync(0, 4, 10), sync(15, 10, 10), sync(30, 10, 6), sync(90, 6, 12)), 4, Duration.ZERO);

        assertEquals(ready, capacity.readyAt(second));
    }

    @org.junit.jupiter.api.Test
    void cursorSeesWhatEachLookUpSees() {
        Capacity.Cursor cursor = CAPACITY.cursor();
        for (long second = -30; second <= 200; second++) {
            cursor.moveTo(second);

            assertEquals(CAPACITY.podsAt(second), cursor.pods(), "pods at " + second);
            assertEquals(CAPACITY.readyAt(second), cursor.ready(), "ready at " + second);
        }
    }

    private static Step sync(long second, int current, int desired) {
        return new Step(second, current, current, List.of(), desired, desired);
    }
}
