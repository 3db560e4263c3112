package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.EventMultiplier;
import io.prescaler.schedule.MinimumSource;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinimumSourceTest {

    /**
     * The effective minimum (replicas, whether the window is open, the event's multiplier, if any) against the
     * current replicas: the source named and the shortfall.
     */
    @ParameterizedTest(name = "minimum {0}, window open {1}, multiplier {2}, current {3}: source {4}, shortfall {5}")
    @CsvSource(
            nullValues = "-",
            value = {
                // nothing asked: no source, never short
                "0,  false, -,   0,  -,      0",
                "0,  false, -,   7,  -,      0",
                // the window alone
                "10, true,  -,   4,  window, 6",
                "10, true,  -,   10, window, 0",
                "10, true,  -,   14, window, 0",
                // an event's multiplier sets it, in the window or outside it
                "30, true,  3,   5,  event,  25",
                "30, false, 3,   5,  event,  25",
                "15, false, 1.5, 20, event,  0",
            })
    void namesTheSourceAndTheShortfall(
            int replicas, boolean windowOpen, BigDecimal multiplier, int current, String source, int shortfall) {
        Optional<EventMultiplier> event =
                Optional.ofNullable(multiplier).map(m -> new EventMultiplier(m, "final", Optional.empty()));
        EffectiveMinimum minimum = new EffectiveMinimum(replicas, 10, windowOpen, event, false);

        assertEquals(Optional.ofNullable(source), minimum.source().map(MinimumSource::label));
        assertEquals(shortfall, PrescalingCollector.shortfall(minimum, current));
    }
}
