package io.prescaler.input;

import java.util.Objects;

/**
 * One input as text: a file's path as the user wrote it (or {@code <stdin>}) and its content, decoded as UTF-8.
 *
 * @param name how messages name the input
 */
public record InputText(String name, String text) {

    public static final String STDIN = "<stdin>";

    public InputText {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
