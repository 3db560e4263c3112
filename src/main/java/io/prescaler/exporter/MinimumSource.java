package io.prescaler.exporter;

import io.prescaler.schedule.EffectiveMinimum;
import java.util.Optional;

/**
 * What sets an HPA's effective minimum now, as {@code prescaling_min_source} names it: an event whose multiplier
 * applies sets it (open window or not, {@link EffectiveMinimum}), else the open daily window; nothing when no
 * replicas are asked. Every change of the minimum can then be told apart from the series alone.
 */
enum MinimumSource {
    WINDOW("window"),
    EVENT("event");

    private final String label;

    MinimumSource(String label) {
        this.label = label;
    }

    /** The value of the {@code source} label. */
    String label() {
        return label;
    }

    static Optional<MinimumSource> of(EffectiveMinimum minimum) {
        if (!minimum.asksForReplicas()) {
            return Optional.empty();
        }
        return Optional.of(minimum.event().isPresent() ? EVENT : WINDOW);
    }
}
