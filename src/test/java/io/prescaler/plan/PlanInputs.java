package io.prescaler.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.prescaler.input.EventsYaml;
import io.prescaler.kube.HpaBehaviors;
import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.EventCalendar;
import io.prescaler.schedule.ParsedEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A day's plan built straight from manifest and events files (the examples, the fixtures), without the command
 * line: each HPA's facts, its valid prescaling spec, spec.minReplicas and spec.behavior, as {@code plan} reads them.
 */
final class PlanInputs {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String FIXTURES = "src/test/resources/io/prescaler/plan/";
    static final List<String> EXAMPLES = List.of(
            "examples/hpa-backoffice-weekdays.yaml",
            "examples/hpa-replay-api-night.yaml",
            "examples/hpa-service-6play-images.yaml");

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private PlanInputs() {}

    /** One planned HPA per file: each file holds one valid, prescaled autoscaling/v2 HPA. */
    static List<DayPlanner.Planned> planned(List<String> files) {
        AnnotationParser parser = new AnnotationParser(AnnotationKeys.DEFAULT, PARIS);
        List<DayPlanner.Planned> planned = new ArrayList<>();
        for (String file : files) {
            HorizontalPodAutoscaler hpa = KUBERNETES.unmarshal(read(file), HorizontalPodAutoscaler.class);
            HpaFacts facts = HpaFacts.of(hpa);
            AnnotationReading reading = parser.read(DayPlanner.withoutEventKeys(facts.annotations(), parser.keys()));
            Integer min = hpa.getSpec().getMinReplicas();
            planned.add(new DayPlanner.Planned(
                    facts, ((AnnotationReading.Valid) reading).spec(), min == null ? 1 : min, HpaBehaviors.read(hpa)));
        }
        return planned;
    }

    /** The calendar of a valid events file; none for null. */
    static EventCalendar calendar(String eventsFile) {
        if (eventsFile == null) {
            return EventCalendar.EMPTY;
        }
        ParsedEvents parsed = EventsYaml.read(read(eventsFile), PARIS);
        assertEquals(List.of(), parsed.problems(), eventsFile);
        return parsed.calendar();
    }

    static DayPlan plan(
            String date, Duration step, PlanAssumptions assumptions, String eventsFile, List<String> files) {
        return new DayPlanner(calendar(eventsFile), assumptions)
                .plan(LocalDate.parse(date), PARIS, step, planned(files));
    }

    /** With the command's defaults: a 5-minute step, Kubernetes 1.33, a 30 s pipeline delay. */
    static DayPlan plan(String date, String eventsFile, List<String> files) {
        return plan(date, Duration.ofMinutes(5), PlanAssumptions.defaults(), eventsFile, files);
    }

    static HpaPlan hpa(DayPlan plan, String key) {
        return plan.hpas().stream()
                .filter(h -> h.hpa().key().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no plan for " + key));
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
