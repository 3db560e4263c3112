package io.prescaler.schedule;

import java.time.DayOfWeek;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The days of the week on which a window starts, parsed from {@code Mon-Fri}, {@code Sat,Sun}, {@code Fri-Mon}. */
public record Days(Set<DayOfWeek> days) {

    public static final Days EVERY_DAY = new Days(EnumSet.allOf(DayOfWeek.class));

    private static final Map<String, DayOfWeek> NAMES = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY),
            Map.entry("monday", DayOfWeek.MONDAY),
            Map.entry("tue", DayOfWeek.TUESDAY),
            Map.entry("tuesday", DayOfWeek.TUESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY),
            Map.entry("wednesday", DayOfWeek.WEDNESDAY),
            Map.entry("thu", DayOfWeek.THURSDAY),
            Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("fri", DayOfWeek.FRIDAY),
            Map.entry("friday", DayOfWeek.FRIDAY),
            Map.entry("sat", DayOfWeek.SATURDAY),
            Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY),
            Map.entry("sunday", DayOfWeek.SUNDAY));

    public Days {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("at least one day");
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    public static Days of(DayOfWeek first, DayOfWeek... rest) {
        return new Days(EnumSet.of(first, rest));
    }

    /**
     * Parses a comma-separated list of days and ranges. A range may wrap around the week ({@code Fri-Mon}).
     * Returns empty when the text is not such a list.
     */
    public static Optional<Days> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        // Read part by part between the commas, in one pass over the text (the webhook reads a list per admission).
        EnumSet<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        for (int start = 0; start <= text.length(); ) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            int dash = -1;
            for (int i = start; i < end; i++) {
                if (text.charAt(i) == '-') {
                    if (dash >= 0) {
                        return Optional.empty();
                    }
                    dash = i;
                }
            }
            Optional<DayOfWeek> from = day(text.substring(start, dash < 0 ? end : dash));
            Optional<DayOfWeek> to = dash < 0 ? from : day(text.substring(dash + 1, end));
            if (from.isEmpty() || to.isEmpty()) {
                return Optional.empty();
            }
            for (DayOfWeek d = from.get(); ; d = d.plus(1)) {
                result.add(d);
                if (d == to.get()) {
                    break;
                }
            }
            start = end + 1;
        }
        return Optional.of(new Days(result));
    }

    private static Optional<DayOfWeek> day(String name) {
        return Optional.ofNullable(NAMES.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    public boolean contains(DayOfWeek day) {
        return days.contains(day);
    }

    public boolean isEveryDay() {
        return days.size() == 7;
    }

    @Override
    public String toString() {
        if (isEveryDay()) {
            return "every day";
        }
        return days.stream()
                .map(d -> d.name().charAt(0) + d.name().substring(1, 3).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(","));
    }
}
