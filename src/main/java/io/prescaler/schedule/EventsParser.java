package io.prescaler.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the events file, already read from YAML into plain maps, lists and scalars, into {@link SpecialEvent}s.
 * Every problem of every entry is collected with the entry and the field; an entry with a problem is skipped,
 * the others are kept.
 */
public final class EventsParser {

    static final Set<String> FIELDS = Set.of(
            "name", "multiplier", "start", "end", "schedule", "duration", "lead", "namespaces", "selector", "timezone");

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** Any fixed instant does to tell a schedule that fires from one that never does (a February 30). */
    private static final ZonedDateTime NEVER_BEFORE = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** An event's name becomes an annotation value and appears in every message about it. */
    static final int LONGEST_NAME = 253;

    private static final int LONGEST_DATE_TIME = 64;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final String LOCAL_DATE_TIME =
            "is not a local date-time (ISO-8601 without offset, for example \"2026-05-30T21:00\"; the zone is the"
                    + " event's timezone, else --timezone)";

    private final ZoneId defaultZone;

    public EventsParser(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    /** Reads the tree of the whole file: a list of events, or a map holding the list under {@code events}. */
    public ParsedEvents parse(Object tree) {
        Object list = tree instanceof Map<?, ?> map && map.containsKey("events") ? map.get("events") : tree;
        if (list == null) {
            return new ParsedEvents(EventCalendar.EMPTY, List.of());
        }
        if (!(list instanceof List<?> entries)) {
            return new ParsedEvents(
                    EventCalendar.EMPTY,
                    List.of(EventProblem.ofFile(
                            null,
                            "is not a list of events (each \"- name: ...\" with a multiplier and a start/end or"
                                    + " a schedule/duration)")));
        }
        List<SpecialEvent> events = new ArrayList<>();
        List<EventProblem> problems = new ArrayList<>();
        // The first entry bearing a name owns it, valid or not: a later entry with the same name is skipped, so
        // that an HPA carrying that name is never driven by an entry other than the one the operator meant.
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = new Entry(i + 1, entries.get(i));
            Optional<SpecialEvent> event = entry.readAlone();
            if (entry.name != null && !names.add(entry.name)) {
                entry.problem("name", entry.name, "is already the name of an earlier event; names must be unique");
                event = Optional.empty();
            }
            event.ifPresent(events::add);
            problems.addAll(entry.problems);
        }
        return new ParsedEvents(new EventCalendar(events), problems);
    }

    /** One entry being read; collects its problems. */
    private final class Entry {
        private final int position;
        private final Map<String, Object> fields;
        private final String name;
        private final List<EventProblem> problems = new ArrayList<>();

        Entry(int position, Object raw) {
            this.position = position;
            this.fields = new LinkedHashMap<>();
            if (raw instanceof Map<?, ?> map) {
                map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            }
            Object rawName = fields.get("name");
            this.name =
                    rawName instanceof String s && !s.isBlank() && s.trim().length() <= LONGEST_NAME ? s.trim() : null;
            if (!(raw instanceof Map<?, ?>)) {
                problem(
                        "entry",
                        text(raw),
                        "is not an event (a map with name, multiplier, and start/end or schedule/duration)");
            }
        }

        void problem(String field, String value, String expected) {
            problems.add(new EventProblem(position, name, field, value, expected));
        }

        /**
         * Reads the entry; whatever it holds, a failure is this entry's problem, named, and never the file's: the
         * other entries are still read.
         */
        Optional<SpecialEvent> readAlone() {
            try {
                return read();
            } catch (RuntimeException e) {
                problem(
                        "entry",
                        null,
                        "could not be read (" + e.getClass().getSimpleName() + ": "
                                + QuotedValue.of(String.valueOf(e.getMessage())) + "); fix or remove it");
                return Optional.empty();
            }
        }

