package io.prescaler.replay;

import io.prescaler.demand.DemandCurve;
import io.prescaler.forecast.DemandSlots;
import io.prescaler.schedule.MinimumSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The naive baseline the forecast must beat, as Grafana Mimir's autoscaling uses it: at each minute, the highest
 * demand of the next 30 minutes one week (7 x 24 hours) earlier, rounded up to whole replicas. It replays last
 * week's one-off spikes and events, and has no floor where last week has no demand (a gap, or the first week).
 * Named {@code forecast} in {@code prescaling_min_source}: it is a forecast, the simplest one.
 */
public final class LastWeekFloor implements DemandFloor {

    public static final Duration WEEK = Duration.ofDays(7);
    public static final Duration WINDOW = Duration.ofMinutes(30);

    private final long fromMinute;
    private final int[] replicas;

    private LastWeekFloor(long fromMinute, int[] replicas) {
        this.fromMinute = fromMinute;
        this.replicas = replicas;
    }

    public static LastWeekFloor of(DemandCurve demand, Instant from, Instant to) {
        Instant read = from.minus(WEEK);
        DemandSlots slots =
                DemandSlots.of(demand, read.isBefore(demand.first()) ? demand.first() : read, to, List.of());
        long fromMinute = Math.floorDiv(from.getEpochSecond(), 60);
        long toMinute = Math.floorDiv(to.getEpochSecond() + 59, 60);
        int[] replicas = new int[(int) Math.max(1, toMinute - fromMinute)];
        long weekMinutes = WEEK.toMinutes();
        for (int i = 0; i < replicas.length; i++) {
            long minute = fromMinute + i;
            Instant start = Instant.ofEpochSecond((minute - weekMinutes) * 60);
            double max = slots.highestBetween(start, start.plus(WINDOW), Instant.ofEpochSecond(minute * 60));
            replicas[i] = Double.isNaN(max) ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.ceil(max - 1e-9));
        }
        return new LastWeekFloor(fromMinute, replicas);
    }

    @Override
    public MinimumSource source() {
        return MinimumSource.FORECAST;
    }

    @Override
    public int replicasAt(Instant at) {
        long index = Math.floorDiv(at.getEpochSecond(), 60) - fromMinute;
        return replicas[(int) Math.max(0, Math.min(replicas.length - 1, index))];
    }
}
