package io.prescaler.schedule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The multiplier {@code events apply} wrote on an HPA. It stops applying at {@code end} even if no job ever
 * removes it, so a multiplier can never outlive its event.
 */
public record EventMultiplier(BigDecimal factor, String name, Optional<Instant> end) {

    public EventMultiplier {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(end, "end");
        if (!Multipliers.isWithinBounds(factor)) {
            throw new IllegalArgumentException(Multipliers.FORM + ", not " + QuotedValue.of(factor.toString()));
        }
        name = name == null ? "" : name;
    }

    public boolean appliesAt(Instant instant) {
        return end.map(instant::isBefore).orElse(true);
    }
}
