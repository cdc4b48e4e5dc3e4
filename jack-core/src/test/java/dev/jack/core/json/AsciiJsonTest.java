package dev.jack.core.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link AsciiJson} writes strings and lists exactly as {@link PyJson#dumps} (Python's {@code json.dumps}, ensure_ascii). */
class AsciiJsonTest {
    /** Characters that exercise every escape: controls, quotes, backslash, DEL, Latin-1, BMP, lone and paired surrogates. */
    private static final char[] ALPHABET = {'a', 'Z', ' ', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', 0, 1, 0x1f, 0x7f, 0x80, 0xe9, 0x2028,
            0xfeff, 0xd83d, 0xde00, 0xdbff, 0xdc00, 0xffff};

    @Test
    void stringsAreEscapedAsPythonsJsonDumps() {
        Random random = new Random(3);
        AsciiJson out = new AsciiJson(1);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                b.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x10000) : ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String s = b.toString();
            out.clear();
            assertEquals(PyJson.dumps(s), out.string(s).toString(), () -> s.chars().mapToObj(Integer::toHexString).toList().toString());
        }
    }

    @Test
    void listsAndBooleansAsPythonsJsonDumps() {
        List<Boolean> verdicts = List.of(true, false, true);
        AsciiJson out = new AsciiJson(4);
        out.list(verdicts, out::bool);
        assertEquals(PyJson.dumps(verdicts), out.toString());
        out.clear();
        out.list(List.of("é", "\u0000"), out::string);
        assertEquals(PyJson.dumps(List.of("é", "\u0000")), out.toString());
    }
}
