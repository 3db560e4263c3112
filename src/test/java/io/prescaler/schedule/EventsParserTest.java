package io.prescaler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The events parser on plain trees (maps, lists and scalars, as any YAML or JSON reader gives them; written here as
 * JSON for brevity): which entries become events, and which problems name which entry and field. The wording of
 * the messages is specified with the YAML reader in {@code EventsYamlTest}.
 */
class EventsParserTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final JsonMapper TREES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final EventsParser PARSER = new EventsParser(PARIS);

    private static ParsedEvents parse(String json) throws Exception {
        return PARSER.parse(TREES.readValue(json, Object.class));
    }

    /** A problem as "entry name field", the name "-" when the entry has none. */
    private static String where(EventProblem p) {
        return p.entry() + " " + (p.eventName() == null ? "-" : p.eventName()) + " " + p.field();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # entries                                                                                     | events kept | problems (entry name field)
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h"}]                        | a           | -
            [{"name":"a","multiplier":1.5,"start":"2026-05-30T21:00","end":"2026-05-30T23:30"}]          | a           | -
            [{"name":"a","multiplier":"3","start":"2026-05-30T21:00","end":"2026-05-30T23:30","lead":"45m","namespaces":"web","selector":{"matchLabels":{"tier":"frontend"}},"timezone":"UTC"}] | a | -
            [{"multiplier":2,"schedule":"0 20 * * 6","duration":"3h"}]                                   | -           | 1 - name
            [{"name":" ","multiplier":2,"schedule":"0 20 * * 6","duration":"3h"}]                        | -           | 1 - name
            [{"name":"a","schedule":"0 20 * * 6","duration":"3h"}]                                       | -           | 1 a multiplier
            [{"name":"a","multiplier":"x3","schedule":"0 20 * * 6","duration":"3h"}]                     | -           | 1 a multiplier
            [{"name":"a","multiplier":-2,"schedule":"0 20 * * 6","duration":"3h"}]                       | -           | 1 a multiplier
            [{"name":"a","multiplier":0,"schedule":"0 20 * * 6","duration":"3h"}]                        | -           | 1 a multiplier
            [{"name":"a","multiplier":[2],"schedule":"0 20 * * 6","duration":"3h"}]                      | -           | 1 a multiplier
            [{"name":"a","multiplier":2}]                                                                | -           | 1 a start
            [{"name":"a","multiplier":2,"start":"2026-05-30T21:00"}]                                     | -           | 1 a end
            [{"name":"a","multiplier":2,"start":"2026-05-30T21:00","end":"2026-05-30T20:00"}]            | -           | 1 a end
            [{"name":"a","multiplier":2,"start":"2026-05-30T21:00","end":"2026-05-30T21:00"}]            | -           | 1 a end
            [{"name":"a","multiplier":2,"start":"2026-05-30T21:00+02:00","end":"2026-05-30T23:00"}]      | -           | 1 a start
            [{"name":"a","multiplier":2,"start":"2026-05-30T21:00","end":"2026-05-30T23:00","schedule":"0 20 * * 6"}] | - | 1 a schedule
            [{"name":"a","multiplier":2,"schedule":"0 25 * * 6","duration":"3h"}]                        | -           | 1 a schedule
            [{"name":"a","multiplier":2,"schedule":"0 0 30 2 *","duration":"3h"}]                        | -           | 1 a schedule
            [{"name":"a","multiplier":2,"duration":"3h"}]                                                | -           | 1 a schedule
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6"}]                                        | -           | 1 a duration
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"0s"}]                        | -           | 1 a duration
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"soon"}]                      | -           | 1 a duration
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","lead":"5 minutes"}]     | -           | 1 a lead
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","namespaces":["web","Not_A_Namespace"]}] | - | 1 a namespaces
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","timezone":"Mars/Olympus"}] | -        | 1 a timezone
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","selector":"tier=web"}]  | -           | 1 a selector
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","selector":{"matchLabels":{"tier":["a"]}}}] | - | 1 a selector.matchLabels.tier
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","selector":{"matchLabels":"tier"}}] | - | 1 a selector.matchLabels
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","selector":{"matchExpressions":[{"key":"tier","operator":"Between","values":["a"]}]}}] | - | 1 a selector.matchExpressions[0].operator
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","selector":{"matchExpressions":[{"key":"tier","operator":"In"}]}}] | - | 1 a selector.matchExpressions[0].values
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","selector":{"matchExpressions":[{"key":"tier","operator":"Exists","values":["a"]}]}}] | - | 1 a selector.matchExpressions[0].values
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","selector":{"matchExpressions":[{"operator":"Exists"}]}}] | - | 1 a selector.matchExpressions[0].key
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","selector":{"matchExpressions":"tier"}}] | - | 1 a selector.matchExpressions
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h","selector":{"matchFields":{}}}] | -   | 1 a selector.matchFields
            [{"name":"a","multipler":2,"schedule":"0 20 * * 6","duration":"3h"}]                         | -           | 1 a multipler; 1 a multiplier
            ["just a string"]                                                                            | -           | 1 - entry
            [{"name":"a","multiplier":0,"schedule":"0 20 * * 6","duration":"3h"},{"name":"b","multiplier":2,"schedule":"0 20 * * 6","duration":"3h"}] | b | 1 a multiplier
            [{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h"},{"name":"a","multiplier":3,"schedule":"0 21 * * 6","duration":"1h"}] | a | 2 a name
            [{"name":"a","multiplier":0,"schedule":"0 20 * * 6","duration":"3h"},{"name":"a","multiplier":3,"schedule":"0 21 * * 6","duration":"1h"}] | - | 1 a multiplier; 2 a name
            """)
    void keepsTheValidEntriesAndNamesTheEntryAndFieldOfEveryProblem(String entries, String kept, String problems)
            throws Exception {
        ParsedEvents parsed = parse(entries);

        assertEquals(
                kept.equals("-") ? List.of() : Arrays.asList(kept.split(" ")),
                parsed.calendar().events().stream().map(SpecialEvent::name).toList());
        assertEquals(
                problems.equals("-") ? List.of() : Arrays.asList(problems.split("; ")),
                parsed.problems().stream().map(EventsParserTest::where).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # the file                        | events | a problem with the file as a whole
            null                              | 0      | false
            []                                | 0      | false
            {"events":[]}                     | 0      | false
            {"events":null}                   | 0      | false
            {"events":[{"name":"a","multiplier":2,"schedule":"0 20 * * 6","duration":"3h"}]} | 1 | false
            {"name":"lonely"}                 | 0      | true
            {"events":{"name":"lonely"}}      | 0      | true
            "events"                          | 0      | true
            """)
    void readsAListOfEventsOrAListUnderEvents(String file, int events, boolean unreadable) throws Exception {
        ParsedEvents parsed = parse(file);

        assertEquals(events, parsed.calendar().events().size());
        assertEquals(unreadable, parsed.isUnreadable());
        assertEquals(
                unreadable ? List.of("0 - events file") : List.of(),
                parsed.problems().stream().map(EventsParserTest::where).toList());
    }

    @Test
    void readsEveryFieldOfAOneOffEvent() throws Exception {
        SpecialEvent event = parse(
                        """
                [{"name":" final ","multiplier":"3","start":"2026-05-30T21:00","end":"2026-05-30T23:30","lead":"45m",
                  "namespaces":"web","selector":{"matchLabels":{"tier":"frontend","canary":false}},"timezone":"UTC"}]
                """)
                .calendar()
                .events()
                .get(0);

        assertEquals(
                new SpecialEvent(
                        "final",
                        new BigDecimal("3"),
                        new EventTiming.OneOff(
                                LocalDateTime.parse("2026-05-30T21:00"), LocalDateTime.parse("2026-05-30T23:30")),
                        Duration.ofMinutes(45),
                        Set.of("web"),
                        new LabelSelector(Map.of("tier", "frontend", "canary", "false"), List.of()),
                        ZoneId.of("UTC")),
                event);
    }

    @Test
    void readsEveryFieldOfARecurringEvent_inTheDefaultZone() throws Exception {
        SpecialEvent event = parse(
                        """
                [{"name":"saturday-evening","multiplier":1.25,"schedule":" 0 20 * * 6 ","duration":"3h",
                  "namespaces":["web","shop"],
                  "selector":{"matchExpressions":[{"key":"tier","operator":"In","values":["frontend","api"]},
                                                  {"key":"canary","operator":"DoesNotExist"}]}}]
                """)
                .calendar()
                .events()
                .get(0);

        assertEquals("saturday-evening", event.name());
        assertEquals(new BigDecimal("1.25"), event.multiplier());
        EventTiming.Recurring timing = assertInstanceOf(EventTiming.Recurring.class, event.timing());
        assertEquals("0 20 * * 6", timing.expression());
        assertEquals(Duration.ofHours(3), timing.duration());
        assertEquals(Duration.ZERO, event.lead());
        assertEquals(Set.of("web", "shop"), event.namespaces());
        assertEquals(PARIS, event.zone());
        assertEquals(
                new LabelSelector(
                        Map.of(),
                        List.of(
                                new LabelSelector.Requirement(
                                        "tier",
                                        LabelSelector.Operator.IN,
                                        new java.util.LinkedHashSet<>(List.of("frontend", "api"))),
                                new LabelSelector.Requirement(
                                        "canary",
                                        LabelSelector.Operator.DOES_NOT_EXIST,
                                        new java.util.LinkedHashSet<>()))),
                event.selector());
        assertTrue(event.appliesTo("web", Map.of("tier", "api")));
    }
}
