package io.prescaler.schedule;

import java.util.Comparator;
import java.util.List;

/**
 * Names the key an operator most likely meant when writing a key under the prefix that is none of ours:
 * {@code annotations.scaling.exporter.start} means {@code ...time.start}, {@code ...replicas.min} means
 * {@code ...replica.min}. A key sharing the last dotted word wins (start, min, multiplier), the fewest edits
 * between the parts after the prefix decide otherwise.
 */
final class ClosestKey {

    /** Keys longer than this are not compared: Kubernetes refuses them anyway, and the hint needs none. */
    private static final int MAX_COMPARED = 128;

    private ClosestKey() {}

    static String hint(String key, AnnotationKeys keys) {
        String shown = QuotedValue.of(key);
        String suffix = key.substring(keys.prefix().length() + 1);
        List<String> ours = keys.allKeys();
        if (suffix.length() <= MAX_COMPARED) {
            String closest = ours.stream()
                    .min(Comparator.comparingInt((String k) -> sameLastWord(suffix, k) ? 0 : 1)
                            .thenComparingInt(
                                    k -> edits(suffix, k.substring(keys.prefix().length() + 1))))
                    .orElseThrow();
            int edits = edits(suffix, closest.substring(keys.prefix().length() + 1));
            if (sameLastWord(suffix, closest) || edits <= Math.max(3, suffix.length() / 2)) {
                return shown + " is not a prescaling annotation and is ignored; did you mean " + closest + "?";
            }
        }
        return shown + " is not a prescaling annotation and is ignored; the keys under " + keys.prefix()
                + " are "
                + String.join(
                        ", ",
                        ours.stream()
                                .map(k -> k.substring(keys.prefix().length() + 1))
                                .toList());
    }

    private static boolean sameLastWord(String suffix, String key) {
        String theirs = suffix.substring(suffix.lastIndexOf('.') + 1);
        return key.substring(key.lastIndexOf('.') + 1).equalsIgnoreCase(theirs);
    }

    /** The Levenshtein distance, case-insensitive. */
    static int edits(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
