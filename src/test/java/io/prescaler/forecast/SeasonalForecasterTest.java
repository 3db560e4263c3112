package io.prescaler.forecast;

import static io.prescaler.forecast.Curves.PARIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.demand.DemandCurve;
import io.prescaler.schedule.TimeSpan;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeasonalForecasterTest {

    /** Monday 4 May 2026, 00:00 in Paris: the histories start there. */
    private static final Instant START =
            ZonedDateTime.of(2026, 5, 4, 0, 0, 0, 0, PARIS).toInstant();

    private static final Duration HORIZON = Duration.ofMinutes(15);
    private final SeasonalForecaster calibrated = new SeasonalForecaster(PARIS, Optional.empty());

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    private static Forecast.Ready ready(Forecast forecast) {
        return assertInstanceOf(Forecast.Ready.class, forecast, forecast.toString());
    }

    /** The floor the forecast asks: whole replicas, rounded up. */
    private static int floor(Forecast forecast) {
        return (int) Math.ceil(ready(forecast).replicas() - 1e-9);
    }

    private static String notReady(Forecast forecast) {
        return assertInstanceOf(Forecast.NotReady.class, forecast, forecast.toString())
                .reason();
    }

    // --- cold start

    @ParameterizedTest(name = "{0} of history: {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            PT0S     | 0s of history, 2 days needed for the daily season
            PT7H     | 7h of history, 2 days needed for the daily season
            P1DT23H  | 1d23h of history, 2 days needed for the daily season
            P1DT23H59M | 1d23h59m of history, 2 days needed for the daily season
            """)
    void saysHowMuchHistoryItHasAndNeedsBeforeTwoDays(String history, String reason) {
        Instant now = START.plus(Duration.parse(history));
        DemandCurve curve = Curves.of(START, Duration.ofDays(3), Curves::daily);

        Forecast forecast = calibrated.forecast(curve, now, HORIZON, List.of());

        assertEquals(reason, notReady(forecast));
        assertEquals(Duration.parse(history), forecast.history());
    }

    @Test
    void saysSoWhenNowIsBeforeAnyDemand() {
        DemandCurve curve = Curves.of(START, Duration.ofDays(3), Curves::daily);
        Forecast forecast = calibrated.forecast(curve, START.minus(Duration.ofDays(1)), HORIZON, List.of());
        assertEquals("0s of history, 2 days needed for the daily season", notReady(forecast));
    }

    @Test
    void forecastsFromTwoDaysOnWithTheDefaultHeadroomUntilItsErrorsAreKnown() {
        DemandCurve curve = Curves.of(START, Duration.ofDays(3), Curves::daily);
        // its own errors: the quarter hours from 2 days 15 minutes on, whose slot is known by now: 19 of the 24 needed
        Instant now = START.plus(Duration.ofDays(2)).plus(Duration.ofHours(5));

        SeasonalEstimate estimate = calibrated.estimate(curve, now, HORIZON, List.of());

        assertEquals(Optional.of(Season.DAILY), estimate.season());
        assertEquals(SeasonalForecaster.DEFAULT_HEADROOM, estimate.headroom());
        assertEquals(false, estimate.calibrated());
        assertEquals(Duration.ofHours(53), estimate.forecast().history());
    }

    // --- the daily season

    /**
     * A smooth daily curve: the estimate is the highest demand of the slot 15 minutes ahead (±10 min), and the
     * floor, rounded up, holds the demand at that instant, but for a fraction of a replica at the daily peak.
     */
    @ParameterizedTest(name = "at {0}")
    @CsvSource({
        "2026-05-15T03:45", // night low
        "2026-05-15T12:00", // day
        "2026-05-15T20:45", // before the evening peak: the slot 20:50-21:10 holds it
        "2026-05-15T21:50",
    })
    void estimatesTheHighestDemandOfTheSlotAheadAndItsFloorAboutHoldsTheDemandThen(String now) {
        DemandCurve curve = Curves.of(START, Duration.ofDays(12), Curves::daily);
        Instant at = paris(now);
        Instant target = at.plus(HORIZON);

        SeasonalEstimate estimate = calibrated.estimate(curve, at, HORIZON, List.of());

        double slotMax = 0;
        for (int minute = -10; minute < 10; minute++) {
            slotMax = Math.max(
                    slotMax,
                    Curves.daily(target.plus(Duration.ofMinutes(minute)).atZone(PARIS)));
        }
        assertEquals(Optional.of(Season.DAILY), estimate.season());
        assertTrue(estimate.calibrated());
        assertEquals(slotMax, estimate.estimate(), 0.01);
        // the top tenth of the replica-minutes is the HPA's own metric's to cover: at the peak, within a replica
        assertTrue(floor(estimate.forecast()) > Curves.daily(target.atZone(PARIS)) - 1, estimate.toString());
        assertTrue(ready(estimate.forecast()).replicas() <= slotMax + 1e-9, estimate.toString());
    }

    @Test
    void keepsTheDailySeasonOnADailyCurveWithThreeWeeks() {
        DemandCurve curve = Curves.of(START, Duration.ofDays(24), Duration.ofMinutes(1), Curves::daily, 0.05, 1);
        SeasonalEstimate estimate = calibrated.estimate(curve, paris("2026-05-27T18:00"), HORIZON, List.of());
        assertEquals(Optional.of(Season.DAILY), estimate.season());
    }

    // --- the weekly season

    /** Every day like the others but Saturday, whose evening is x5 from 21:00 to 23:00. */
    private static double saturdayEvenings(ZonedDateTime at) {
        double base = Curves.daily(at);
        return at.getDayOfWeek() == DayOfWeek.SATURDAY && at.getHour() >= 21 && at.getHour() < 23 ? 5 * base : base;
    }

    @ParameterizedTest(name = "{0}: {1} season, an estimate of about {2} replicas")
    @CsvSource({
        // 2 weeks: the weekly season may be chosen (one training week in the held-out check)
        "2026-05-23T20:45, 2026-05-18T00:00, WEEKLY, 59",
        // 3 and 4 weeks
        "2026-05-30T20:45, 2026-05-25T00:00, WEEKLY, 59",
        "2026-05-30T21:30, 2026-05-25T00:00, WEEKLY, 50",
        "2026-06-06T20:45, 2026-06-01T00:00, WEEKLY, 59",
        // a Friday evening of the same history: not x5
        "2026-06-05T20:45, 2026-06-01T00:00, WEEKLY, 12",
        // under two weeks: daily, and Saturday's evening is one day of seven, so the median ignores it
        "2026-05-16T20:45, 2026-05-16T00:00, DAILY, 12",
    })
    void choosesTheWeeklySeasonWhenOneDayOfTheWeekDiffers(String now, String end, Season season, double about) {
        DemandCurve curve = Curves.of(
                START,
                Duration.between(START, paris(end)),
                Duration.ofMinutes(1),
                SeasonalForecasterTest::saturdayEvenings,
                0.03,
                7);

        SeasonalEstimate estimate = calibrated.estimate(curve, paris(now), HORIZON, List.of());

        assertEquals(Optional.of(season), estimate.season());
        double replicas = estimate.estimate();
        assertTrue(Math.abs(replicas - about) / about < 0.15, replicas + " is not about " + about);
    }

    // --- daylight saving time

    /**
     * The evening step is at 21:00 local time all along; on 29 March 2026 Paris moves from UTC+1 to UTC+2. The days
     * before contribute their 21:00 local, not the same UTC time (which would be 22:00 local after the change), so
     * the forecast at 20:45 just after the change still sees the step.
     */
    @ParameterizedTest(name = "at {0}: {1}")
    @CsvSource({
        "2026-03-30T20:45, 50", // the first evening after spring forward: 14 days before it were UTC+1
        "2026-03-30T20:00, 10", // an hour earlier: not yet (with UTC days it would be 50)
        "2026-03-29T20:45, 50", // the DST day itself
        "2026-10-26T20:45, 50", // the first evening after fall back
        "2026-10-26T21:50, 50",
        "2026-10-26T23:30, 10",
    })
    void readsTheSameLocalTimeOfDayAcrossDaylightSavingTime(String now, int expected) {
        Instant at = paris(now);
        Instant from = at.minus(Duration.ofDays(16));
        DemandCurve curve = Curves.of(from, Duration.between(from, at), Curves::eveningStep);

        Forecast forecast = calibrated.forecast(curve, at, HORIZON, List.of());

        assertEquals(expected, floor(forecast));
    }

    @Test
    void forecastsTheNightOfTheDaylightSavingChangesFromTheNightsBefore() {
        // a local night bump from 02:00 to 03:00: on 29 March that hour does not exist, on 25 October it comes twice
        ToDoubleFunction<ZonedDateTime> nightBump = at -> at.getHour() == 2 ? 20 : 5;
        for (String now : List.of("2026-03-29T01:50", "2026-10-25T01:50")) {
            Instant at = paris(now);
            Instant from = at.minus(Duration.ofDays(10));
            DemandCurve curve = Curves.of(from, Duration.between(from, at), nightBump);
            assertEquals(20, floor(calibrated.forecast(curve, at, HORIZON, List.of())), now);
        }
    }

    // --- gaps

    @Test
    void forecastsAcrossAGapOfDaysFromTheDaysAround() {
        DemandCurve before = Curves.of(START, Duration.ofDays(5), Curves::eveningStep);
        DemandCurve after = Curves.of(START.plus(Duration.ofDays(8)), Duration.ofDays(3), Curves::eveningStep);
        DemandCurve curve = concat(before, after);

        Forecast forecast = calibrated.forecast(curve, paris("2026-05-15T20:45"), HORIZON, List.of());

        assertEquals(50, floor(forecast));
    }

    @Test
    void saysWhichSlotLacksDemandWhenGapsLeaveFewerThanTwoSamples() {
        // every day has data but from 20:00 to 22:00, except the last one
        Instant now = paris("2026-05-15T20:45");
        DemandCurve full = Curves.of(START, Duration.between(START, now), Curves::eveningStep);
        List<Long> seconds = new java.util.ArrayList<>();
        List<Double> values = new java.util.ArrayList<>();
        for (int i = 0; i < full.points(); i++) {
            ZonedDateTime at = Instant.ofEpochSecond(full.secondOf(i)).atZone(PARIS);
            boolean hole = at.getHour() >= 20 && at.getHour() < 22 && at.getDayOfMonth() < 14;
            if (!hole) {
                seconds.add(full.secondOf(i));
                values.add(full.demandOf(i));
            }
        }
        DemandCurve curve = DemandCurve.of(
                seconds.stream().mapToLong(Long::longValue).toArray(),
                values.stream().mapToDouble(Double::doubleValue).toArray());

        Forecast forecast = calibrated.forecast(curve, now, HORIZON, List.of());

        assertEquals(
                "gaps in the history: 1 of the last 14 days has demand around 21:00 (Europe/Paris), 2 needed",
                notReady(forecast));
    }

    @Test
    void readsSamplesFurtherApartThanFifteenMinutesAsAGap() {
        DemandCurve sparse = Curves.of(START, Duration.ofDays(10), Duration.ofMinutes(40), Curves::eveningStep, 0, 1);
        assertTrue(notReady(calibrated.forecast(sparse, paris("2026-05-12T20:45"), HORIZON, List.of()))
                .startsWith("gaps in the history: "));
        DemandCurve regular = Curves.of(START, Duration.ofDays(10), Duration.ofMinutes(10), Curves::eveningStep, 0, 1);
        assertEquals(50, floor(calibrated.forecast(regular, paris("2026-05-12T20:45"), HORIZON, List.of())));
    }

    // --- headroom

    /** The daily curve, every other day {@code 1 - spread} and {@code 1 + spread} times as high. */
    private static DemandCurve daysThatDiffer(double spread) {
        return Curves.of(
                START,
                Duration.ofDays(12),
                Duration.ofMinutes(1),
                at -> (Duration.between(START, at.toInstant()).toDays() % 2 == 0 ? 1 - spread : 1 + spread)
                        * Curves.daily(at),
                0.03,
                3);
    }

    /**
     * Days alike: the estimate, the highest demand of a slot, already holds the demand, and the headroom takes some
     * back; the more the days differ, the wider the headroom (the median is the middle of the days; the high days
     * need up to (1 + spread) / (1 - spread) of it, as the median falls on a low or a high day).
     */
    @ParameterizedTest(name = "days differing by {0}: headroom from {1} to {2}")
    @CsvSource({"0, 0.8, 1.0", "0.1, 1.0, 1.35", "0.3, 1.35, 2.0", "0.6, 1.7, 2.0"})
    void calibratesAThinHeadroomWhenDaysAreAlikeAndAWiderOneWhenTheyDiffer(double spread, double low, double high) {
        SeasonalEstimate estimate =
                calibrated.estimate(daysThatDiffer(spread), paris("2026-05-15T12:00"), HORIZON, List.of());
        assertTrue(estimate.calibrated());
        assertTrue(
                estimate.headroom() >= low && estimate.headroom() <= high,
                "headroom " + estimate.headroom() + " outside [" + low + ", " + high + "]");
    }

    @Test
    void boundsTheHeadroomAtTwo() {
        // demand x5 from the ninth day on: the median of the last 14 days is still the old level
        DemandCurve curve = Curves.of(
                START,
                Duration.ofDays(12),
                Duration.ofMinutes(1),
                at -> (Duration.between(START, at.toInstant()).toDays() >= 8 ? 5 : 1) * Curves.daily(at),
                0.03,
                3);
        SeasonalEstimate estimate = calibrated.estimate(curve, paris("2026-05-15T12:00"), HORIZON, List.of());
        assertEquals(SeasonalForecaster.MAX_HEADROOM, estimate.headroom());
    }

    @Test
    void appliesTheAnnotationsHeadroomInsteadOfCalibratingOne() {
        DemandCurve curve = Curves.of(START, Duration.ofDays(12), Duration.ofMinutes(1), Curves::daily, 0.1, 3);
        Instant now = paris("2026-05-15T12:00");
        SeasonalEstimate free = calibrated.estimate(curve, now, HORIZON, List.of());
        SeasonalEstimate fixed =
                new SeasonalForecaster(PARIS, Optional.of(1.5)).estimate(curve, now, HORIZON, List.of());

        assertEquals(free.estimate(), fixed.estimate());
        assertEquals(1.5, fixed.headroom());
        assertEquals(false, fixed.calibrated());
        assertEquals(fixed.estimate() * 1.5, ready(fixed.forecast()).replicas(), 1e-9);
    }

    // --- one-off spikes and events

    /**
     * A one-off x5 spike of 30 minutes in one training week (Wednesday 14:00-14:30) moves next week's forecast at
     * that slot by at most 10 %: it is one sample of several, and the median leaves it out.
     */
    @ParameterizedTest(name = "spike in the week of {0}")
    @CsvSource({"2026-05-13T14:00", "2026-05-20T14:00", "2026-05-27T14:00"})
    void aOneOffSpikeInATrainingWeekMovesNextWeeksForecastByAtMostTenPercent(String spikeAt) {
        Instant spike = paris(spikeAt);
        Instant now = paris("2026-06-03T13:45");
        ToDoubleFunction<ZonedDateTime> plain = SeasonalForecasterTest::saturdayEvenings;
        ToDoubleFunction<ZonedDateTime> spiked = at -> {
            Instant instant = at.toInstant();
            boolean in = !instant.isBefore(spike) && instant.isBefore(spike.plus(Duration.ofMinutes(30)));
            return in ? 5 * plain.applyAsDouble(at) : plain.applyAsDouble(at);
        };
        Duration length = Duration.between(START, now);
        DemandCurve without = Curves.of(START, length, Duration.ofMinutes(1), plain, 0.05, 11);
        DemandCurve with = Curves.of(START, length, Duration.ofMinutes(1), spiked, 0.05, 11);

        double before =
                ready(calibrated.forecast(without, now, HORIZON, List.of())).replicas();
        double after = ready(calibrated.forecast(with, now, HORIZON, List.of())).replicas();

        assertTrue(Math.abs(after - before) / before <= 0.10, "from " + before + " to " + after);
    }

    /**
     * An event (x3 on Saturday 23 May, 19:00-23:30) left out of training: the forecasts of the next week, at every
     * quarter hour, are exactly those without the event, its own evening included.
     */
    @Test
    void anExcludedEventHasNoInfluenceOnAnyForecast() {
        Instant eventStart = paris("2026-05-23T19:00");
        Instant eventEnd = paris("2026-05-23T23:30");
        ToDoubleFunction<ZonedDateTime> plain = Curves::daily;
        ToDoubleFunction<ZonedDateTime> withEvent = at -> {
            Instant instant = at.toInstant();
            boolean in = !instant.isBefore(eventStart) && instant.isBefore(eventEnd);
            return in ? 3 * plain.applyAsDouble(at) : plain.applyAsDouble(at);
        };
        Instant end = paris("2026-06-01T00:00");
        DemandCurve without = Curves.of(START, Duration.between(START, end), Duration.ofMinutes(1), plain, 0.05, 5);
        DemandCurve with = Curves.of(START, Duration.between(START, end), Duration.ofMinutes(1), withEvent, 0.05, 5);
        List<TimeSpan> excluded = List.of(new TimeSpan(eventStart, eventEnd));

        for (Instant now = paris("2026-05-24T00:00"); now.isBefore(end); now = now.plus(Duration.ofMinutes(15))) {
            assertEquals(
                    calibrated.forecast(without, now, HORIZON, excluded),
                    calibrated.forecast(with, now, HORIZON, excluded),
                    "at " + now);
        }
        double saturdayAfter = ready(calibrated.forecast(with, paris("2026-05-30T20:45"), HORIZON, excluded))
                .replicas();
        assertTrue(saturdayAfter < 14, "the event's evening does not come back: " + saturdayAfter);
    }

    // --- bounded work, one reading

    @Test
    void readsNoMoreThanFiveWeeksOfHistory() {
        Instant now = paris("2026-07-01T12:00");
        Instant sixtyDaysBefore = now.minus(Duration.ofDays(60));
        DemandCurve recent =
                Curves.of(sixtyDaysBefore, Duration.ofDays(60), Duration.ofMinutes(1), Curves::daily, 0.05, 9);
        DemandCurve oldDiffers = Curves.of(
                sixtyDaysBefore,
                Duration.ofDays(60),
                Duration.ofMinutes(1),
                at -> at.toInstant().isBefore(now.minus(Duration.ofDays(35))) ? 1000 : Curves.daily(at),
                0.05,
                9);
        assertEquals(
                calibrated.forecast(recent, now, HORIZON, List.of()),
                calibrated.forecast(oldDiffers, now, HORIZON, List.of()));
        assertEquals(
                SeasonalForecaster.MAX_HISTORY,
                calibrated.forecast(recent, now, HORIZON, List.of()).history());
    }

    @Test
    void givesTheSameForecastFromSlotsReadOnceAsFromTheHistoryKnownThen() {
        DemandCurve curve = Curves.of(
                START, Duration.ofDays(30), Duration.ofMinutes(1), SeasonalForecasterTest::saturdayEvenings, 0.05, 2);
        DemandSlots once = DemandSlots.of(curve, curve.first(), curve.last(), List.of());
        for (Instant now = paris("2026-05-20T00:07:30");
                now.isBefore(paris("2026-06-02T00:00"));
                now = now.plus(Duration.ofHours(7))) {
            DemandCurve known = truncated(curve, now);
            assertEquals(
                    calibrated.estimate(known, now, HORIZON, List.of()),
                    calibrated.estimate(once, now, HORIZON),
                    "at " + now);
        }
    }

    private static DemandCurve truncated(DemandCurve curve, Instant now) {
        int last = curve.indexAtOrBefore(now.getEpochSecond());
        long[] seconds = new long[last + 1];
        double[] values = new double[last + 1];
        for (int i = 0; i <= last; i++) {
            seconds[i] = curve.secondOf(i);
            values[i] = curve.demandOf(i);
        }
        return DemandCurve.of(seconds, values);
    }

    private static DemandCurve concat(DemandCurve a, DemandCurve b) {
        long[] seconds = new long[a.points() + b.points()];
        double[] values = new double[seconds.length];
        for (int i = 0; i < a.points(); i++) {
            seconds[i] = a.secondOf(i);
            values[i] = a.demandOf(i);
        }
        for (int i = 0; i < b.points(); i++) {
            seconds[a.points() + i] = b.secondOf(i);
            values[a.points() + i] = b.demandOf(i);
        }
        return DemandCurve.of(seconds, values);
    }
}
