package dev.jack.core.data;

import dev.jack.core.UserException;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the text files users give (configs, JSON documents, text lists) with errors a user can act on: a missing
 * file, a folder, bytes that are not UTF-8 (naming the line), and JSON that does not parse are each one
 * {@link DataFileException} naming the file, never a bare I/O exception.
 */
public final class TextFiles {
    private TextFiles() {}

    /**
     * The whole file as text (a leading byte-order mark removed).
     *
     * @throws DataFileException when it is missing, a folder or not UTF-8 (naming the line)
     * @throws UserException     when it cannot be read for another reason
     */
    public static String read(Path file) {
        if (Files.isDirectory(file)) throw new DataFileException(file, "is a folder; expected a file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read it: " + e.getMessage(), e);
        }
        CharsetDecoder decoder = strictDecoder();
        CharBuffer out = CharBuffer.allocate(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) r = decoder.flush(out);
        if (r.isError()) throw notUtf8(file, lineAt(bytes, in.position()));
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * A file holding one JSON document.
     *
     * @throws DataFileException as {@link #read} does, and for text that is not JSON
     */
    public static Object readJson(Path file) {
        String text = read(file);
        try {
            return Json.parse(text);
        } catch (JsonException e) {
            throw new DataFileException(file, "malformed JSON: " + e.getMessage());
        }
    }

    /** The error for bytes that are not UTF-8 at a line (1-based). */
    static DataFileException notUtf8(Path file, long line) {
        return new DataFileException(file, line, null, "not valid UTF-8 (save the file as UTF-8)");
    }

    /** The 1-based line of the first byte sequence in the file that is not UTF-8 (0 when there is none), read as a stream. */
    static long firstMalformedLine(Path file) throws IOException {
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (InputStream stream = Files.newInputStream(file)) {
            while (true) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                boolean end = n < 0;
                if (!end) in.position(in.position() + n);
                in.flip();
                while (true) {
                    int start = in.position();
                    CoderResult r = decoder.decode(in, out, end);
                    line += count(in.array(), start, in.position());
                    if (r.isError()) return line;
                    out.clear();
                    if (r.isUnderflow()) break;
                }
                if (end) return 0;
                in.compact();
            }
        }
    }

    private static long lineAt(byte[] bytes, int offset) {
        return 1 + count(bytes, 0, offset);
    }

    private static long count(byte[] bytes, int from, int to) {
        long newlines = 0;
        for (int i = from; i < to; i++) if (bytes[i] == '\n') newlines++;
        return newlines;
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
