package dev.jack.core.text;

import dev.jack.core.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
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
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link PunktParameters#load} reads every folder as the line-by-line reader it replaced did (kept here as the
 * oracle): the same model, or the same exception with the same message (missing files, lines without a tab or with a
 * bad count, malformed UTF-8, every line ending and empty lines between).
 */
class PunktParametersReadTest {
    private static final String[] FILES = {"abbrev_types.txt", "sent_starters.txt", "collocations.tab", "ortho_context.tab"};

    @Test
    void readsNltksEnglishModelAsTheLineReaderDid() {
        Path english = SharedData.punktEnglish();
        assertEquals(outcome(() -> oracle(english)), outcome(() -> PunktParameters.load(english)));
        assertEquals(20_366, PunktParameters.load(english).orthoContext().size());
    }

    @Test
    void agreesWithTheLineReaderOnGeneratedFolders(@TempDir Path dir) throws IOException {
        Random random = new Random(20);
        Set<String> kinds = new HashSet<>();
        for (int folder = 0; folder < 600; folder++) {
            Path language = Files.createDirectories(dir.resolve("f" + folder));
            for (String name : FILES) {
                if (random.nextInt(40) == 0) continue;   // a missing file
                Files.write(language.resolve(name), content(random, name.endsWith(".tab"), random.nextInt(6) == 0));
            }
            Object expected = outcome(() -> oracle(language));
            assertEquals(expected, outcome(() -> PunktParameters.load(language)), language.toString());
            kinds.add(expected instanceof String error ? error.substring(0, error.indexOf(':')) : "model");
        }
        // Every outcome was met: models, missing files, malformed lines and malformed UTF-8.
        assertEquals(Set.of("model", PunktDataException.class.getName(), UncheckedIOException.class.getName()), kinds);
    }

    /** Up to 12 lines of words, tabs, signed and Unicode digits, spaces, empty lines and every line ending. */
    private static byte[] content(Random random, boolean tabbed, boolean mayBreakUtf8) {
        String[] pieces = {"a", "dr", "é", "\t", "\t", "7", "12", "-3", "+4", "", " ", "\u0663", "x\ty", "\t5"};
        String[] endings = {"\n", "\r", "\r\n", "\n\n", "\r\r\n"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lines = random.nextInt(13);
        for (int i = 0; i < lines; i++) {
            StringBuilder line = new StringBuilder();
            if (tabbed && random.nextInt(4) > 0) {
                line.append("w").append(random.nextInt(5)).append('\t').append(random.nextInt(200));
                if (random.nextInt(8) == 0) line.append(pieces[random.nextInt(pieces.length)]);
            } else {
                for (int k = random.nextInt(4); k > 0; k--) line.append(pieces[random.nextInt(pieces.length)]);
            }
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            if (mayBreakUtf8 && random.nextInt(6) == 0) out.writeBytes(random.nextBoolean() ? new byte[] {(byte) 0xFF} : new byte[] {(byte) 0xE2, (byte) 0x82});
            if (i < lines - 1 || random.nextBoolean()) out.writeBytes(endings[random.nextInt(endings.length)].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** The model, or the exception's class and message. */
    private static Object outcome(Supplier<PunktParameters> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** The reader {@link PunktParameters#load} replaced: Files.readAllLines, non-empty lines, a substring per part. */
    private static PunktParameters oracle(Path languageDir) {
        String source = languageDir.toString();
        Map<String, List<String>> lines = new HashMap<>();
        for (String name : FILES) {
            try {
                lines.put(name, Files.readAllLines(languageDir.resolve(name), StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList());
            } catch (NoSuchFileException e) {
                throw new PunktDataException("Punkt model incomplete: " + e.getFile() + " is missing");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (name.equals("collocations.tab")) break;   // ortho_context.tab was read after collocations.tab was checked
        }
        Set<String> collocations = new HashSet<>();
        List<String> collocationLines = lines.get("collocations.tab");
        for (int i = 0; i < collocationLines.size(); i++) {
            String line = collocationLines.get(i);
            int tab = line.indexOf('\t');
            if (tab < 0) throw new PunktDataException(source + "/collocations.tab:" + (i + 1) + ": expected two tab-separated words");
            collocations.add(PunktParameters.collocationKey(line.substring(0, tab), line.substring(tab + 1)));
        }
        List<String> orthoLines;
        try {
            orthoLines = Files.readAllLines(languageDir.resolve("ortho_context.tab"), StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
        } catch (NoSuchFileException e) {
            throw new PunktDataException("Punkt model incomplete: " + e.getFile() + " is missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> ortho = new HashMap<>();
        for (int i = 0; i < orthoLines.size(); i++) {
            String line = orthoLines.get(i);
            int tab = line.lastIndexOf('\t');
            try {
                if (tab < 0) throw new NumberFormatException();
                ortho.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
            } catch (NumberFormatException e) {
                throw new PunktDataException(source + "/ortho_context.tab:" + (i + 1) + ": expected a word, a tab and an integer");
            }
        }
        return new PunktParameters(new HashSet<>(lines.get("abbrev_types.txt")), collocations, new HashSet<>(lines.get("sent_starters.txt")), ortho);
    }
}
