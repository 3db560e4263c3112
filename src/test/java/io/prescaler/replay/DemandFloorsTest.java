package io.prescaler.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.prescaler.demand.DemandCurve;
import io.prescaler.forecast.SeasonalForecaster;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.MinimumSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The floors the forecast and last-week policies hold over a replay, and how a policy combines them. */
class DemandFloorsTest {

    /** Monday 4 May 2026, 00:00 UTC. */
    private static final Instant START = Instant.parse("2026-05-04T00:00:00Z");

    private static final SeasonalForecaster FORECASTER = new SeasonalForecaster(ZoneOffset.UTC, Optional.empty());

    /** One point a minute for {@code days} days. */
    private static DemandCurve curve(int days, LongToDoubleFunction demandAtMinute) {
        int n = days * 24 * 60;
        long[] seconds = new long[n];
        double[] demand = new double[n];
        for (int i = 0; i < n; i++) {
            seconds[i] = START.getEpochSecond() + 60L * i;
            demand[i] = demandAtMinute.applyAsDouble(i);
        }
        return DemandCurve.of(seconds, demand);
    }

    /** 10 replicas, 40 from 20:00 to 22:00 UTC every day. */
    private static double evening(long minute) {
        long ofDay = minute % (24 * 60);
        return ofDay >= 20 * 60 && ofDay < 22 * 60 ? 40 : 10;
    }

    @Test
    void theForecastFloorLearnsOnlyFromTheDemandBeforeEachRefresh() {
        DemandCurve plain = curve(10, DemandFloorsTest::evening);
        long cut = 8L * 24 * 60 + 12 * 60; // day 8, 12:00
        DemandCurve changedAfter = curve(10, m -> m >= cut ? 500 : evening(m));
        Instant from = START.plus(Duration.ofDays(7));
        Instant to = START.plus(Duration.ofDays(10));
        Duration horizon = Duration.ofMinutes(15);

        ForecastFloor a = ForecastFloor.of(FORECASTER, plain, List.of(), horizon, from, to);
        ForecastFloor b = ForecastFloor.of(FORECASTER, changedAfter, List.of(), horizon, from, to);

        Instant cutAt = START.plus(Duration.ofMinutes(cut));
        for (Instant at = from; at.isBefore(to); at = at.plus(ForecastFloor.REFRESH)) {
            if (!at.isAfter(cutAt)) {
                assertEquals(a.replicasAt(at), b.replicasAt(at), "at " + at + ", before the change");
            }
        }
    }

    @ParameterizedTest(name = "at {0}: {1} replicas")
    @CsvSource({
        "2026-05-11T12:00:00Z, 10", // the day level
        "2026-05-11T19:39:00Z, 10", // refreshed at 19:35: the slot of 19:50 is 19:40-20:00
        "2026-05-11T19:40:00Z, 40", // refreshed at 19:40: the slot of 19:55 holds 20:00, 25 minutes ahead
        "2026-05-11T21:54:00Z, 40", // refreshed at 21:50: the slot of 22:05 starts at 21:55
        "2026-05-11T21:55:00Z, 10",
    })
    void theForecastFloorRisesTheHorizonPlusHalfASlotAheadAndIsHeldFiveMinutes(String at, int replicas) {
        DemandCurve demand = curve(10, DemandFloorsTest::evening);
        ForecastFloor floor = ForecastFloor.of(
                FORECASTER,
                demand,
                List.of(),
                Duration.ofMinutes(15),
                START.plus(Duration.ofDays(7)),
                START.plus(Duration.ofDays(8)));
        assertEquals(replicas, floor.replicasAt(Instant.parse(at)));
        assertEquals(MinimumSource.FORECAST, floor.source());
        assertEquals(Optional.empty(), floor.notReady());
    }