        Optional<SpecialEvent> read() {
            if (!problems.isEmpty()) {
                return Optional.empty();
            }
            for (String field : fields.keySet()) {
                if (!FIELDS.contains(field)) {
                    problem(
                            field.length() > QuotedValue.MAX_SHOWN ? QuotedValue.of(field) : field,
                            null,
                            "is not a field of an event (expected: " + String.join(", ", sorted(FIELDS)) + ")");
                }
            }
            if (name == null) {
                problem(
                        "name",
                        text(fields.get("name")),
                        fields.containsKey("name")
                                ? "is not a name (at most " + LONGEST_NAME + " characters)"
                                : "missing; every event needs a name");
            }
            Optional<BigDecimal> multiplier = multiplier();
            ZoneId zone = zone();
            Optional<EventTiming> timing = timing();
            Duration lead = duration(
                            "lead",
                            EventBounds.LONGEST_LEAD,
                            "a lead is from 0 to " + Durations.format(EventBounds.LONGEST_LEAD) + ", for example 15m")
                    .orElse(Duration.ZERO);
            Set<String> namespaces = namespaces();
            LabelSelector selector = selector();
            if (!problems.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(
                    new SpecialEvent(name, multiplier.get(), timing.get(), lead, namespaces, selector, zone));
        }

        private Optional<BigDecimal> multiplier() {
            Object raw = fields.get("multiplier");
            if (raw == null) {
                problem("multiplier", null, "missing; a number > 0, for example 3 or 1.5");
                return Optional.empty();
            }
            Parsed<BigDecimal> value = raw instanceof Number || raw instanceof String
                    ? Multipliers.parse(String.valueOf(raw))
                    : Parsed.refused("is not a number > 0");
            if (value instanceof Parsed.Refused<BigDecimal> refused) {
                problem("multiplier", text(raw), refused.why() + " (for example 3 or 1.5)");
            }
            return value.value();
        }

        private ZoneId zone() {
            Object raw = fields.get("timezone");
            if (raw == null) {
                return defaultZone;
            }
            try {
                return ZoneId.of(String.valueOf(raw).trim());
            } catch (DateTimeException e) {
                problem("timezone", text(raw), "is not an IANA time zone (for example \"Europe/Paris\")");
                return defaultZone;
            }
        }

        private Optional<EventTiming> timing() {
            boolean oneOff = fields.containsKey("start") || fields.containsKey("end");
            boolean recurring = fields.containsKey("schedule") || fields.containsKey("duration");
            if (oneOff && recurring) {
                problem(
                        "schedule",
                        text(fields.get("schedule")),
                        "cannot be combined with start/end; an event is either one-off (start and end) or recurring"
                                + " (schedule and duration)");
                return Optional.empty();
            }
            if (!oneOff && !recurring) {
                problem("start", null, "missing; give start and end (one-off) or schedule and duration (recurring)");
                return Optional.empty();
            }
            return oneOff ? oneOff() : recurring();
        }

        private Optional<EventTiming> oneOff() {
            Optional<LocalDateTime> start = localDateTime("start");
            Optional<LocalDateTime> end = localDateTime("end");
            if (start.isEmpty() || end.isEmpty()) {
                return Optional.empty();
            }
            if (!end.get().isAfter(start.get())) {
                problem("end", text(fields.get("end")), "is not after start \"" + text(fields.get("start")) + "\"");
                return Optional.empty();
            }
            if (end.get().isAfter(start.get().plus(EventBounds.LONGEST_EVENT))) {
                problem(
                        "end",
                        text(fields.get("end")),
                        "is more than " + Durations.format(EventBounds.LONGEST_EVENT) + " after start \""
                                + text(fields.get("start")) + "\"; an event lasts at most "
                                + Durations.format(EventBounds.LONGEST_EVENT));
                return Optional.empty();
            }
            return Optional.of(new EventTiming.OneOff(start.get(), end.get()));
        }

        private Optional<LocalDateTime> localDateTime(String field) {
            Object raw = fields.get(field);
            if (raw == null) {
                problem(
                        field,
                        null,
                        "missing; a one-off event needs both start and end (for example \"2026-05-30T21:00\")");
                return Optional.empty();
            }
            String value = String.valueOf(raw);
            LocalDateTime dateTime;
            try {
                if (value.length() > LONGEST_DATE_TIME) {
                    throw new DateTimeParseException("too long", value, LONGEST_DATE_TIME);
                }
                dateTime = LocalDateTime.parse(value.trim());
            } catch (DateTimeParseException e) {
                problem(field, text(raw), LOCAL_DATE_TIME);
                return Optional.empty();
            }
            if (!EventBounds.isWithinYears(dateTime)) {
                problem(
                        field,
                        text(raw),
                        "is not in the years " + EventBounds.FIRST_YEAR + " to " + EventBounds.LAST_YEAR
                                + " (for example \"2026-05-30T21:00\")");
                return Optional.empty();
            }
            return Optional.of(dateTime);
        }

        private Optional<EventTiming> recurring() {
            Object raw = fields.get("schedule");
            Optional<Cron> cron = Optional.empty();
            if (raw == null) {
                problem(
                        "schedule",
                        null,
                        "missing; a recurring event needs a cron schedule (for example \"0 20 * * 6\")");
            } else {
                String expression = String.valueOf(raw);
                Optional<String> wrong = expression.length() > EventBounds.LONGEST_SCHEDULE
                        ? Optional.of("it is longer than " + EventBounds.LONGEST_SCHEDULE + " characters")
                        : CronFields.problem(expression);
                try {
                    if (wrong.isPresent()) {
                        throw new IllegalArgumentException(wrong.get());
                    }
                    Cron parsed = CRON.parse(expression.trim());
                    parsed.validate();
                    if (ExecutionTime.forCron(parsed)
                            .nextExecution(NEVER_BEFORE)
                            .isEmpty()) {
                        problem(
                                "schedule",
                                text(raw),
                                "never fires (no such date, for example February 30); check the day of month and"
                                        + " the month");
                    } else {
                        cron = Optional.of(parsed);
                    }
                } catch (IllegalArgumentException e) {
                    problem(
                            "schedule",
                            text(raw),
                            "is not a 5-field cron schedule (minute hour day-of-month month"
                                    + " day-of-week, for example \"0 20 * * 6\" for Saturdays at 20:00): "
                                    + wrong.orElse("the fields do not make a schedule together"));
                }
            }
            Optional<Duration> duration = duration(
                    "duration",
                    EventBounds.LONGEST_EVENT,
                    "an event lasts at most " + Durations.format(EventBounds.LONGEST_EVENT) + ", for example 3h");
            if (!fields.containsKey("duration")) {
                problem("duration", null, "missing; a recurring event needs a duration (for example 3h)");
            } else if (duration.isPresent() && duration.get().isZero()) {
                problem("duration", text(fields.get("duration")), "is not a duration > 0 (for example 3h)");
                duration = Optional.empty();
            }
            if (cron.isEmpty() || duration.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new EventTiming.Recurring(String.valueOf(raw).trim(), cron.get(), duration.get()));
        }

        /** The duration of the field, at most {@code longest}; else a problem ending with the {@code rule}. */
        private Optional<Duration> duration(String field, Duration longest, String rule) {
            Object raw = fields.get(field);
            if (raw == null) {
                return Optional.empty();
            }
            Parsed<Duration> value = raw instanceof String s
                    ? Durations.read(s, longest)
                    : Parsed.refused("is not a duration (" + Durations.EXAMPLES + ")");
            if (value instanceof Parsed.Refused<Duration> refused) {
                problem(
                        field,
                        text(raw),
                        refused.why() + (refused.why().startsWith(Durations.LONGER_THAN) ? " (" + rule + ")" : ""));
                return Optional.empty();
            }
            if (value.value().orElseThrow().isNegative()) {
                problem(field, text(raw), "is not a duration (" + Durations.EXAMPLES + ")");
                return Optional.empty();
            }
            return value.value();
        }

        private Set<String> namespaces() {
            Object raw = fields.get("namespaces");
            if (raw == null) {
                return Set.of();
            }
            List<?> values = raw instanceof List<?> list ? list : List.of(raw);
            Set<String> namespaces = new LinkedHashSet<>();
            for (Object value : values) {
                if (value instanceof String s && DNS_LABEL.matcher(s.trim()).matches()) {
                    namespaces.add(s.trim());
                } else {
                    problem("namespaces", text(value), "is not a namespace name (a DNS label, for example \"6play\")");
                }
            }
            return namespaces;
        }

        private LabelSelector selector() {
            Object raw = fields.get("selector");
            if (raw == null) {
                return LabelSelector.EVERYTHING;
            }
            if (!(raw instanceof Map<?, ?> map)) {
                problem("selector", text(raw), "is not a label selector (matchLabels and/or matchExpressions)");
                return LabelSelector.EVERYTHING;
            }
            Map<String, String> matchLabels = new LinkedHashMap<>();
            List<LabelSelector.Requirement> expressions = new ArrayList<>();
            for (Map.Entry<?, ?> part : map.entrySet()) {
                String key = String.valueOf(part.getKey());
                if (key.equals("matchLabels")) {
                    if (part.getValue() instanceof Map<?, ?> labels) {
                        labels.forEach((k, v) -> {
                            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                                matchLabels.put(String.valueOf(k), String.valueOf(v));
                            } else {
                                problem("selector.matchLabels." + k, text(v), "is not a label value");
                            }
                        });
                    } else {
                        problem("selector.matchLabels", text(part.getValue()), "is not a map of label keys to values");
                    }
                } else if (key.equals("matchExpressions")) {
                    expressions(part.getValue(), expressions);
                } else {
                    problem(
                            "selector." + key,
                            null,
                            "is not a field of a label selector (matchLabels, matchExpressions)");
                }
            }
            return new LabelSelector(matchLabels, expressions);
        }

