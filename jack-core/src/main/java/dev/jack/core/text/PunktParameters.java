package dev.jack.core.text;

import java.io.IOException;
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
        try {
            Set<String> abbrevs = new HashSet<>(lines(languageDir.resolve("abbrev_types.txt")));
            Set<String> starters = new HashSet<>(lines(languageDir.resolve("sent_starters.txt")));
            Set<String> collocations = new HashSet<>();
            Path collocationFile = languageDir.resolve("collocations.tab");
            List<String> collocationLines = lines(collocationFile);
            for (int i = 0; i < collocationLines.size(); i++) {
                String line = collocationLines.get(i);
                int tab = line.indexOf('\t');
                if (tab < 0) throw malformed(collocationFile, i, "expected two tab-separated words");
                collocations.add(collocationKey(line.substring(0, tab), line.substring(tab + 1)));
            }
            Map<String, Integer> ortho = new HashMap<>();
            Path orthoFile = languageDir.resolve("ortho_context.tab");
            List<String> orthoLines = lines(orthoFile);
            for (int i = 0; i < orthoLines.size(); i++) {
                String line = orthoLines.get(i);
                int tab = line.lastIndexOf('\t');
                try {
                    if (tab < 0) throw new NumberFormatException();
                    ortho.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
                } catch (NumberFormatException e) {
                    throw malformed(orthoFile, i, "expected a word, a tab and an integer");
                }
            }
            return new PunktParameters(abbrevs, collocations, starters, ortho);
        } catch (NoSuchFileException e) {
            throw new PunktDataException("Punkt model incomplete: " + e.getFile() + " is missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PunktDataException malformed(Path file, int index, String what) {
        return new PunktDataException(file + ":" + (index + 1) + ": " + what);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
    }
}
