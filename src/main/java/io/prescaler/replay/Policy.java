package io.prescaler.replay;

import java.util.Locale;

/** What sets the HPA's floor in a replay. */
public enum Policy {
    /** The HPA alone: its own metric carries the demand, its minReplicas is the floor. */
    REACTIVE,
    /** The HPA plus Prescaler's schedule: the prescaling annotations and the events file raise the floor. */
    SCHEDULE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
