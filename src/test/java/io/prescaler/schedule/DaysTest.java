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
import java.util.Optional;
import java.util.stream.Stream;
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
}
