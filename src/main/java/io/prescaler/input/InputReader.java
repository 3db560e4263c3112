package io.prescaler.input;

import io.prescaler.failure.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the inputs named on a command line: a path, or {@code -} for stdin (read once: a second {@code -} is
 * empty). The bytes must be UTF-8 text; anything else (an image, a gzip, UTF-16) is refused naming the first byte
 * that is not, instead of a decoder's "Input length = 1".
 */
public final class InputReader {

    /** The largest input read: a few YAML documents at {@link YamlReader#DOCUMENT_LIMIT} each. */
    public static final long SIZE_LIMIT = 4 * YamlReader.DOCUMENT_LIMIT;

    private final InputStream stdin;
    private boolean stdinRead;

    public InputReader(InputStream stdin) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    /** The text of {@code argument}: a file path or {@code -}. */
    public InputText read(String argument) {
        if ("-".equals(argument)) {
            return readStdin();
        }
        Path path = Path.of(argument);
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(argument + ": is a directory; name the manifest files in it");
        }
        try {
            if (Files.size(path) > SIZE_LIMIT) {
                throw tooLarge(argument);
            }
            return new InputText(argument, decode(argument, Files.readAllBytes(path)));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(argument + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(argument + ": cannot be read (permission denied)");
        } catch (IOException e) {
            throw new InvalidInputException(argument + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private InputText readStdin() {
        if (stdinRead) {
            return new InputText(InputText.STDIN, "");
        }
        stdinRead = true;
        try {
            byte[] bytes = stdin.readNBytes((int) SIZE_LIMIT + 1);
            if (bytes.length > SIZE_LIMIT) {
                throw tooLarge(InputText.STDIN);
            }
            return new InputText(InputText.STDIN, decode(InputText.STDIN, bytes));
        } catch (IOException e) {
            throw new InvalidInputException(InputText.STDIN + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static InvalidInputException tooLarge(String name) {
        return new InvalidInputException(
                name + ": larger than " + (SIZE_LIMIT >> 20) + " MiB, the most one input may hold; split it");
    }

    /**
     * The bytes as UTF-8 text without a byte order mark; refused when they are not UTF-8 or hold a NUL byte (no
     * YAML or JSON does, every binary format does).
     */
    static String decode(String name, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw notText(name, bytes, i);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (decoder.decode(in, out, true).isError()) {
            throw notText(name, bytes, in.position());
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static InvalidInputException notText(String name, byte[] bytes, int offset) {
        return new InvalidInputException(String.format(
                Locale.ROOT,
                "%s: not text (byte 0x%02x at offset %d); expected YAML or JSON in UTF-8",
                name,
                bytes[offset] & 0xff,
                offset));
    }
}
