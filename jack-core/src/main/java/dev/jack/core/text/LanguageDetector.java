package dev.jack.core.text;

import com.cybozu.labs.langdetect.DetectorFactory;
import com.cybozu.labs.langdetect.util.NGram;
import dev.jack.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.Character.UnicodeBlock;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Language identification exactly as langdetect 1.1 (com.cybozu.labs, the Java library Python's
 * langdetect was ported from) computes it, seeded, so a text always gets the same answer. It uses the
 * library's bundled profiles and its own character normalization; the detection loop is the library's
 * algorithm on flat arrays instead of string n-grams in hash maps, which makes it several times faster.
 * A test checks that every answer equals the library's on thousands of texts.
 *
 * <p>The reference scorer's langdetect is unseeded, so on borderline texts its answer varies from run
 * to run; Jack's never does.
 */
public final class LanguageDetector {
    /** The language codes of langdetect's bundled profiles, in the order they are loaded. */
    public static final List<String> LANGUAGES = List.of(
            "af", "ar", "bg", "bn", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "gu", "he",
            "hi", "hr", "hu", "id", "it", "ja", "kn", "ko", "lt", "lv", "mk", "ml", "mr", "ne", "nl", "no",
            "pa", "pl", "pt", "ro", "ru", "sk", "sl", "so", "sq", "sv", "sw", "ta", "te", "th", "tl", "tr",
            "uk", "ur", "vi", "zh-cn", "zh-tw");
    /** The seed Jack gives langdetect's random trials. */
    public static final long SEED = 0L;

    // langdetect 1.1's constants.
    private static final Pattern URL = Pattern.compile("https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}");
    private static final Pattern MAIL = Pattern.compile("[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}");
    private static final int MAX_TEXT_LENGTH = 10_000;
    private static final int TRIALS = 7;
    private static final double ALPHA = 0.5;
    private static final double ALPHA_WIDTH = 0.05;
    private static final int ITERATION_LIMIT = 1000;
    private static final double CONVERGENCE = 0.99999;
    private static final double PROB_THRESHOLD = 0.1;
    private static final int BASE_FREQ = 10_000;

    private static volatile Model model;

    /** NGram.normalize and the cleaning step's "non-Latin" test for every char, computed once (both look up Unicode blocks). */
    private static final char[] NORMALIZED = new char[65536];
    private static final java.util.BitSet NON_LATIN = new java.util.BitSet(65536);

    static {
        for (int c = 0; c < 65536; c++) {
            NORMALIZED[c] = NGram.normalize((char) c);
            if (c >= 0x300 && UnicodeBlock.of((char) c) != UnicodeBlock.LATIN_EXTENDED_ADDITIONAL) NON_LATIN.set(c);
        }
    }

    /** The n-gram probabilities of all profiles: gram key to a row of one probability per language. */
    private record Model(long[] keys, int[] rows, double[] probabilities, int mask) {
        int row(long key) {
            for (int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask; ; slot = (slot + 1) & mask) {
                if (keys[slot] == 0) return -1;
                if (keys[slot] == key) return rows[slot];
            }
        }
    }

    private static Model model() {
        Model m = model;
        if (m != null) return m;
        synchronized (LanguageDetector.class) {
            if (model == null) model = load();
            return model;
        }
    }

    /** Loads the models now (e.g. on a background thread) so the first detection does not wait. */
    public static void preload() {
        model();
    }

