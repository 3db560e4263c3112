package io.prescaler.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.prescaler.schedule.AnnotationKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HpaManifestsTest {

    private static HpaManifests.Reading read(String fixture) throws IOException {
        Path file = Path.of("src/test/resources/io/prescaler/input", fixture);
        return HpaManifests.read(new InputText(fixture, Files.readString(file)), AnnotationKeys.DEFAULT);
    }

    @Test
    void readsTheGoodHpasOfAList_andNamesEachBadItem() throws IOException {
        HpaManifests.Reading reading = read("hpa-list.yaml");

        assertEquals(
                List.of("shop/web"),
                reading.hpas().stream()
                        .map(HorizontalPodAutoscaler::getMetadata)
                        .map(m -> m.getNamespace() + "/" + m.getName())
                        .toList());
        assertEquals(
                List.of(
                        "hpa-list.yaml: document 1: item 2 (HorizontalPodAutoscaler shop/old): HorizontalPodAutoscaler"
                                + " shop/old is autoscaling/v1, which cannot carry the External metric prescaling"
                                + " adds: convert it to autoscaling/v2 (spec.targetCPUUtilizationPercentage becomes a"
                                + " Resource metric in spec.metrics)",
                        "hpa-list.yaml: document 1: item 3 (HorizontalPodAutoscaler shop/typo): line 16, column 92:"
                                + " spec.maxReplicas: expected a whole number, got \"4\" (a string): remove the"
                                + " quotes"),
                reading.errors());
        assertEquals(
                List.of("hpa-list.yaml: document 1: item 4 (Deployment shop/web): Deployment shop/web carries"
                        + " prescaling annotations (annotations.scaling.exporter.time.start), which only a"
                        + " HorizontalPodAutoscaler reads: move them to the HPA's metadata.annotations"),
                reading.notes());
    }

    @Test
    void readsJson() throws IOException {
        assertEquals(1, read("hpas.json").hpas().size());
    }
}
