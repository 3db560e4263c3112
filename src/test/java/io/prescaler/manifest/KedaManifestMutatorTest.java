package io.prescaler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.input.InputText;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.webhook.AdmissionReviewer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mutate} on KEDA ScaledObjects: the webhook's trigger decision, written into the manifest's own text. */
class KedaManifestMutatorTest {

    private static final Path DIR = Path.of("src/test/resources/io/prescaler/manifest/keda");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-27T10:00:00Z"), PARIS);

    private static ManifestMutator.Result mutate(String fixture, boolean asFunction) throws IOException {
        AnnotationParser parser = new AnnotationParser(AnnotationKeys.DEFAULT, PARIS);
        return new ManifestMutator(new AdmissionReviewer(parser, MetricEncoding.DIRECT, CLOCK), AnnotationKeys.DEFAULT)
                .mutate(new InputText(fixture, Files.readString(DIR.resolve(fixture))), asFunction);
    }

    @Test
    void addsAndRemovesTheTriggerKeepingEveryOtherLineAndComment() throws IOException {
        ManifestMutator.Result result = mutate("scaledobject-commented.yaml", false);
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(), result.warnings(), "no note on annotations a ScaledObject carries");
        assertEquals(Files.readString(DIR.resolve("scaledobject-commented.mutated.yaml")), result.output());
    }

    @Test
    void leavesAMutatedManifestAsItIs() throws IOException {
        ManifestMutator.Result again = mutate("scaledobject-commented.mutated.yaml", false);
        assertEquals(List.of(), again.errors());
        assertEquals(Files.readString(DIR.resolve("scaledobject-commented.mutated.yaml")), again.output());
    }

    @Test
    void failsOnBadAnnotationsWithTheWebhooksMessage() throws IOException {
        ManifestMutator.Result result = mutate("scaledobject-invalid.yaml", false);
        assertEquals(1, result.errors().size());
        String error = result.errors().get(0);
        assertTrue(error.startsWith("scaledobject-invalid.yaml: document 1: invalid prescaling annotations: "), error);
        assertTrue(error.contains("annotations.scaling.exporter.time.end: missing"), error);
        assertTrue(error.contains("annotations.scaling.exporter.replica.min: \"0\""), error);
    }
}
