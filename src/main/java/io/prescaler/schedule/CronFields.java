package io.prescaler.schedule;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a 5-field schedule field by field before cron-utils parses it, so that a mistake is told in this
 * project's words and names the field ({@code hour 25 is not within 0-23}) rather than in the library's
 * ({@code Value 25 not in range [0, 23]}). Accepts what cron-utils' UNIX dialect accepts: per field a list of
 * {@code *}, {@code N} or {@code N-M}, each optionally followed by {@code /STEP}; names for months and days of the
 * week.
 */
final class CronFields {

    private static final Pattern ITEM = Pattern.compile("(\\*|[0-9a-z]+(?:-[0-9a-z]+)?)(?:/(\\d+))?");

    private record Field(String name, int min, int max, List<String> names, int firstNamed) {

        /** The value of a number or a name, or -1 when it is neither. */
        int value(String text) {
            if (text.chars().allMatch(Character::isDigit)) {
                return text.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(text);
            }
            int index = names.indexOf(text);
            return index < 0 ? -1 : firstNamed + index;
        }

        String range() {
            String numbers = min + "-" + max;
            return names.isEmpty()
                    ? numbers
                    : numbers + " or " + names.get(0).toUpperCase(Locale.ROOT) + "-"
                            + names.get(names.size() - 1).toUpperCase(Locale.ROOT);
        }
    }

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, List.of(), 0),
            new Field("hour", 0, 23, List.of(), 0),
            new Field("day-of-month", 1, 31, List.of(), 0),
            new Field(
                    "month",
                    1,
                    12,
                    List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
                    1),
            new Field("day-of-week", 0, 7, List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat"), 0));

    private CronFields() {}

    /** What is wrong with the schedule, naming the field; empty when each field reads well. */
    static Optional<String> problem(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != FIELDS.size()) {
            return Optional.of("it has " + (expression.isBlank() ? 0 : fields.length) + " fields, not 5");
        }
        for (int i = 0; i < fields.length; i++) {
            Optional<String> problem = problem(FIELDS.get(i), fields[i].toLowerCase(Locale.ROOT));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problem(Field field, String text) {
        for (String item : text.split(",", -1)) {
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                return Optional.of(field.name() + " " + QuotedValue.of(item) + " is not *, a value, a range or a list"
                        + " (" + field.range() + ", for example 1-5 or */15)");
            }
            if (m.group(2) != null && (m.group(2).length() > 4 || Integer.parseInt(m.group(2)) < 1)) {
                return Optional.of(field.name() + " step /" + m.group(2) + " is not a whole number >= 1");
            }
            if (m.group(1).equals("*")) {
                continue;
            }
            String[] bounds = m.group(1).split("-");
            int first = field.value(bounds[0]);
            int last = bounds.length == 2 ? field.value(bounds[1]) : first;
            for (int j = 0; j < bounds.length; j++) {
                int value = j == 0 ? first : last;
                if (value < field.min() || value > field.max()) {
                    return Optional.of(field.name() + " " + bounds[j] + " is not within " + field.range());
                }
            }
            if (first > last) {
                return Optional.of(field.name() + " range " + m.group(1) + " starts after it ends");
            }
        }
        return Optional.empty();
    }
}
