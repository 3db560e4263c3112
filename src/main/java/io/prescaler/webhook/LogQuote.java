package io.prescaler.webhook;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;

/**
 * Values from a request written into a log line as JSON string literals: quotes, backslashes and control
 * characters (a line break above all) are escaped, so that a uid or an annotation value can neither end the line
 * and forge the next one nor pass for another field. Long values are cut: the line stays readable and bounded.
 */
final class LogQuote {

    /** Characters of one value kept in a log line; an annotation value can be up to the body limit. */
    static final int MAX_CHARS = 512;

    private LogQuote() {}

    static String of(String value) {
        if (value == null) {
            return "null";
        }
        String kept = value.length() > MAX_CHARS
                ? value.substring(0, MAX_CHARS) + "...(" + (value.length() - MAX_CHARS) + " more)"
                : value;
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(kept)) + '"';
    }

    static String of(List<String> values) {
        StringBuilder line = new StringBuilder("[");
        for (String value : values) {
            line.append(line.length() > 1 ? ", " : "").append(of(value));
        }
        return line.append(']').toString();
    }
}
