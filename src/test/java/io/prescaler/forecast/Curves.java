package io.prescaler.forecast;

import io.prescaler.demand.DemandCurve;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Demand curves for the forecast's tests: a function of the local time, sampled every minute, with seeded noise. */
final class Curves {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Curves() {}

    static DemandCurve of(Instant from, Duration length, ToDoubleFunction<ZonedDateTime> demand) {
        return of(from, length, Duration.ofMinutes(1), demand, 0, 1);
    }

    /**
     * @param noise the standard deviation of a multiplicative Gaussian noise (0.05: 5 %)
     */
    static DemandCurve of(
            Instant from,
            Duration length,
            Duration step,
            ToDoubleFunction<ZonedDateTime> demand,
            double noise,
            long seed) {
        int n = (int) (length.toSeconds() / step.toSeconds());
        long[] seconds = new long[n];
        double[] values = new double[n];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            Instant at = from.plus(step.multipliedBy(i));
            seconds[i] = at.getEpochSecond();
            double value = demand.applyAsDouble(at.atZone(PARIS));
            values[i] = Math.max(0, value * (1 + noise * random.nextGaussian()));
        }
        return DemandCurve.of(seconds, values);
    }

    /** 3 replicas at night, 8 by day, 12 around 21:00, local time. */
    static double daily(ZonedDateTime at) {
        double hours = at.getHour() + at.getMinute() / 60.0;
        double day = 5.5 - 2.5 * Math.cos((hours - 4) / 24 * 2 * Math.PI);
        double evening = 4 * Math.exp(-Math.pow((hours - 21) / 1.5, 2));
        return day + evening;
    }

    /** 10 replicas, 50 from 21:00 to 23:00 local time. */
    static double eveningStep(ZonedDateTime at) {
        return at.getHour() >= 21 && at.getHour() < 23 ? 50 : 10;
    }
}
