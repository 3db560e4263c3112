package io.prescaler.kube;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.prescaler.schedule.EventCalendar;
import io.prescaler.schedule.EventProblem;
import io.prescaler.schedule.EventsParser;
import io.prescaler.schedule.ParsedEvents;
import java.time.ZoneId;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the events file (the {@code events.yaml} key of the events ConfigMap, or a file given to {@code plan}): YAML
 * into plain maps and lists, then {@link EventsParser} validates. Shared by {@code events apply} and {@code plan} so
 * that both report the same problems.
 */
public final class EventsYaml {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EventsYaml() {}

    public static ParsedEvents read(String text, ZoneId defaultZone) {
        if (text == null || text.isBlank()) {
            return new ParsedEvents(EventCalendar.EMPTY, List.of());
        }
        Object tree;
        try {
            tree = YAML.readValue(text, Object.class);
        } catch (JacksonException e) {
            String location = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            return new ParsedEvents(
                    EventCalendar.EMPTY,
                    List.of(EventProblem.ofFile(null, "is not valid YAML" + location + ": " + problem(e))));
        }
        return new EventsParser(defaultZone).parse(tree);
    }

    /** SnakeYAML's messages span several lines and quote the input; logs and Kubernetes Events want one line. */
    private static String problem(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException marked) {
            return marked.getContext() == null ? marked.getProblem() : marked.getContext() + ", " + marked.getProblem();
        }
        String message = e.getOriginalMessage();
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
