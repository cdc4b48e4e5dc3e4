package dev.jack.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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

    /** Reads one language folder, e.g. {@code punkt_tab/english}. */
    public static PunktParameters load(Path languageDir) {
        return read(languageDir.toString(), name -> {
            try {
                return Files.readAllLines(languageDir.resolve(name), StandardCharsets.UTF_8);
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
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The model from the four files, each given as its lines; errors name {@code source}, the file and the line. */
    private static PunktParameters read(String source, Function<String, List<String>> file) {
        Set<String> abbrevs = new HashSet<>(nonEmpty(file.apply("abbrev_types.txt")));
        Set<String> starters = new HashSet<>(nonEmpty(file.apply("sent_starters.txt")));
        Set<String> collocations = new HashSet<>();
        List<String> collocationLines = nonEmpty(file.apply("collocations.tab"));
        for (int i = 0; i < collocationLines.size(); i++) {
            String line = collocationLines.get(i);
            int tab = line.indexOf('\t');
            if (tab < 0) throw malformed(source, "collocations.tab", i, "expected two tab-separated words");
            collocations.add(collocationKey(line.substring(0, tab), line.substring(tab + 1)));
        }
        Map<String, Integer> ortho = new HashMap<>();
        List<String> orthoLines = nonEmpty(file.apply("ortho_context.tab"));
        for (int i = 0; i < orthoLines.size(); i++) {
            String line = orthoLines.get(i);
            int tab = line.lastIndexOf('\t');
            try {
                if (tab < 0) throw new NumberFormatException();
                ortho.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
            } catch (NumberFormatException e) {
                throw malformed(source, "ortho_context.tab", i, "expected a word, a tab and an integer");
            }
        }
        return new PunktParameters(abbrevs, collocations, starters, ortho);
    }

    /** Line numbers count the non-empty lines, as the files are read. */
    private static PunktDataException malformed(String source, String file, int index, String what) {
        return new PunktDataException(source + "/" + file + ":" + (index + 1) + ": " + what);
    }

    private static List<String> nonEmpty(List<String> lines) {
        return lines.stream().filter(l -> !l.isEmpty()).toList();
    }
}