        private void expressions(Object raw, List<LabelSelector.Requirement> into) {
            if (!(raw instanceof List<?> list)) {
                problem("selector.matchExpressions", text(raw), "is not a list of {key, operator, values}");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                String field = "selector.matchExpressions[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> expression)) {
                    problem(field, text(list.get(i)), "is not a {key, operator, values} map");
                    continue;
                }
                Object key = expression.get("key");
                Object operator = expression.get("operator");
                Object values = expression.get("values");
                Optional<LabelSelector.Operator> op = operator == null
                        ? Optional.empty()
                        : LabelSelector.Operator.fromApiName(String.valueOf(operator));
                if (!(key instanceof String k) || k.isBlank()) {
                    problem(field + ".key", text(key), "is not a label key");
                    continue;
                }
                if (op.isEmpty()) {
                    problem(field + ".operator", text(operator), "is not one of In, NotIn, Exists, DoesNotExist");
                    continue;
                }
                List<String> valueList = new ArrayList<>();
                if (values instanceof List<?> items) {
                    items.forEach(v -> valueList.add(String.valueOf(v)));
                } else if (values != null) {
                    problem(field + ".values", text(values), "is not a list of label values");
                    continue;
                }
                if (op.get().takesValues() && valueList.isEmpty()) {
                    problem(field + ".values", null, "missing; " + op.get().apiName() + " needs at least one value");
                } else if (!op.get().takesValues() && !valueList.isEmpty()) {
                    problem(
                            field + ".values",
                            text(values),
                            "must be empty with " + op.get().apiName());
                } else {
                    into.add(new LabelSelector.Requirement(k.trim(), op.get(), new LinkedHashSet<>(valueList)));
                }
            }
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
