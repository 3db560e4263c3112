package io.prescaler.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prescaler.schedule.EventCalendar;
import io.prescaler.schedule.EventProblem;
import io.prescaler.schedule.EventsParser;
import io.prescaler.schedule.ParsedEvents;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads the events file (the {@code events.yaml} key of the events ConfigMap, or a file given to {@code plan})
 * through the same {@link YamlReader} as manifests, into plain maps and lists, then {@link EventsParser} validates.
 * Shared by {@code events apply} and {@code plan} so that both report the same problems. A file that is not YAML
 * is one problem about the file, not an exception: {@code events apply} still reports it as a Kubernetes Event.
 */
public final class EventsYaml {

    /** Decimals kept exact: a multiplier of 1.1 must stay 1.1. */
    private static final ObjectMapper PLAIN =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private EventsYaml() {}

    public static ParsedEvents read(String text, ZoneId defaultZone) {
        if (text == null || text.isBlank()) {
            return new ParsedEvents(EventCalendar.EMPTY, List.of());
        }
        YamlReader.Reading reading = YamlReader.read(text);
        if (reading.problem() != null) {
            return unreadable("is not valid YAML at " + reading.problem().at());
        }
        if (reading.documents().size() > 1) {
            return unreadable("holds " + reading.documents().size() + " YAML documents (---); the events file is one"
                    + " list of events");
        }
        if (reading.documents().isEmpty()) {
            return new ParsedEvents(EventCalendar.EMPTY, List.of());
        }
        Object tree;
        try {
            tree = PLAIN.treeToValue(reading.documents().get(0).tree(), Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always plain values", e);
        }
        return new EventsParser(defaultZone).parse(tree);
    }

    private static ParsedEvents unreadable(String why) {
        return new ParsedEvents(EventCalendar.EMPTY, List.of(EventProblem.ofFile(null, why)));
    }
}
