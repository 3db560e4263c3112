package io.prescaler.schedule;

import java.util.Objects;

/**
 * One thing wrong with one entry of the events file: which entry (its 1-based position and its name when it has
 * one), which field, the value found (null when missing) and what is expected.
 */
public record EventProblem(int entry, String eventName, String field, String value, String expected) {

    public EventProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(expected, "expected");
    }

    /** A problem with the file as a whole (unreadable YAML, not a list). */
    public static EventProblem ofFile(String value, String expected) {
        return new EventProblem(0, null, "events file", value, expected);
    }

    public boolean isAboutTheFile() {
        return entry == 0;
    }

    /** The entry as an operator finds it in the file. */
    public String where() {
        if (entry == 0) {
            return "events file";
        }
        String position = "entry " + entry;
        return eventName == null ? position : "event \"" + eventName + "\" (" + position + ")";
    }

    public String message() {
        String subject = entry == 0 ? where() : where() + ", " + field;
        if (value == null) {
            return subject + ": " + expected;
        }
        return subject + ": " + QuotedValue.of(value) + " " + expected;
    }

    @Override
    public String toString() {
        return message();
    }
}