    @Test
    void theForecastFloorSaysWhenAndWhyItHadNoForecast() {
        DemandCurve demand = curve(4, DemandFloorsTest::evening);
        ForecastFloor floor = ForecastFloor.of(
                FORECASTER, demand, List.of(), Duration.ofMinutes(15), START, START.plus(Duration.ofDays(4)));

        io.prescaler.forecast.ForecastTimeline.NotReadySpan span =
                floor.notReady().orElseThrow();
        assertEquals(START, span.first());
        assertEquals(START.plus(Duration.ofDays(2)).minus(ForecastFloor.REFRESH), span.last());
        assertEquals(2 * 24 * 12, span.refreshes());
        assertEquals("1d23h55m of history, 2 days needed for the daily season", span.reason());
        assertEquals(0, floor.replicasAt(START.plus(Duration.ofHours(21))));
        assertEquals(40, floor.replicasAt(START.plus(Duration.ofDays(3)).plus(Duration.ofHours(21))));
    }

    @ParameterizedTest(name = "at {0}: {1} replicas")
    @CsvSource({
        "2026-05-11T12:00:00Z, 10",
        "2026-05-11T19:30:00Z, 10", // the 30 minutes a week ago end at 20:00
        "2026-05-11T19:31:00Z, 40",
        "2026-05-11T21:59:00Z, 40",
        "2026-05-11T22:00:00Z, 10",
        "2026-05-04T21:00:00Z, 0", // the first week has no week before it
    })
    void lastWeekHoldsTheHighestDemandOfTheNextThirtyMinutesAWeekEarlier(String at, int replicas) {
        DemandCurve demand = curve(10, m -> evening(m) - 0.5);
        LastWeekFloor floor = LastWeekFloor.of(demand, START, START.plus(Duration.ofDays(10)));
        assertEquals(replicas, floor.replicasAt(Instant.parse(at)), "9.5 and 39.5 round up");
    }

    @Test
    void aPolicyRaisesTheScheduleWithEachOfItsFloorsNamingTheHighest() {
        DemandFloor forecast = fixed(MinimumSource.FORECAST, 30);
        EffectiveMinimum window = new EffectiveMinimum(20, 20, true, Optional.empty(), false);
        ReplayedHpa hpa = new ReplayedHpa(
                "shop/front",
                2,
                100,
                Optional.empty(),
                MetricEncoding.DIRECT,
                at -> window,
                Map.of(PolicyPart.FORECAST, forecast, PolicyPart.LAST_WEEK, fixed(MinimumSource.FORECAST, 25)));
        Instant at = START;

        assertEquals(EffectiveMinimum.NONE, hpa.minimumAt(Policy.REACTIVE, at));
        assertEquals(window, hpa.minimumAt(Policy.SCHEDULE, at));
        EffectiveMinimum both = hpa.minimumAt(Policy.parse("schedule+forecast"), at);
        assertEquals(30, both.replicas());
        assertEquals(Optional.of(MinimumSource.FORECAST), both.source());
        assertEquals(25, hpa.minimumAt(Policy.parse("last-week"), at).replicas());
        assertEquals(30, hpa.minimumAt(Policy.parse("forecast+last-week"), at).replicas());
    }

    @Test
    void aForecastBelowTheWindowLeavesTheWindowNamed() {
        EffectiveMinimum window = new EffectiveMinimum(20, 20, true, Optional.empty(), false);
        ReplayedHpa hpa = new ReplayedHpa(
                "shop/front",
                2,
                100,
                Optional.empty(),
                MetricEncoding.DIRECT,
                at -> window,
                Map.of(PolicyPart.FORECAST, fixed(MinimumSource.FORECAST, 12)));
        assertEquals(window, hpa.minimumAt(Policy.parse("schedule+forecast"), START));
    }

    @Test
    void aPolicyWhoseFloorWasNotComputedIsAnError() {
        ReplayedHpa hpa = new ReplayedHpa(
                "shop/front", 2, 100, Optional.empty(), MetricEncoding.DIRECT, at -> EffectiveMinimum.NONE);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> hpa.minimumAt(Policy.parse("forecast"), START));
        assertEquals("no forecast floor was computed for shop/front", e.getMessage());
    }

    private static DemandFloor fixed(MinimumSource source, int replicas) {
        return new DemandFloor() {
            @Override
            public MinimumSource source() {
                return source;
            }

            @Override
            public int replicasAt(Instant at) {
                return replicas;
            }
        };
    }
}
