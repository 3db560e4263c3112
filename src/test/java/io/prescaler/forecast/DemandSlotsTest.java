package io.prescaler.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.demand.DemandCurve;
import io.prescaler.schedule.TimeSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the forecast reads of a demand curve: minute maxima, holds, gaps and excluded spans. */
class DemandSlotsTest {

    private static final Instant T0 = Instant.parse("2026-05-04T00:00:00Z");

    /** Points at these minutes after T0 (fractions allowed), with these values. */
    private static DemandCurve curve(double[] minutes, double[] values) {
        long[] seconds = new long[minutes.length];
        for (int i = 0; i < minutes.length; i++) {
            seconds[i] = T0.getEpochSecond() + Math.round(minutes[i] * 60);
        }
        return DemandCurve.of(seconds, values);
    }

    private static DemandSlots slots(DemandCurve curve, List<TimeSpan> excluded) {
        return DemandSlots.of(curve, T0, T0.plus(Duration.ofHours(2)), excluded);
    }

    private static long minute(int m) {
        return T0.getEpochSecond() / 60 + m;
    }

    @ParameterizedTest(name = "minute {0}: {1}")
    @CsvSource({
        "0, 5", // the first point
        "1, 5", // held
        "2, 9", // 5 until 2:30, then 9: the highest of the minute
        "16, 9", // held 15 minutes from 2:30, so minute 17 is the last one known
        "17, 9", "18, NaN", // a gap: more than 15 minutes without a sample
        "40, 3", "54, 3", // the last point holds 15 minutes too
        "55, NaN", // then nothing is known
    })
    void readsTheHighestDemandOfEachMinuteHoldingASampleAtMostFifteenMinutes(int m, double expected) {
        DemandCurve curve = curve(new double[] {0, 2.5, 40}, new double[] {5, 9, 3});
        DemandSlots slots = slots(curve, List.of());
        assertEquals(expected, slots.minute(minute(m)));
    }

    @Test
    void leavesOutEveryMinuteAnExcludedSpanTouches() {
        DemandCurve curve = curve(new double[] {0, 5, 10}, new double[] {1, 2, 3});
        TimeSpan event = new TimeSpan(T0.plusSeconds(5 * 60 + 30), T0.plusSeconds(7 * 60 + 1));
        DemandSlots slots = slots(curve, List.of(event));

        assertEquals(1, slots.minute(minute(4)));
        for (int m = 5; m <= 7; m++) {
            assertTrue(Double.isNaN(slots.minute(minute(m))), "minute " + m);
        }
        assertEquals(2, slots.minute(minute(8)));
    }

    @Test
    void readsASlotOnlyWhenHalfOfItIsKnownAndWithinTheBoundsAsked() {
        // known from minute 0 to 24 (held 15 minutes after the point at minute 10)
        DemandCurve curve = curve(new double[] {0, 10}, new double[] {4, 6});
        DemandSlots slots = slots(curve, List.of());

        assertEquals(6, slots.slot(minute(15), minute(0), minute(120)));
        // the slot of minute 30 is 20..39: 5 minutes known, under half
        assertTrue(Double.isNaN(slots.slot(minute(30), minute(0), minute(120))));
        // the slot must end by the limit (nothing at or after now is read) and start at the lowest minute
        assertTrue(Double.isNaN(slots.slot(minute(15), minute(0), minute(24))));
        assertEquals(6, slots.slot(minute(15), minute(0), minute(25)));
        assertTrue(Double.isNaN(slots.slot(minute(15), minute(6), minute(120))));
    }

    @Test
    void refusesASpanLongerThanItsBound() {
        DemandCurve curve = curve(new double[] {0}, new double[] {1});
        assertThrows(
                IllegalArgumentException.class,
                () -> DemandSlots.of(curve, T0, T0.plus(DemandSlots.MAX_SPAN).plusSeconds(60), List.of()));
    }
}
