package io.prescaler.exporter;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.prescaler.cluster.ClusterReader;
import io.prescaler.cluster.ConfigMapRef;
import io.prescaler.input.EventsYaml;
import io.prescaler.schedule.EventCalendar;
import io.prescaler.schedule.ParsedEvents;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events calendar the forecast leaves out of learning, read from the events ConfigMap {@code events apply}
 * reads, at the start of each refresh round (parsed again only when the ConfigMap changed). When it cannot be read,
 * the last calendar read stays in use; the problem is logged once per change.
 */
public final class EventsConfigMapCalendar implements Supplier<EventCalendar> {

    private static final Logger LOG = LoggerFactory.getLogger(EventsConfigMapCalendar.class);

    private final ClusterReader reader;
    private final ConfigMapRef ref;
    private final String key;
    private final ZoneId zone;
    private String readVersion;
    private EventCalendar calendar = EventCalendar.EMPTY;
    private final AtomicReference<String> lastLogged = new AtomicReference<>();

    public EventsConfigMapCalendar(ClusterReader reader, ConfigMapRef ref, String key, ZoneId zone) {
        this.reader = reader;
        this.ref = ref;
        this.key = key;
        this.zone = zone;
    }

    @Override
    public synchronized EventCalendar get() {
        Optional<ConfigMap> read;
        try {
            read = reader.configMap(ref);
        } catch (RuntimeException e) {
            logOnce("the events ConfigMap " + ref + " cannot be read (" + e.getMessage() + "); the forecast keeps"
                    + " leaving out the events last read");
            return calendar;
        }
        if (read.isEmpty()) {
            logOnce("there is no events ConfigMap " + ref + ": no event span is left out of the forecast's learning");
            calendar = EventCalendar.EMPTY;
            readVersion = null;
            return calendar;
        }
        ConfigMap configMap = read.get();
        String version =
                configMap.getMetadata() == null ? null : configMap.getMetadata().getResourceVersion();
        if (version != null && Objects.equals(version, readVersion)) {
            return calendar;
        }
        String text = configMap.getData() == null ? null : configMap.getData().get(key);
        ParsedEvents events = EventsYaml.read(text, zone);
        if (events.hasProblems()) {
            logOnce("the events ConfigMap " + ref + " key " + key + ": " + events.problemsMessage()
                    + "; the forecast leaves out the valid events only");
        } else {
            lastLogged.set(null);
        }
        calendar = events.calendar();
        readVersion = version;
        return calendar;
    }

    private void logOnce(String line) {
        if (!line.equals(lastLogged.getAndSet(line))) {
            LOG.warn("{}", line);
        }
    }
}
