package io.prescaler.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.prescaler.failure.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputReaderTest {

    @TempDir
    Path tmp;

    private static InputReader reader(String stdin) {
        return new InputReader(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }

    private String refusal(byte[] bytes) throws IOException {
        Path file = tmp.resolve("in.yaml");
        Files.write(file, bytes);
        return assertThrows(InvalidInputException.class, () -> reader("").read(file.toString()))
                .getMessage();
    }

    @Test
    void namesAMissingFile() {
        String missing = tmp.resolve("nope.yaml").toString();
        assertEquals(
                missing + ": no such file",
                assertThrows(InvalidInputException.class, () -> reader("").read(missing))
                        .getMessage());
    }

    @Test
    void namesADirectory() {
        assertEquals(
                tmp + ": is a directory; name the manifest files in it",
                assertThrows(InvalidInputException.class, () -> reader("").read(tmp.toString()))
                        .getMessage());
    }

    @Test
    void refusesBinaryInput_namingTheFirstByteThatIsNotText() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertEquals(
                tmp.resolve("in.yaml") + ": not text (byte 0x89 at offset 0); expected YAML or JSON in UTF-8",
                refusal(png));
        assertEquals(
                tmp.resolve("in.yaml") + ": not text (byte 0x00 at offset 6); expected YAML or JSON in UTF-8",
                refusal("kind: \0".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                tmp.resolve("in.yaml") + ": not text (byte 0xe9 at offset 9); expected YAML or JSON in UTF-8",
                refusal("name: Ren\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void readsUtf8_withoutItsByteOrderMark() throws IOException {
        Path file = tmp.resolve("bom.yaml");
        Files.writeString(file, "\uFEFFname: Ren\u00e9\n", StandardCharsets.UTF_8);
        assertEquals(
                new InputText(file.toString(), "name: Ren\u00e9\n"), reader("").read(file.toString()));
    }

    @Test
    void readsStdinForDash_once() {
        InputReader reader = reader("kind: A\n");
        assertEquals(new InputText("<stdin>", "kind: A\n"), reader.read("-"));
        assertEquals(new InputText("<stdin>", ""), reader.read("-"));
    }
}
