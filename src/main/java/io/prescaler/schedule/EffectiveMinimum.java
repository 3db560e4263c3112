package io.prescaler.schedule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The minimum the HPA should hold at an instant. While an event's multiplier applies: ceil(min x multiplier),
 * open window or not; otherwise, while the window is open: min; otherwise 0 (nothing asked). Floors computed from
 * demand (the forecast, the spike guard) raise it with {@link #raisedBy}: the minimum is the highest floor asked.
 * Always capped at {@code maxReplicas}.
 *
 * @param replicas the minimum to hold now, 0 when nothing is asked
 * @param configured the minimum the annotations ask for in the window
 * @param windowOpen whether the daily window is open
 * @param event the event whose multiplier applies now, if any
 * @param capped whether maxReplicas cut the minimum
 * @param source what sets the minimum now; empty when nothing is asked
 */
public record EffectiveMinimum(
        int replicas,
        int configured,
        boolean windowOpen,
        Optional<EventMultiplier> event,
        boolean capped,
        Optional<MinimumSource> source) {

    public static final EffectiveMinimum NONE =
            new EffectiveMinimum(0, 0, false, Optional.empty(), false, Optional.empty());

    public EffectiveMinimum {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(source, "source");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0");
        }
        if (source.isPresent() != (replicas > 0)) {
            throw new IllegalArgumentException("a minimum names its source exactly when it asks for replicas");
        }
    }

    /** The window or event minimum without a source given: the window's or the event's, when replicas are asked. */
    public EffectiveMinimum(
            int replicas, int configured, boolean windowOpen, Optional<EventMultiplier> event, boolean capped) {
        this(
                replicas,
                configured,
                windowOpen,
                event,
                capped,
                replicas == 0
                        ? Optional.empty()
                        : Optional.of(event.isPresent() ? MinimumSource.EVENT : MinimumSource.WINDOW));
    }

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

    /**
     * This minimum raised by a floor computed elsewhere (the forecast, the spike guard): the higher of the two,
     * capped at {@code maxReplicas}, naming {@code floorSource} when the floor is strictly higher. The window, the
     * event and the multiplier stay as they are, so the series still say what the schedule asks.
     *
     * @param floorReplicas the floor's replicas; 0 or less asks for nothing
     * @param maxReplicas the HPA's maximum; below 1 means no cap
     */
    public EffectiveMinimum raisedBy(MinimumSource floorSource, int floorReplicas, int maxReplicas) {
        Objects.requireNonNull(floorSource, "floorSource");
        long cap = maxReplicas >= 1 ? maxReplicas : Integer.MAX_VALUE;
        int floor = (int) Math.min(Math.max(0, floorReplicas), cap);
        if (floor <= replicas) {
            return this;
        }
        return new EffectiveMinimum(
                floor, configured, windowOpen, event, floorReplicas > cap, Optional.of(floorSource));
    }

    public boolean asksForReplicas() {
        return replicas > 0;
    }

    public BigDecimal multiplier() {
        return event.map(EventMultiplier::factor).orElse(BigDecimal.ONE);
    }
}