    private static Model load() {
        // Parsing the 53 profiles dominates start-up, so it runs on every core.
        List<Map<?, ?>> profiles = LANGUAGES.parallelStream().map(LanguageDetector::readProfile).toList();
        int languages = profiles.size();
        java.util.HashMap<String, Integer> rowOf = new java.util.HashMap<>();
        double[] probabilities = new double[1 << 16];
        for (int lang = 0; lang < languages; lang++) {
            Map<?, ?> profile = profiles.get(lang);
            List<?> nWords = (List<?>) profile.get("n_words");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) profile.get("freq")).entrySet()) {
                String gram = (String) e.getKey();
                int length = gram.length();
                if (length < 1 || length > NGram.N_GRAM) continue;
                Integer row = rowOf.get(gram);
                if (row == null) {
                    row = rowOf.size();
                    rowOf.put(gram, row);
                    if ((row + 1) * languages > probabilities.length) {
                        probabilities = Arrays.copyOf(probabilities, probabilities.length * 2);
                    }
                }
                // As the library computes it: the int count over the int total for the gram length.
                probabilities[row * languages + lang] = ((Long) e.getValue()).intValue()
                        / (double) ((Long) nWords.get(length - 1)).intValue();
            }
        }
        int capacity = Integer.highestOneBit(rowOf.size() * 2) * 2;
        long[] keys = new long[capacity];
        int[] rows = new int[capacity];
        Model m = new Model(keys, rows, probabilities, capacity - 1);
        rowOf.forEach((gram, row) -> {
            long key = key(gram, 0, gram.length());
            int slot = Long.hashCode(key * 0x9E3779B97F4A7C15L) & m.mask();
            while (keys[slot] != 0) slot = (slot + 1) & m.mask();
            keys[slot] = key;
            rows[slot] = row;
        });
        return m;
    }

    private static Map<?, ?> readProfile(String lang) {
        try (InputStream in = DetectorFactory.class.getResourceAsStream("/profiles/" + lang)) {
            if (in == null) throw new IllegalStateException("langdetect profile missing from classpath: " + lang);
            return (Map<?, ?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packs one to three chars with the length, so that no key is 0. */
    private static long key(String s, int from, int to) {
        long k = to - from;
        for (int i = from; i < to; i++) k = (k << 16) | s.charAt(i);
        return k;
    }

    private static long key(char[] s, int from, int to) {
        long k = to - from;
        for (int i = from; i < to; i++) k = (k << 16) | s[i];
        return k;
    }

    /** The most probable language code ("unknown" if none is likely), or empty when the text has no features. */
    public Optional<String> detect(String text) {
        Model m = model();
        int[] grams = extractGrams(m, clean(prepare(text)));
        if (grams.length == 0) return Optional.empty();
        double[] probability = trials(m, grams);
        int best = -1;
        for (int j = 0; j < probability.length; j++) {
            if (probability[j] > PROB_THRESHOLD && (best < 0 || probability[j] > probability[best])) best = j;
        }
        return Optional.of(best < 0 ? "unknown" : LANGUAGES.get(best));
    }

    /** Detector.append: drop URLs and e-mail addresses, normalize Vietnamese, squeeze double spaces. */
    private static StringBuilder prepare(String text) {
        // Both patterns need a fixed character, so texts without it skip the (slow) scan.
        if (text.contains("http")) text = URL.matcher(text).replaceAll(" ");
        if (text.indexOf('@') >= 0) text = MAIL.matcher(text).replaceAll(" ");
        if (hasVietnameseMark(text)) text = NGram.normalize_vi(text);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT_LENGTH));
        char previous = 0;
        for (int i = 0; i < text.length() && i < MAX_TEXT_LENGTH; i++) {
            char c = text.charAt(i);
            if (c != ' ' || previous != ' ') out.append(c);
            previous = c;
        }
        return out;
    }

    /** normalize_vi only rewrites a vowel followed by one of these combining marks; other texts skip its regex scan. */
    private static boolean hasVietnameseMark(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0300' || c == '\u0301' || c == '\u0303' || c == '\u0309' || c == '\u0323') return true;
        }
        return false;
    }

    /** Detector.cleaningText: text mostly in another script loses its Latin letters. */
    private static CharSequence clean(StringBuilder text) {
        int latin = 0;
        int nonLatin = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 'z' && c >= 'A') latin++;
            else if (NON_LATIN.get(c)) nonLatin++;
        }
        if (latin * 2 >= nonLatin) return text;
        StringBuilder without = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 'z' || c < 'A') without.append(c);
        }
        return without;
    }

    /** Detector.extractNGrams with NGram's buffer rules: the rows of the 1-, 2- and 3-grams the profiles know. */
    private static int[] extractGrams(Model m, CharSequence text) {
        int[] out = new int[Math.max(16, text.length() * 3)];
        int count = 0;
        char[] grams = new char[NGram.N_GRAM];
        grams[0] = ' ';
        int length = 1;
        boolean capitalWord = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = NORMALIZED[text.charAt(i)];
            char last = grams[length - 1];
            if (last == ' ') {
                grams[0] = ' ';
                length = 1;
                capitalWord = false;
                if (ch == ' ') continue;
            } else if (length >= NGram.N_GRAM) {
                System.arraycopy(grams, 1, grams, 0, length - 1);
                length--;
            }
            grams[length++] = ch;
            if (Character.isUpperCase(ch)) {
                if (Character.isUpperCase(last)) capitalWord = true;
            } else {
                capitalWord = false;
            }
            if (capitalWord) continue;
            for (int n = 1; n <= NGram.N_GRAM && n <= length; n++) {
                if (n == 1 && ch == ' ') continue;
                int row = m.row(key(grams, length - n, length));
                if (row >= 0) out[count++] = row;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Detector.detectBlock: seeded random trials that multiply in the probabilities of sampled n-grams. */
    private static double[] trials(Model m, int[] grams) {
        int languages = LANGUAGES.size();
        double[] result = new double[languages];
        double[] table = m.probabilities();
        LegacyRandom random = new LegacyRandom(SEED);
        double[] probability = new double[languages];
        for (int t = 0; t < TRIALS; t++) {
            Arrays.fill(probability, 1.0 / languages);
            double alpha = ALPHA + random.nextGaussian() * ALPHA_WIDTH;
            double weight = alpha / BASE_FREQ;
            for (int i = 0; ; i++) {
                int base = grams[random.nextInt(grams.length)] * languages;
                for (int j = 0; j < languages; j++) probability[j] *= weight + table[base + j];
                if (i % 5 == 0 && (normalize(probability) > CONVERGENCE || i >= ITERATION_LIMIT)) break;
            }
            for (int j = 0; j < languages; j++) result[j] += probability[j] / TRIALS;
        }
        return result;
    }

    /** Divides by the sum (added in order, as the library does) and returns the largest probability. */
    private static double normalize(double[] probability) {
        double sum = 0;
        for (double p : probability) sum += p;
        for (int j = 0; j < probability.length; j++) probability[j] /= sum;
        double max = 0;
        for (double p : probability) max = Math.max(max, p);
        return max;
    }
}
