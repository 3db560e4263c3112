package io.prescaler.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookBenchTest {

    private static WebhookBench sending(String review) {
        return new WebhookBench(
                Path.of(review), List.of(1), Duration.ofSeconds(1), Duration.ZERO, 10, Duration.ofSeconds(1));
    }

    @Test
    void refusesToMeasureAReviewTheWebhookDenies() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> sending("webhook/samples/invalid-annotations.json")
                        .run());
        assertTrue(e.getMessage().startsWith("the AdmissionReview should be allowed with a patch"), e.getMessage());
    }

    @Test
    void namesAMissingAdmissionReview() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> sending("webhook/samples/missing.json")
                        .run());
        assertTrue(e.getMessage().startsWith("--admission-review webhook/samples/missing.json does not exist"));
    }
}
