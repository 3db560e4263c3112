package io.prescaler.input;

/**
 * What is wrong in a YAML or JSON input, and where: the document's 1-based number in the stream and the 1-based
 * line and column in the input (0 when unknown).
 */
public record YamlProblem(int document, int line, int column, String what) {

    /** {@code document N: line L, column C: what}, the part after the input's name. */
    public String message() {
        return "document " + document + ": " + at();
    }

    /** {@code line L, column C: what}, without the document number. */
    public String at() {
        return line == 0 ? what : "line " + line + ", column " + column + ": " + what;
    }
}
