package io.prescaler.schedule;

/**
 * A value found in an annotation or an events file, quoted for a message: at most {@link #MAX_SHOWN} characters
 * (a 3 MiB annotation must not become a 3 MiB denial, log line or Kubernetes Event) and its control characters
 * escaped, so a value cannot break the one-line message it appears in.
 */
final class QuotedValue {

    static final int MAX_SHOWN = 64;

    private QuotedValue() {}

    static String of(String value) {
        StringBuilder text = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 32).append('"');
        int shown = Math.min(value.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
        if (value.length() > shown) {
            text.append(" (the first ")
                    .append(shown)
                    .append(" of ")
                    .append(value.length())
                    .append(" characters)");
        }
        return text.toString();
    }
}
