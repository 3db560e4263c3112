package io.prescaler.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lines {@code from} (inclusive) to {@code to} (exclusive) of a text replaced by {@code replacement} (whole lines,
 * each ending in a newline); {@code from == to} inserts before line {@code from}. Lines are 0-based.
 */
record LineEdit(int from, int to, String replacement) {

    LineEdit {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("lines " + from + " to " + to);
        }
    }

    /** The text split after each newline: every line keeps its own line ending (the last may have none). */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** The lines with the edits applied; edits must not overlap. */
    static String apply(List<String> lines, List<LineEdit> edits) {
        List<LineEdit> sorted =
                edits.stream().sorted(Comparator.comparingInt(LineEdit::from)).toList();
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (LineEdit edit : sorted) {
            if (edit.from() < next) {
                throw new IllegalArgumentException("overlapping edits at line " + edit.from());
            }
            lines.subList(next, Math.min(edit.from(), lines.size())).forEach(out::append);
            if (edit.from() > 0
                    && edit.from() <= lines.size()
                    && !lines.get(edit.from() - 1).endsWith("\n")) {
                out.append('\n');
            }
            out.append(edit.replacement());
            next = Math.min(edit.to(), lines.size());
        }
        lines.subList(next, lines.size()).forEach(out::append);
        return out.toString();
    }
}
