package io.prescaler.plan;

import io.prescaler.schedule.EventOccurrence;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A day's plan: every prescaled HPA, the event occurrences active at some point of the day, and what the HPA model
 * assumed about the cluster; and one line per event or HPA that could not be planned (left out, the others planned).
 */
public record DayPlan(
        LocalDate date,
        ZoneId zone,
        Instant from,
        Instant to,
        Duration step,
        PlanAssumptions assumptions,
        List<EventOccurrence> occurrences,
        List<HpaPlan> hpas,
        List<String> failures) {

    public DayPlan {
        occurrences = List.copyOf(occurrences);
        hpas = List.copyOf(hpas);
        failures = List.copyOf(failures);
    }
}
