package io.prescaler.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DaysTest {

    static Stream<Arguments> validLists() {
        return Stream.of(
                Arguments.of("Mon-Fri", EnumSet.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)),
                Arguments.of("Sat,Sun", EnumSet.of(SATURDAY, SUNDAY)),
                Arguments.of("sat, sun", EnumSet.of(SATURDAY, SUNDAY)),
                Arguments.of("Fri-Mon", EnumSet.of(FRIDAY, SATURDAY, SUNDAY, MONDAY)),
                Arguments.of("Monday,Wednesday-Thursday", EnumSet.of(MONDAY, WEDNESDAY, THURSDAY)),
                Arguments.of("Sun", EnumSet.of(SUNDAY)),
                Arguments.of("Mon-Sun", EnumSet.allOf(DayOfWeek.class)),
                Arguments.of("Tue-Tue", EnumSet.of(TUESDAY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validLists")
    void parsesListsAndRangesIncludingRangesThatWrapAroundTheWeek(String text, EnumSet<DayOfWeek> expected) {
        assertEquals(Optional.of(new Days(expected)), Days.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "Mon-Fry", "Mon--Fri", "Mon,", "Mon-Tue-Wed", "weekdays", "1-5", "Lun"})
    void rejectsAnythingElse(String text) {
        assertEquals(Optional.empty(), Days.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Mon-Fri", "Sat,Sun", "Fri-Mon"})
    void rendersAsAListThatParsesBackToTheSameDays(String text) {
        Days days = Days.parse(text).orElseThrow();
        assertEquals(Optional.of(days), Days.parse(days.toString()));
        assertEquals(
                days.days().size(), Arrays.stream(days.toString().split(",")).count());
    }

    @Test
    void readsListsExactlyAsSplittingThemAtCommasAndDashesDid() {
        List<String> pieces = List.of("Mon", "fri", " Sunday ", "-", "-", ",", ",", " ", "x", "TUE", "");
        Random random = new Random(20261201L);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(7); n >= 0; n--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            assertEquals(split(text.toString()), Days.parse(text.toString()), text.toString());
        }
    }

    /** How the lists were read before: split at commas, each part at dashes. */
    private static Optional<Days> split(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        EnumSet<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",", -1)) {
            String[] bounds = part.trim().split("-", -1);
            if (bounds.length > 2) {
                return Optional.empty();
            }
            DayOfWeek from = day(bounds[0]);
            DayOfWeek to = bounds.length == 2 ? day(bounds[1]) : from;
            if (from == null || to == null) {
                return Optional.empty();
            }
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                result.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return Optional.of(new Days(result));
    }

    private static DayOfWeek day(String name) {
        String text = name.trim().toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            if (text.equals(full) || text.equals(full.substring(0, 3))) {
                return day;
            }
        }
        return null;
    }
}
