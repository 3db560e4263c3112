package io.prescaler.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The day [from, to) across the plot's width; ticks at local wall-clock hours, so DST days keep true labels. */
record TimeAxis(LocalDate date, ZoneId zone, Instant from, Instant to, double left, double width) {

    static final int TICK_HOURS = 3;

    /** A tick: an instant of the day and its wall-clock label. */
    record Tick(Instant at, String label) {}

    static TimeAxis of(DayPlan plan, ChartBox plot) {
        return new TimeAxis(plan.date(), plan.zone(), plan.from(), plan.to(), plot.x(), plot.width());
    }

    double x(Instant at) {
        double seconds = Duration.between(from, to).toSeconds();
        return left + width * Duration.between(from, at).toSeconds() / seconds;
    }

    List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        for (int hour = 0; hour < 24; hour += TICK_HOURS) {
            Instant at = date.atTime(hour, 0).atZone(zone).toInstant();
            ticks.add(new Tick(at, String.format(Locale.ROOT, "%02d:00", hour)));
        }
        ticks.add(new Tick(to, "24:00"));
        return ticks;
    }
}
