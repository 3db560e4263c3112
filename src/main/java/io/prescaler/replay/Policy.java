package io.prescaler.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What sets the HPA's floor in a replay: the HPA alone ({@code reactive}), or the HPA plus one or more of
 * Prescaler's floors, written with {@code +} ({@code schedule}, {@code schedule+forecast}): the minimum is then the
 * highest of their floors at each sync, as the exporter computes it.
 *
 * @param parts the floors added, in a fixed order (the order of {@link PolicyPart}); empty for {@code reactive}
 */
public record Policy(Set<PolicyPart> parts) {

    public static final String REACTIVE_LABEL = "reactive";
    public static final Policy REACTIVE = new Policy(Set.of());
    public static final Policy SCHEDULE = new Policy(Set.of(PolicyPart.SCHEDULE));

    public Policy {
        Objects.requireNonNull(parts, "parts");
        parts = parts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(parts));
    }

    /**
     * Reads {@code reactive} or floors joined by {@code +}.
     *
     * @throws IllegalArgumentException naming the word not understood and the words that are
     */
    public static Policy parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.equals(REACTIVE_LABEL)) {
            return REACTIVE;
        }
        List<PolicyPart> parts = new ArrayList<>();
        for (String word : trimmed.split("\\+", -1)) {
            PolicyPart part = Arrays.stream(PolicyPart.values())
                    .filter(p -> p.label().equals(word.trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("\"" + word.trim() + "\" in \"" + trimmed
                            + "\" is not a policy: use " + REACTIVE_LABEL + " or "
                            + Arrays.stream(PolicyPart.values())
                                    .map(PolicyPart::label)
                                    .collect(Collectors.joining(", "))
                            + ", several joined by + (for example schedule+forecast)"));
            if (parts.contains(part)) {
                throw new IllegalArgumentException(
                        "\"" + trimmed + "\" names " + part.label() + " twice: name each floor once");
            }
            parts.add(part);
        }
        return new Policy(EnumSet.copyOf(parts));
    }

    public boolean isReactive() {
        return parts.isEmpty();
    }

    public boolean includes(PolicyPart part) {
        return parts.contains(part);
    }

    /** {@code reactive}, or the floors joined by {@code +} in {@link PolicyPart} order. */
    public String label() {
        if (parts.isEmpty()) {
            return REACTIVE_LABEL;
        }
        return EnumSet.copyOf(parts).stream().map(PolicyPart::label).collect(Collectors.joining("+"));
    }

    @Override
    public String toString() {
        return label();
    }
}
