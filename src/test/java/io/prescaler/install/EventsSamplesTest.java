package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.prescaler.input.EventsYaml;
import io.prescaler.schedule.ParsedEvents;
import io.prescaler.schedule.SpecialEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Installing switches on no event, and the repository has one events sample, examples/events.yaml: the copies that
 * other places need (a ConfigMap, an overlay's generator file, the commented examples of the install) stay identical.
 */
class EventsSamplesTest {

    private static final String KEY = "events.yaml";

    @ParameterizedTest
    @EnumSource(value = InstallVariant.class, mode = EnumSource.Mode.EXCLUDE, names = "EXAMPLE_OVERLAY")
    void theInstallShipsNoActiveEvent(InstallVariant variant) {
        String events = RenderedInstall.of(variant)
                .configMap("prescaling-events")
                .orElseThrow()
                .getData()
                .get(KEY);

        ParsedEvents parsed = EventsYaml.read(events, ZoneOffset.UTC);

        assertEquals(List.of(), parsed.problems());
        assertEquals(List.of(), names(parsed));
    }

    @Test
    void theInstallsCommentedExamplesAreExamplesEventsVerbatim() throws IOException {
        String events = RenderedInstall.of(InstallVariant.DEFAULT)
                .configMap("prescaling-events")
                .orElseThrow()
                .getData()
                .get(KEY);
        String marker = "examples/events.yaml:\n#\n";

        String commented = events.substring(events.indexOf(marker) + marker.length(), events.lastIndexOf("[]"));
        String uncommented = commented
                .lines()
                .map(line -> line.replaceFirst("^# ?", ""))
                .collect(Collectors.joining("\n", "", "\n"));

        assertEquals(sample(), uncommented);
    }

    @Test
    void theCronJobsSampleConfigMapHoldsExamplesEvents() throws IOException {
        ConfigMap configMap = StrictManifestReader.typed(
                StrictManifestReader.documents(
                                Files.readString(Repository.ROOT.resolve("cronjob/prescaling-events-configmap.yaml")))
                        .get(0),
                ConfigMap.class);

        assertEquals("prescaling-events", configMap.getMetadata().getName());
        assertEquals(sample(), configMap.getData().get(KEY));
    }

    /** kustomize reads a generator's files from inside the overlay only, so the example overlay holds a copy. */
    @Test
    void theExampleOverlayInstallsExamplesEvents() throws IOException {
        assertEquals(sample(), Files.readString(Repository.ROOT.resolve("examples/install/events.yaml")));
        assertEquals(
                sample(),
                RenderedInstall.of(InstallVariant.EXAMPLE_OVERLAY)
                        .configMap("prescaling-events")
                        .orElseThrow()
                        .getData()
                        .get(KEY));
    }

    @Test
    void theSampleIsValidAndShowsAOneOffAndARecurringEvent() throws IOException {
        ParsedEvents parsed = EventsYaml.read(sample(), ZoneOffset.UTC);

        assertEquals(List.of(), parsed.problems());
        assertEquals(List.of("champions-league-final", "saturday-evening"), names(parsed));
    }

    private static String sample() throws IOException {
        return Files.readString(Repository.ROOT.resolve("examples/events.yaml"));
    }

    private static List<String> names(ParsedEvents parsed) {
        return parsed.calendar().events().stream().map(SpecialEvent::name).toList();
    }
}
