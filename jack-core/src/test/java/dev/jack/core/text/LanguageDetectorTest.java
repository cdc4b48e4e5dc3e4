package dev.jack.core.text;

import com.cybozu.labs.langdetect.Detector;
import com.cybozu.labs.langdetect.DetectorFactory;
import com.cybozu.labs.langdetect.LangDetectException;
import dev.jack.core.SharedData;
import dev.jack.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jack's detector must give the langdetect library's answer (same seed) on every text. */
class LanguageDetectorTest {
    @Test
    void cachedTablesAreTheBuiltOnesAndABrokenCacheIsIgnored(@TempDir Path dir) throws IOException {
        LanguageDetector.Model built = LanguageDetector.build();
        Path file = dir.resolve("langdetect").resolve("tables-0.bin");
        Path cache = Files.createDirectories(file.getParent());
        List<Path> others = new ArrayList<>();
        for (int i = 1; i <= LanguageDetector.ModelCache.KEPT_BUILDS; i++) {
            Path other = cache.resolve("tables-" + i + ".bin");
            Files.writeString(other, "another build's tables");
            Files.setLastModifiedTime(other, FileTime.fromMillis(1_000_000L * i));  // tables-1 was used first
            others.add(other);
        }
        LanguageDetector.ModelCache.write(file, built);
        assertTrue(Files.notExists(others.getFirst()), "the tables used longest ago are removed");
        for (Path kept : others.subList(1, others.size())) assertTrue(Files.exists(kept), "the builds used last keep theirs: " + kept);
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        LanguageDetector.Model read = LanguageDetector.ModelCache.read(file);
        assertTrue(Files.getLastModifiedTime(file).toMillis() > 1_000_000L * others.size(), "a read marks the tables as used now");
        assertArrayEquals(built.perChar(), read.perChar());
        assertArrayEquals(built.asciiBigrams(), read.asciiBigrams());
        assertArrayEquals(built.asciiTrigrams(), read.asciiTrigrams());
        assertArrayEquals(built.bigrams(), read.bigrams());
        assertArrayEquals(built.trigrams(), read.trigrams());
        assertArrayEquals(built.probabilities(), read.probabilities());
        byte[] bytes = Files.readAllBytes(file);
        // The file is read through a window of a few hundred kilobytes: a change in its last one (checked after the
        // others) or in the header's lengths is found as one in the middle is.
        for (int at : new int[] {bytes.length - 9, 7}) {
            byte[] changed = bytes.clone();
            changed[at] ^= 1;
            Files.write(file, changed);
            assertNull(LanguageDetector.ModelCache.read(file), "a changed byte at " + at + " is found");
        }
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length + 1));
        assertNull(LanguageDetector.ModelCache.read(file), "a file with a byte more is ignored");
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        assertNull(LanguageDetector.ModelCache.read(file), "a changed byte fails the checksum");
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertNull(LanguageDetector.ModelCache.read(file), "a cut file is ignored");
        // The magic, then lengths whose int sum wraps round to this file's size (2 x 2^30 chars): no arrays are made.
        java.nio.ByteBuffer wrapping = java.nio.ByteBuffer.allocate(4 + 4 * 6 + 8).put(bytes, 0, 4);
        for (int n : new int[] {1 << 30, 1 << 30, 0, 0, 0, 0}) wrapping.putInt(n);
        Files.write(file, wrapping.array());
        assertNull(LanguageDetector.ModelCache.read(file), "lengths that add up to the file's size only when they wrap round are refused");
        assertNull(LanguageDetector.ModelCache.read(dir.resolve("none.bin")));
    }

    private static final LanguageDetector JACK = new LanguageDetector();

    @BeforeAll
    static void loadTheLibrary() throws Exception {
        List<String> profiles = new ArrayList<>();
        for (String lang : LanguageDetector.LANGUAGES) {
            try (InputStream in = DetectorFactory.class.getResourceAsStream("/profiles/" + lang)) {
                profiles.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        DetectorFactory.clear();
        DetectorFactory.loadProfile(profiles);
        DetectorFactory.setSeed(LanguageDetector.SEED);
    }

    /** The library's languages above its threshold, as "code=probability" in its order; empty when the text has no features. */
    private static Optional<List<String>> library(String text) {
        try {
            Detector d = DetectorFactory.create();
            d.append(text);
            return Optional.of(d.getProbabilities().stream().map(l -> l.lang + "=" + l.prob).toList());
        } catch (LangDetectException e) {
            return Optional.empty();
        }
    }

    /**
     * Jack's answer is the library's on every text, and where Jack ran all seven trials (its sums add up to about 1),
     * so are the probabilities, to the last bit (the arithmetic's order is the library's). Returns how many texts had
     * their probabilities compared.
     */
    private static int assertSameAnswers(List<String> texts) {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (String t : texts) {
            Optional<List<String>> library = library(t);
            Optional<String> expected = library.map(l -> l.isEmpty() ? "unknown" : l.getFirst().substring(0, l.getFirst().indexOf('=')));
            Optional<String> actual = JACK.detect(t);
            String start = t.substring(0, Math.min(80, t.length()));
            if (!expected.equals(actual)) differences.add(expected + " vs " + actual + ": " + start);
            double[] sums = JACK.probabilities(t);
            if (sums == null || java.util.Arrays.stream(sums).sum() < 6.5 / 7) continue;
            List<String> jack = new ArrayList<>();
            for (int j = 0; j < sums.length; j++) if (sums[j] > 0.1) jack.add(LanguageDetector.LANGUAGES.get(j) + "=" + sums[j]);
            if (!new java.util.HashSet<>(jack).equals(new java.util.HashSet<>(library.orElseThrow()))) {
                differences.add(library.get() + " vs " + jack + ": " + start);
            }
            compared++;
        }
        assertTrue(differences.isEmpty(), differences.size() + " of " + texts.size() + " differ:\n" + String.join("\n", differences));
        return compared;
    }

    @Test
    void knownLanguages() {
        assertEquals(Optional.of("fr"), JACK.detect("Bonjour, je voudrais réserver une table pour deux personnes ce soir."));
        assertEquals(Optional.of("ja"), JACK.detect("今日はいい天気ですね。散歩に行きましょう。"));
        assertEquals(Optional.of("ru"), JACK.detect("Это предложение написано на русском языке."));
        assertEquals(Optional.empty(), JACK.detect("1234 !!! ... http://example.com/x"), "no features");
    }

    @Test
    void sameAnswersAsTheLibraryOnVariedTexts() {
        List<String> texts = new ArrayList<>(List.of("", " ", "a", "A", "ABC DEF", "The USA and the UK.", "Ça va très bien, merci!",
                "Việt Nam là một quốc gia", "Tiếng Việt có dấu: ả ã ạ ầ", "مرحبا بالعالم", "नमस्ते दुनिया", "你好，世界",
                "Mixed English text with 日本語 and русский слова", "mail me at someone@example.com or see https://example.org/page",
                "ñandú pingüino", "ΑΛΦΑ ΒΗΤΑ", "şţ șț", "ABCdef GHIjkl",
                // Vietnamese written with combining marks, chars only between U+0100 and U+02FF (Latin, no
                // non-Latin char), and surrogate pairs: the paths that decide whether the cleaning step counts.
                "Vie\u0323\u0302t Nam la\u0300 mo\u0323\u0302t quo\u0302\u0301c gia", "Tie\u0302\u0301ng Vie\u0323\u0302t",
                "Āā Ăă Ąą Ćć ɐɑɒ ʰʱʲ ĀĂĄ", "emoji \uD83D\uDE00 text \uD835\uDD38\uD835\uDD39 and \uD83D\uDE00\uD83D\uDE00"));
        Random random = new Random(11);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ     .,éàüßçñøåæœšžčřтдяжשׁعبنकखगあいアイ한국中文ạệữĀăɐʰ\u0300\u0301\u0323\uD83D\uDE00";
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(200); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            texts.add(b.toString());
        }
        // Latin-1 texts (Jack scans those as bytes) with and without addresses and URLs, and a few chars of the
        // cleaning step's patterns.
        String[] words = {"the", "Über", "café", "garçon", "señor", "x.y@example.com", "https://example.org/a?b=c", "http:", "://",
                "@", ":", "ÄÖ", "mail", "données", "år", "straße"};
        for (int i = 0; i < 1000; i++) {
            // Half of them of words without '@' or ':', which skip the cleaning step.
            int choices = i % 2 == 0 ? words.length : 5;
            StringBuilder b = new StringBuilder();
            for (int k = 2 + random.nextInt(40); k > 0; k--) b.append(words[random.nextInt(choices)]).append(random.nextInt(5) == 0 ? "  " : " ");
            texts.add(b.toString());
        }
        texts.add("the café " + "données straße ".repeat(800) + " x.y@example.com");  // past the 10,000 chars read
        assertTrue(assertSameAnswers(texts) > 300, "texts that run all seven trials, whose probabilities are compared");
    }

    /**
     * The e-mail scan against the regex it stands for (Detector.append's), on texts made of the pattern's chars, '@'
     * and others, with runs around its limits (64 chars before the '@', 255 in each part after it).
     */
    @Test
    void mailAddressesAreDroppedAsTheLibrarysRegexDropsThem() {
        Pattern mail = Pattern.compile("[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}");
        Random random = new Random(5);
        String alphabet = "ab9-_.@@ ,é\n";
        int replaced = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int part = random.nextInt(10); part > 0; part--) {
                if (random.nextInt(6) == 0) {
                    int[] limits = {64, 255, 510};
                    int length = limits[random.nextInt(limits.length)] + random.nextInt(5) - 2;
                    char c = ".-a_Z5".charAt(random.nextInt(6));
                    b.append(String.valueOf(c).repeat(length));
                } else {
                    for (int k = random.nextInt(12); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = b.toString();
            String expected = mail.matcher(text).replaceAll(" ");
            assertEquals(expected, LanguageDetector.withoutMail(text), text);
            if (!expected.equals(text)) replaced++;
        }
        assertTrue(replaced > 5000, "texts with an address: " + replaced);
    }

    @Test
    void sameAnswersAsTheLibraryOnIfevalResponses() throws IOException {
        Path responses = SharedData.require("ifeval/responses_gpt4.jsonl");
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(responses)) {
            Map<?, ?> row = (Map<?, ?>) Json.parse(line);
            String r = (String) row.get("response");
            texts.add(r);
            texts.add(r.toUpperCase());
            texts.add((String) row.get("prompt"));
        }
        assertSameAnswers(texts);
    }

    /**
     * Every prompt and response of the reference data, whole, cut to their first 40 and 120 chars
     * (short texts are where the trials disagree and every trial runs), and two joined (mixed languages).
     */
    @Test
    void sameAnswersAsTheLibraryOnAllReferenceTextsCutAndJoined() throws IOException {
        Path shared = SharedData.require("ifeval").getParent().toRealPath();
        List<String> whole = new ArrayList<>();
        try (java.util.stream.Stream<Path> walk = Files.walk(shared)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank() || !(Json.parse(line) instanceof Map<?, ?> row)) continue;
                    for (String field : List.of("prompt", "response")) {
                        if (row.get(field) instanceof String t && !whole.contains(t)) whole.add(t);
                    }
                }
            }
        }
        List<String> texts = new ArrayList<>();
        Random random = new Random(5);
        for (String t : whole) {
            texts.add(t);
            texts.add(t.substring(0, Math.min(40, t.length())));
            texts.add(t.substring(0, Math.min(120, t.length())));
            String other = whole.get(random.nextInt(whole.size()));
            texts.add(t.substring(0, Math.min(200, t.length())) + " " + other.substring(0, Math.min(200, other.length())));
        }
        assertTrue(texts.size() > 20_000, texts.size() + " texts");
        assertTrue(assertSameAnswers(texts) > 500, "texts that run all seven trials, whose probabilities are compared");
    }
}
