package io.prescaler.forecast;

import io.prescaler.demand.DemandCurve;
import io.prescaler.schedule.Durations;
import io.prescaler.schedule.TimeSpan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The forecast of an HPA's demand from its own history, seasonal and robust.
 *
 * <p>For the instant {@code now + horizon}, each of the last past periods (days for the daily season, up to 14;
 * weeks for the weekly one, up to 5) contributes the highest demand in the slot of &plusmn;10 minutes around the
 * same local time of day or of week ({@link DemandSlots#SLOT_HALF_WIDTH}). The estimate is the median of those
 * samples, not their maximum, so one odd day or week does not come back. It is multiplied by a headroom calibrated
 * from the forecast's own errors on the last week: for each quarter hour of it, the headroom that the floor held
 * then (the estimate from the periods before it, times the headroom, rounded up to whole replicas) would have
 * needed to hold the demand at that instant; each day gives the {@value #QUANTILE_PERCENT}th percentile of its
 * quarter hours, weighted by the demand (the floor would have held that share of the replica-minutes asked; the
 * HPA's own metric covers the rest); the headroom is the median of the days (one odd day does not widen it), bounded
 * to [{@value #MIN_HEADROOM}, {@value #MAX_HEADROOM}]. A smooth service gets a thin
 * margin, a noisy one a wider one; since the estimate is already the highest demand of a slot, the calibration may
 * also take some of that back (down to 0.8). The annotation's headroom replaces the calibrated one.
 *
 * <p>The season is chosen per call by holding the last week out: both seasons estimate the highest demand of the
 * slot at each quarter hour of it from the periods before, and the one with the smaller error (under-estimates
 * count double, as capacity missing is worse than capacity idle) is kept; the daily one on a tie, or while the
 * history is under two weeks. The samples are at least a day old for every horizon up to 6h, so the errors
 * measured are the forecast's at the horizon asked.
 *
 * <p>Cold start is explicit: under two days of history, or fewer than two samples at the slot (gaps, events), the
 * forecast is {@link Forecast.NotReady} and says why. Work per call is bounded: at most {@link #MAX_HISTORY} of
 * history is read, in minutes.
 *
 * <p>The forecast is meant as a floor of whole replicas, rounded up: that is how its headroom is calibrated. Pure:
 * the clock is {@code now}, passed in; the zone says what "the same local time" is.
 */
public final class SeasonalForecaster implements Forecaster {

    /** The history read at most: five weeks. */
    public static final Duration MAX_HISTORY = Duration.ofDays(35);

    public static final double MIN_HEADROOM = 0.8;
    public static final double MAX_HEADROOM = 2.0;

    /** The headroom while fewer than {@link #MIN_ERRORS} of the forecast's own errors are known. */
    public static final double DEFAULT_HEADROOM = 1.25;

    static final int QUANTILE_PERCENT = 90;

    /** The forecast's own errors needed to calibrate the headroom: six hours of quarter hours. */
    static final int MIN_ERRORS = 24;

    /** A day of the held-out week counts towards the headroom with at least this many quarter hours checked. */
    static final int MIN_ERRORS_PER_DAY = 8;

    /** The instants the held-out week is checked at: every quarter hour. */
    static final long CHECK_STEP_MINUTES = 15;

    static final long CHECKED_MINUTES = Duration.ofDays(7).toMinutes();

    /** Below one replica every forecast is as good: errors are measured from one replica up. */
    private static final double ONE_REPLICA = 1;

    private final ZoneId zone;
    private final Optional<Double> fixedHeadroom;

    /**
     * @param zone the zone of "the same local time of day" (the HPA's timezone annotation, else the default zone)
     * @param fixedHeadroom the annotation's headroom; empty to calibrate it
     */
    public SeasonalForecaster(ZoneId zone, Optional<Double> fixedHeadroom) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.fixedHeadroom = Objects.requireNonNull(fixedHeadroom, "fixedHeadroom");
        fixedHeadroom.ifPresent(h -> {
            if (!(h >= 1.0 && h <= 3.0)) {
                throw new IllegalArgumentException("a fixed headroom is from 1 to 3, got " + h);
            }
        });
    }

    /** A forecaster for an HPA's settings: their headroom, if fixed. */
    public static SeasonalForecaster of(ForecastSettings settings, ZoneId zone) {
        return new SeasonalForecaster(zone, settings.headroom());
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public Forecast forecast(DemandCurve history, Instant now, Duration horizon, List<TimeSpan> excluded) {
        return estimate(history, now, horizon, excluded).forecast();
    }

    /** {@link #forecast} with how it was made. Reads at most {@link #MAX_HISTORY} before {@code now}. */
    public SeasonalEstimate estimate(DemandCurve history, Instant now, Duration horizon, List<TimeSpan> excluded) {
        Instant limit = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 60) * 60);
        DemandSlots slots = DemandSlots.of(history, limit.minus(MAX_HISTORY), limit, excluded);
        return estimate(slots, now, horizon);
    }

    /**
     * The forecast at {@code now + horizon} from slots read over a longer span (a backtest reads the curve once):
     * only the minutes before {@code now}'s minute and at most {@link #MAX_HISTORY} before it are read, so the
     * result is the one {@link #estimate(DemandCurve, Instant, Duration, List)} gives with the history known then.
     */
    public SeasonalEstimate estimate(DemandSlots slots, Instant now, Duration horizon) {
        Objects.requireNonNull(now, "now");
        if (horizon.isNegative() || horizon.compareTo(Duration.ofHours(6)) > 0) {
            throw new IllegalArgumentException("a horizon is from 0s to 6h, got " + horizon);
        }
        long limit = Math.floorDiv(now.getEpochSecond(), 60);
        long lowest = limit - MAX_HISTORY.toMinutes();
        long first = Math.max(lowest, Math.max(slots.firstMinute(), slots.firstKnownMinute()));
        Duration history = first >= limit ? Duration.ZERO : Duration.ofMinutes(limit - first);
        if (history.compareTo(Season.DAILY.needed()) < 0) {
            return SeasonalEstimate.notReady(new Forecast.NotReady(
                    Durations.format(history) + " of history, 2 days needed for the daily season", history));
        }
        Run run = new Run(slots, LocalMinutes.of(zone, lowest, limit + horizon.toMinutes() + 1), lowest, limit);
        long target = Math.floorDiv(now.plus(horizon).getEpochSecond(), 60);
        Season season = history.compareTo(Season.WEEKLY.needed()) >= 0 ? run.betterSeason() : Season.DAILY;
        double[] samples = run.samples(season, target);
        if (samples.length < 2 && season == Season.WEEKLY) {
            season = Season.DAILY;
            samples = run.samples(season, target);
        }
        if (samples.length < 2) {
            LocalTime at = LocalTime.ofInstant(Instant.ofEpochSecond(target * 60), zone);
            return SeasonalEstimate.notReady(new Forecast.NotReady(
                    "gaps in the history: " + samples.length + " of the last " + season.periods() + " " + season.unit()
                            + " " + (samples.length == 1 ? "has" : "have") + " demand around " + at + " ("
                            + zone.getId() + "), 2 needed",
                    history));
        }
        double estimate = median(samples);
        double headroom;
        boolean calibrated = false;
        if (fixedHeadroom.isPresent()) {
            headroom = fixedHeadroom.get();
        } else {
            Optional<Double> measured = run.calibratedHeadroom(season);
            calibrated = measured.isPresent();
            headroom = measured.orElse(DEFAULT_HEADROOM);
        }
        return new SeasonalEstimate(
                new Forecast.Ready(estimate * headroom, history), Optional.of(season), estimate, headroom, calibrated);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The smallest value whose weight, with the weights of the values below it, reaches {@code percent} % of the
     * total: with demand as the weight, a headroom that would have held that share of the replica-minutes asked.
     */
    static double weightedPercentile(double[] values, double[] weights, int percent) {
        Integer[] order = new Integer[values.length];
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            order[i] = i;
            total += weights[i];
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double wanted = total * percent / 100.0;
        double sum = 0;
        for (Integer i : order) {
            sum += weights[i];
            if (sum >= wanted - 1e-9) {
                return values[i];
            }
        }
        return values[order[order.length - 1]];
    }

    /** One call's reading of the slots: what is known before {@code limit}, from {@code lowest} on. */
    private record Run(DemandSlots slots, LocalMinutes clock, long lowest, long limit) {

        /** The highest demand around the same local time in each past period, most recent first, known ones only. */
        double[] samples(Season season, long centre) {
            double[] found = new double[season.periods()];
            int count = 0;
            for (int k = 1; k <= season.periods(); k++) {
                long past = clock.earlier(centre, k * season.periodMinutes());
                if (past - DemandSlots.HALF < lowest) {
                    break;
                }
                double value = slots.slot(past, lowest, limit);
                if (!Double.isNaN(value)) {
                    found[count++] = value;
                }
            }
            return Arrays.copyOf(found, count);
        }

        /** The instants of the held-out week whose whole slot is known by now, latest first. */
        long[] checkedInstants() {
            long last = limit - DemandSlots.HALF;
            int n = (int) (CHECKED_MINUTES / CHECK_STEP_MINUTES);
            long[] instants = new long[n];
            for (int i = 0; i < n; i++) {
                instants[i] = last - i * CHECK_STEP_MINUTES;
            }
            return instants;
        }

        /** Daily or weekly, by their errors on the held-out week. */
        Season betterSeason() {
            double daily = 0;
            double weekly = 0;
            int compared = 0;
            for (long at : checkedInstants()) {
                double actual = slots.slot(at, lowest, limit);
                if (Double.isNaN(actual)) {
                    continue;
                }
                double[] days = samples(Season.DAILY, at);
                double[] weeks = samples(Season.WEEKLY, at);
                if (days.length == 0 || weeks.length == 0) {
                    continue;
                }
                daily += error(actual, median(days));
                weekly += error(actual, median(weeks));
                compared++;
            }
            return compared > 0 && weekly < daily ? Season.WEEKLY : Season.DAILY;
        }

        /** The percentile of actual / forecast over the held-out week, bounded; empty with too few of them. */
        Optional<Double> calibratedHeadroom(Season season) {
            long[] instants = checkedInstants();
            int perDay = (int) (Duration.ofDays(1).toMinutes() / CHECK_STEP_MINUTES);
            double[] needed = new double[instants.length];
            double[] weights = new double[instants.length];
            int[] day = new int[instants.length];
            int count = 0;
            for (int i = 0; i < instants.length; i++) {
                long at = instants[i];
                double actual = slots.minute(at);
                if (Double.isNaN(actual)) {
                    continue;
                }
                double[] past = samples(season, at);
                if (past.length < 2) {
                    continue;
                }
                needed[count] = neededHeadroom(actual, median(past));
                weights[count] = Math.max(actual, ONE_REPLICA);
                day[count] = i / perDay;
                count++;
            }
            if (count < MIN_ERRORS) {
                return Optional.empty();
            }
            // each day of the held-out week gives its percentile; their median, so that one odd day (a one-off
            // event nobody left out) does not widen the next week's headroom, as it does not move the estimate
            List<Double> daily = new ArrayList<>();
            int first = 0;
            for (int i = 1; i <= count; i++) {
                if (i == count || day[i] != day[first]) {
                    if (i - first >= MIN_ERRORS_PER_DAY) {
                        daily.add(weightedPercentile(
                                Arrays.copyOfRange(needed, first, i),
                                Arrays.copyOfRange(weights, first, i),
                                QUANTILE_PERCENT));
                    }
                    first = i;
                }
            }
            if (daily.isEmpty()) {
                return Optional.empty();
            }
            double quantile =
                    median(daily.stream().mapToDouble(Double::doubleValue).toArray());
            return Optional.of(Math.max(MIN_HEADROOM, Math.min(MAX_HEADROOM, quantile)));
        }

        /**
         * The smallest headroom whose floor, in whole replicas (rounded up), would have held the demand at the
         * instant: ceil(estimate x headroom) >= actual, that is estimate x headroom > ceil(actual) - 1.
         */
        private static double neededHeadroom(double actual, double estimate) {
            double replicasBelow = Math.max(0, Math.ceil(actual - 1e-9) - 1);
            return (replicasBelow + 1e-6) / Math.max(estimate, ONE_REPLICA);
        }

        /** Under-forecasts count double: capacity missing costs more than capacity idle. */
        private static double error(double actual, double forecast) {
            double a = Math.max(actual, ONE_REPLICA);
            double f = Math.max(forecast, ONE_REPLICA);
            return a > f ? 2 * (a - f) : f - a;
        }
    }
}
