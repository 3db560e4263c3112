package io.prescaler.schedule;

import java.util.Objects;
import java.util.Optional;

/**
 * A value read from text, or why it was refused: a phrase that follows the quoted value in a message
 * ({@code "1e-9" is not a plain decimal ...}), the caller adding the key and its example.
 */
public sealed interface Parsed<T> {

    static <T> Parsed<T> of(T value) {
        return new Value<>(value);
    }

    static <T> Parsed<T> refused(String why) {
        return new Refused<>(why);
    }

    Optional<T> value();

    record Value<T>(T get) implements Parsed<T> {
        public Value {
            Objects.requireNonNull(get, "value");
        }

        @Override
        public Optional<T> value() {
            return Optional.of(get);
        }
    }

    record Refused<T>(String why) implements Parsed<T> {
        public Refused {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public Optional<T> value() {
            return Optional.empty();
        }
    }
}
