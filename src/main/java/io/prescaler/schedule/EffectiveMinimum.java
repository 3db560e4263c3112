package io.prescaler.schedule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

/**
 * The minimum the HPA should hold at an instant. While an event's multiplier applies: ceil(min x multiplier),
 * open window or not; otherwise, while the window is open: min; otherwise 0 (nothing asked). Always capped at
 * {@code maxReplicas}.
 *
 * @param replicas the minimum to hold now, 0 when nothing is asked
 * @param configured the minimum the annotations ask for in the window
 * @param windowOpen whether the daily window is open
 * @param event the event whose multiplier applies now, if any
 * @param capped whether maxReplicas cut the minimum
 */
public record EffectiveMinimum(
        int replicas, int configured, boolean windowOpen, Optional<EventMultiplier> event, boolean capped) {

    public static final EffectiveMinimum NONE = new EffectiveMinimum(0, 0, false, Optional.empty(), false);

    public static EffectiveMinimum of(PrescalingSpec spec, int maxReplicas, Instant now) {
        boolean open = spec.window().isOpenAt(now);
        Optional<EventMultiplier> event = spec.event().filter(e -> e.appliesAt(now));
        long wanted;
        if (event.isPresent()) {
            wanted = BigDecimal.valueOf(spec.minReplicas())
                    .multiply(event.get().factor())
                    .setScale(0, RoundingMode.CEILING)
                    .longValueExact();
        } else if (open) {
            wanted = spec.minReplicas();
        } else {
            wanted = 0;
        }
        long cap = maxReplicas >= 1 ? maxReplicas : Integer.MAX_VALUE;
        boolean capped = wanted > cap;
        int replicas = (int) Math.min(wanted, cap);
        return new EffectiveMinimum(replicas, spec.minReplicas(), open, event, capped);
    }

    public boolean asksForReplicas() {
        return replicas > 0;
    }

    public BigDecimal multiplier() {
        return event.map(EventMultiplier::factor).orElse(BigDecimal.ONE);
    }
}
