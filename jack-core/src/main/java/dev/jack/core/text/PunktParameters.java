package dev.jack.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A trained Punkt model: abbreviation types, collocations, frequent sentence starters and the
 * orthographic context of each word type. Read from one language folder of NLTK's {@code punkt_tab}
 * package ({@code abbrev_types.txt}, {@code collocations.tab}, {@code sent_starters.txt},
 * {@code ortho_context.tab}).
 */
public record PunktParameters(Set<String> abbrevTypes, Set<String> collocations, Set<String> sentStarters,
                              Map<String, Integer> orthoContext) {

    static final int ORTHO_BEG_UC = 1 << 1;
    static final int ORTHO_MID_UC = 1 << 2;
    static final int ORTHO_UNK_UC = 1 << 3;
    static final int ORTHO_BEG_LC = 1 << 4;
    static final int ORTHO_MID_LC = 1 << 5;
    static final int ORTHO_UNK_LC = 1 << 6;
    static final int ORTHO_UC = ORTHO_BEG_UC | ORTHO_MID_UC | ORTHO_UNK_UC;
    static final int ORTHO_LC = ORTHO_BEG_LC | ORTHO_MID_LC | ORTHO_UNK_LC;

    /** Collocations are stored as "first\tsecond" keys. */
    static String collocationKey(String first, String second) {
        return first + '\t' + second;
    }

    int ortho(String type) {
        return orthoContext.getOrDefault(type, 0);
    }

    /**
     * Reads one language folder, e.g. {@code punkt_tab/english}. Each file is read whole and decoded as UTF-8 the way
     * {@code Files.readAllLines} did (a malformed byte is an UncheckedIOException wrapping the decoder's
     * MalformedInputException; a missing file a {@link PunktDataException} naming it).
     */
    public static PunktParameters load(Path languageDir) {
        return read(languageDir.toString(), name -> {
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(languageDir.resolve(name)))).toString();
            } catch (NoSuchFileException e) {
                throw new PunktDataException("Punkt model incomplete: " + e.getFile() + " is missing");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Where Jack's own copy of NLTK's English model is, on the class path (with its NOTICE and LICENSE beside it). */
    public static final String BUNDLED_ENGLISH = "/dev/jack/core/text/punkt_tab/english/";

    /**
     * NLTK's English model as Jack ships it: nltk_data's {@code punkt_tab/english} parameters (Apache-2.0, see
     * {@code punkt_tab/NOTICE}), read from the jar, so English never needs a download.
     */
    public static PunktParameters english() {
        return read("Jack's bundled punkt_tab/english", name -> {
            try (InputStream in = PunktParameters.class.getResourceAsStream(BUNDLED_ENGLISH + name)) {
                if (in == null) throw new IllegalStateException("the jar lacks " + BUNDLED_ENGLISH + name);
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The model from the four files, each given as its text; errors name {@code source}, the file and the line. The
     * lines are String.lines()'s (ended by \n, \r or \r\n) less the empty ones, and each is scanned where it lies:
     * an ortho_context.tab line's word is its one substring and its count Integer.parseInt's of the characters after
     * the last tab. (A collocations.tab line is its own key, but the key is still made by {@link #collocationKey}: the
     * training run of the launcher's AOT cache then links that string concatenation, which Punkt's checks use, and a
     * run does not generate its class.) This runs at the start of every eval, on a background thread, while the first
     * rows are read. Where it made a String per line and split it (Files.readAllLines, a stream filter, two
     * substrings), NLTK's English model (20,366 ortho_context lines) took 25.7-38.8 ms, median 29.3, of a fresh C1 JVM
     * with an AOT cache; now 15.5-29.2 ms, median 17.6 (15 interleaved runs each, 2 cores loaded by another
     * benchmark). What is left is mostly the map's 20,366 puts, the key substrings and parseInt; sizing the map from a
     * count of line ends cost more than the resizes it saved (median 19.8 ms).
     */
    private static PunktParameters read(String source, Function<String, String> file) {
        Set<String> abbrevs = new HashSet<>();
        forEachLine(file.apply("abbrev_types.txt"), (text, start, end, index) -> abbrevs.add(text.substring(start, end)));
        Set<String> starters = new HashSet<>();
        forEachLine(file.apply("sent_starters.txt"), (text, start, end, index) -> starters.add(text.substring(start, end)));
        Set<String> collocations = new HashSet<>();
        forEachLine(file.apply("collocations.tab"), (text, start, end, index) -> {
            int tab = text.indexOf('\t', start, end);
            if (tab < 0) throw malformed(source, "collocations.tab", index, "expected two tab-separated words");
            collocations.add(collocationKey(text.substring(start, tab), text.substring(tab + 1, end)));
        });
        Map<String, Integer> ortho = new HashMap<>();
        forEachLine(file.apply("ortho_context.tab"), (text, start, end, index) -> {
            int tab = text.lastIndexOf('\t', end - 1);
            try {
                if (tab < start) throw new NumberFormatException();
                ortho.put(text.substring(start, tab), Integer.parseInt(text, tab + 1, end, 10));
            } catch (NumberFormatException e) {
                throw malformed(source, "ortho_context.tab", index, "expected a word, a tab and an integer");
            }
        });
        return new PunktParameters(abbrevs, collocations, starters, ortho);
    }

    /** What {@link #forEachLine} hands a line: {@code text}'s chars {@code [start, end)}, the index-th non-empty one. */
    private interface Line {
        void accept(String text, int start, int end, int index);
    }

    /** Each non-empty line of {@code text}, as String.lines() ends them (\n, \r or \r\n), with its index among them. */
    private static void forEachLine(String text, Line line) {
        int index = 0;
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                if (i > start) line.accept(text, start, i, index++);
                start = i + 1;
            }
        }
    }

    /** Line numbers count the non-empty lines, as the files are read. */
    private static PunktDataException malformed(String source, String file, int index, String what) {
        return new PunktDataException(source + "/" + file + ":" + (index + 1) + ": " + what);
    }
}
