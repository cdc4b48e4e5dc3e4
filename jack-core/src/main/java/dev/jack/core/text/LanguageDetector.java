package dev.jack.core.text;

import com.cybozu.labs.langdetect.DetectorFactory;
import com.cybozu.labs.langdetect.util.NGram;
import dev.jack.core.Latin1;
import dev.jack.core.data.DataLocations;
import dev.jack.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.lang.Character.UnicodeBlock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Language identification exactly as langdetect 1.1 (com.cybozu.labs, the Java library Python's
 * langdetect was ported from) computes it, seeded, so a text always gets the same answer. It uses the
 * library's bundled profiles and its own character normalization.
 *
 * <p>Hand-written for speed, with the library's arithmetic: the same n-grams in the same order, the
 * same {@link java.util.Random} sequence, the same floating-point operations in the same order. The
 * n-grams are looked up in flat tables (a direct table for 1-grams, open addressing on packed chars
 * for 2- and 3-grams, each slot one {@code long}); the probabilities of all languages for one n-gram
 * are one row of a flat array. Two shortcuts keep the answer exact: the largest probability after
 * normalizing is taken as the largest before it divided by the sum (division by a positive number
 * is monotonic, so the rounded results agree), and the trials stop once the leading language is
 * above the reporting threshold and ahead of every other by more than the remaining trials could
 * add (each adds at most 1/7 to a language). A test checks that every answer equals the library's
 * on thousands of texts.
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
    private static final int MAX_TEXT_LENGTH = 10_000;
    private static final int TRIALS = 7;
    private static final double ALPHA = 0.5;
    private static final double ALPHA_WIDTH = 0.05;
    private static final int ITERATION_LIMIT = 1000;
    private static final double CONVERGENCE = 0.99999;
    /** The share of the sum above which a language's own share decides the convergence test ({@link #trials}). */
    private static final double LEADER_SHARE = 0.01;
    private static final double PROB_THRESHOLD = 0.1;
    private static final int BASE_FREQ = 10_000;
    private static final int LANGS = LANGUAGES.size();

    private static volatile Model model;

    /**
     * {@link Model#perChar()}'s fields for a char c: NGram.normalize(c), the row plus one of that char's 1-gram (0:
     * unknown, or the space), its {@link #ASCII_CODE} (0 for a char past ASCII), whether it is upper case
     * (Character.isUpperCase), and whether c counts as non-Latin in the cleaning step.
     */
    private static final int UNIGRAM_SHIFT = 16;
    private static final int CODE_SHIFT = 32;
    private static final long UPPER = 1L << 38;
    /** {@link #UPPER} in the high half of a {@link Model#perChar()} entry (its bits from {@link #CODE_SHIFT} on). */
    private static final int UPPER_HIGH = (int) (UPPER >>> CODE_SHIFT);
    private static final long NON_LATIN = 1L << 39;

    /**
     * After NGram.normalize the only ASCII chars are letters and the space: a 6-bit code for each
     * (0 for the others, which no n-gram holds), so ASCII 2- and 3-grams index small direct tables.
     */
    private static final int[] ASCII_CODE = new int[128];

    static {
        int code = 1;
        ASCII_CODE[' '] = code++;
        for (char c = 'A'; c <= 'Z'; c++) ASCII_CODE[c] = code++;
        for (char c = 'a'; c <= 'z'; c++) ASCII_CODE[c] = code++;
    }

    /**
     * The n-gram probabilities of all profiles. {@code perChar[c]} holds all that {@link #extractGrams} looks up for a
     * char c read from the text, one load where there were six (its normalized char, that char's 1-gram row, case and
     * ASCII code, c's class; the fields at {@link #UNIGRAM_SHIFT} and after): Unicode block and case lookups, made with
     * the tables and cached with them (computed in this class's initializer, on the thread that made the first
     * TextTools, they were 12% of the CPU samples of the 15-row example eval). {@code asciiBigrams} and
     * {@code asciiTrigrams} hold the row plus one (0: unknown) of n-grams of ASCII chars, indexed by their 6-bit codes;
     * {@code bigrams} and {@code trigrams} hold the others as {@code chars << 16 | row} per slot (0: empty), the chars
     * packed 16 bits each. Row r's probabilities are {@code probabilities[r * 53 ..]}.
     */
    record Model(long[] perChar, char[] asciiBigrams, char[] asciiTrigrams, long[] bigrams, long[] trigrams,
                         double[] probabilities) {
        /**
         * The row of an n-gram of the hashed {@code table} ({@code chars}: its chars, 16 bits each, the first highest),
         * or -1 when the profiles do not know it. The home slot is tried here, the probing past it in
         * {@link #rowPastHome}: 32 bytes of bytecode, which C1 inlines (it inlines up to 35), where the whole lookup
         * (56) was a call for every n-gram with a char past ASCII; over 70% of those n-grams of the eval's non-Latin
         * texts are found in their home slot.
         */
        static int row(long[] table, long chars) {
            long entry = table[slot(chars, table.length - 1)];
            return entry >>> 16 == chars ? (char) entry : rowPastHome(table, chars);
        }

        /** {@link #row} by linear probing from the home slot: -1 at the first empty slot. */
        static int rowPastHome(long[] table, long chars) {
            int mask = table.length - 1;
            for (int slot = slot(chars, mask); ; slot = (slot + 1) & mask) {
                long entry = table[slot];
                if (entry == 0) return -1;
                if (entry >>> 16 == chars) return (char) entry;
            }
        }

        static int slot(long chars, int mask) {
            return (int) ((chars * 0x9E3779B97F4A7C15L) >>> 40) & mask;
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

    /**
     * The tables from Jack's cache when a run with the same langdetect jar and the same build of this class made
     * them, else built from the profiles and cached (best effort: a cache that cannot be written is skipped).
     */
    private static Model load() {
        Path cache = ModelCache.file();
        Model m = cache == null ? null : ModelCache.read(cache);
        if (m == null) {
            m = build();
            if (cache != null) ModelCache.write(cache, m);
        }
        return m;
    }

    /** The tables from langdetect's JSON profiles (parsing the 53 of them takes most of a second, so it runs on every core). */
    static Model build() {
        List<Map<?, ?>> profiles = LANGUAGES.parallelStream().map(LanguageDetector::readProfile).toList();
        Map<String, Integer> rowOf = new HashMap<>();
        double[] probabilities = new double[1 << 16];
        for (int lang = 0; lang < LANGS; lang++) {
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
                    if ((row + 1) * LANGS > probabilities.length) {
                        probabilities = Arrays.copyOf(probabilities, probabilities.length * 2);
                    }
                }
                // As the library computes it: the int count over the int total for the gram length.
                probabilities[row * LANGS + lang] = ((Long) e.getValue()).intValue()
                        / (double) ((Long) nWords.get(length - 1)).intValue();
            }
        }
        if (rowOf.size() > 0xFFFF) throw new IllegalStateException("langdetect profiles hold more n-grams than fit a slot");
        char[] unigrams = new char[65536];
        char[] asciiBigrams = new char[1 << 12];
        char[] asciiTrigrams = new char[1 << 18];
        int bigramCount = 0;
        for (String gram : rowOf.keySet()) if (gram.length() == 2) bigramCount++;
        long[] bigrams = new long[Integer.highestOneBit(Math.max(1, bigramCount) * 2) * 2];
        long[] trigrams = new long[Integer.highestOneBit(Math.max(1, rowOf.size() - bigramCount) * 2) * 2];
        rowOf.forEach((gram, row) -> {
            if (gram.length() == 1) {
                unigrams[gram.charAt(0)] = (char) (row + 1);
                return;
            }
            int ascii = asciiIndex(gram);
            if (ascii >= 0) {
                (gram.length() == 2 ? asciiBigrams : asciiTrigrams)[ascii] = (char) (row + 1);
                return;
            }
            long chars = 0;
            for (int i = 0; i < gram.length(); i++) chars = chars << 16 | gram.charAt(i);
            long[] table = gram.length() == 2 ? bigrams : trigrams;
            int mask = table.length - 1;
            int slot = Model.slot(chars, mask);
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = chars << 16 | row;
        });
        long[] perChar = new long[65536];
        for (int c = 0; c < 65536; c++) {
            char ch = NGram.normalize((char) c);
            boolean nonLatin = c >= 0x300 && UnicodeBlock.of((char) c) != UnicodeBlock.LATIN_EXTENDED_ADDITIONAL;
            perChar[c] = ch | (long) (ch == ' ' ? 0 : unigrams[ch]) << UNIGRAM_SHIFT | (long) (ch < 128 ? ASCII_CODE[ch] : 0) << CODE_SHIFT
                    | (Character.isUpperCase(ch) ? UPPER : 0) | (nonLatin ? NON_LATIN : 0);
        }
        return new Model(perChar, asciiBigrams, asciiTrigrams, bigrams, trigrams, Arrays.copyOf(probabilities, rowOf.size() * LANGS));
    }

    /** The direct-table index of an n-gram of ASCII chars, or -1 when a char is not ASCII. */
    private static int asciiIndex(String gram) {
        int index = 0;
        for (int i = 0; i < gram.length(); i++) {
            char c = gram.charAt(i);
            if (c >= 128) return -1;
            if (ASCII_CODE[c] == 0) throw new IllegalStateException("langdetect profile n-gram with an unnormalized char: " + gram);
            index = index << 6 | ASCII_CODE[c];
        }
        return index;
    }

    private static Map<?, ?> readProfile(String lang) {
        try (InputStream in = DetectorFactory.class.getResourceAsStream("/profiles/" + lang)) {
            if (in == null) throw new IllegalStateException("langdetect profile missing from classpath: " + lang);
            return (Map<?, ?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A thread's room for a detection: the n-gram rows of a text, at most three per char read ({@link #extractGrams}),
     * grown to the longest text the thread has seen (short-lived virtual threads checking short texts stay small), and
     * the trials' probabilities.
     */
    private static final class Work {
        int[] grams = new int[0];
        /**
         * The first 10,000 chars of the text as the cleaning step leaves it, which {@link #extractGrams} reads (in C1's
         * code, eval's, String.charAt tests the string's coder and bounds at every char: an array read costs less, copy
         * included).
         */
        char[] chars = new char[0];
        final double[] result = new double[LANGS];
        final double[] probability = new double[LANGS];
        /** The text's Latin-1 bytes, where it is Latin-1 (for the pass in {@link #detect}). */
        final Latin1.Copy copy = new Latin1.Copy();
    }

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    /** The most probable language code ("unknown" if none is likely), or empty when the text has no features. */
    public Optional<String> detect(String text) {
        double[] probability = probabilities(text);
        if (probability == null) return Optional.empty();
        int best = -1;
        for (int j = 0; j < probability.length; j++) {
            if (probability[j] > PROB_THRESHOLD && (best < 0 || probability[j] > probability[best])) best = j;
        }
        return Optional.of(best < 0 ? "unknown" : LANGUAGES.get(best));
    }

    /**
     * The trials' sums for the text, one per language of {@link #LANGUAGES} (Detector.detectBlock's, over the trials
     * run: all seven unless the answer was decided earlier), or null when the text has no features. The array is the
     * thread's, overwritten by its next detection (tests compare it with the library's probabilities).
     */
    double[] probabilities(String text) {
        Model m = model();
        Work work = WORK.get();
        // A Latin-1 string holds no char at or above U+0300; where it holds no ':' (which every URL holds, in "://") the
        // URL pattern cannot match it, and where it holds no '@' the e-mail pattern cannot: one pass over a copy of its
        // bytes, eight at a time, where the char loops of scan, contains("http") and indexOf('@') took 9% of the
        // detections' time in C1. The pass goes on from the first of the two for the other: markdown's ':' alone sent a
        // text through both char loops (StringLatin1.indexOf and indexOfChar: 3% of a detection in C1).
        byte[] latin1 = text.length() >= Latin1.WORTH_COPYING ? work.copy.of(text) : null;
        int scanned = latin1 == null ? scan(text) : 0;
        boolean url = true;
        boolean mail = true;
        if (latin1 != null) {
            int n = text.length();
            int first = Latin1.indexOfAny(latin1, 0, n, '@', ':', ':');
            boolean at = first >= 0 && latin1[first] == '@';
            url = first >= 0 && (!at || Latin1.indexOfAny(latin1, first + 1, n, ':', ':', ':') >= 0);
            mail = at || first >= 0 && Latin1.indexOfAny(latin1, first + 1, n, '@', '@', '@') >= 0;
        }
        String prepared = url || mail ? prepare(text, url, mail, (scanned & VIETNAMESE_MARK) != 0) : text;
        int limit = Math.min(prepared.length(), MAX_TEXT_LENGTH);
        if (work.grams.length < 3 * limit) {
            work.grams = new int[3 * Math.max(limit, Math.min(2 * work.chars.length, MAX_TEXT_LENGTH))];
            work.chars = new char[work.grams.length / 3];
        }
        prepared.getChars(0, limit, work.chars, 0);
        int[] grams = work.grams;
        int count = extractGrams(m, work.chars, limit, grams, (scanned & BEYOND_LATIN) != 0);
        return count == 0 ? null : trials(m, grams, count, work.result, work.probability);
    }

    /**
     * Detector.append's replacements: drop URLs ({@code url}: whether the text may hold one) and e-mail addresses
     * ({@code mail}: likewise; removing URLs never removes an '@'), normalize Vietnamese ({@code vietnamese}: whether
     * the text holds one of its combining marks, {@link #scan}; the replacements before it only ever remove ASCII).
     */
    private static String prepare(String text, boolean url, boolean mail, boolean vietnamese) {
        // The URL pattern needs "http", so texts without it skip the regex's scan.
        if (url && text.contains("http")) text = URL.matcher(text).replaceAll(" ");
        if (mail) text = withoutMail(text);
        if (vietnamese) text = NGram.normalize_vi(text);
        return text;
    }

    /**
     * {@code text} with every match of Detector.append's e-mail pattern,
     * {@code [-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}}, replaced by a space, as the library's
     * {@code replaceAll(" ")} does, by a scan from each '@' (hand-written for speed: the regex tries a match at every
     * position of the text, and at each it runs along a word and backs off it again; in the 54,100-row eval, C1's code
     * for that took 2% of the command's CPU time, on the few responses with an '@'). What makes the scan exact: every
     * match holds one '@', the first at or after its start (the part before it, 1 to 64 chars of its class, holds none),
     * so the leftmost match from a position is the one at the earliest start that reaches the next '@' by a run of at
     * most 64 such chars, if the part after that '@' matches; that part is two greedy runs, {@link #mailEnd}.
     */
    static String withoutMail(String text) {
        int at = text.indexOf('@');
        if (at < 0) return text;
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;  // where the regex's search goes on: the end of the last match
        while (at >= 0) {
            int start = at;
            int earliest = Math.max(from, at - 64);
            while (start > earliest && mailChar(text.charAt(start - 1), true)) start--;
            int end = start < at ? mailEnd(text, at + 1) : -1;
            if (end < 0) {
                at = text.indexOf('@', at + 1);
                continue;
            }
            out.append(text, from, start).append(' ');
            from = end;
            at = text.indexOf('@', end);
        }
        return out.append(text, from, text.length()).toString();
    }

    /**
     * Where the part of the e-mail pattern after its '@' ends when it starts at {@code from}, or -1 where it does not
     * match: {@code [-_0-9A-Za-z]{1,255}} takes its longest run, then {@code [-_.0-9A-Za-z]{1,255}} its longest; where
     * the second finds nothing, the first gives back its last char (a char of both classes) if it keeps one, as the
     * regex backtracks.
     */
    private static int mailEnd(String text, int from) {
        int n = text.length();
        int first = 0;
        while (first < 255 && from + first < n && mailChar(text.charAt(from + first), false)) first++;
        if (first == 0) return -1;
        int second = 0;
        while (second < 255 && from + first + second < n && mailChar(text.charAt(from + first + second), true)) second++;
        if (second > 0) return from + first + second;
        return first >= 2 ? from + first : -1;
    }

    /** Whether c is in {@code [-_0-9A-Za-z]}, or with {@code dot} in {@code [-_.0-9A-Za-z]}. */
    private static boolean mailChar(char c, boolean dot) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || dot && c == '.';
    }

    /** {@link #scan}'s bits: a char at or above U+0300, where the non-Latin blocks of the cleaning step start; a Vietnamese combining mark. */
    private static final int BEYOND_LATIN = 1;
    private static final int VIETNAMESE_MARK = 2;

    /**
     * What one pass over the text finds: {@link #BEYOND_LATIN}, without which no char counts as non-Latin and the cleaning
     * step's counting pass is skipped ({@link #extractGrams}); and {@link #VIETNAMESE_MARK}, as normalize_vi only
     * rewrites a vowel followed by one of these combining marks (other texts skip its regex scan).
     */
    private static int scan(String text) {
        int found = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0300') {
                found = BEYOND_LATIN;
                if (c == '\u0300' || c == '\u0301' || c == '\u0303' || c == '\u0309' || c == '\u0323') return BEYOND_LATIN | VIETNAMESE_MARK;
            }
        }
        return found;
    }

    /**
     * The rows of the 1-, 2- and 3-grams the profiles know, in the library's order. The text is read as Detector.append
     * leaves it (the first 10,000 chars, runs of spaces squeezed to one) and as Detector.cleaningText leaves that
     * (Latin letters dropped from text mostly in another script), then NGram's buffer rules: a space restarts the gram
     * buffer, a capitalized run of capitals yields nothing. Reads {@code text[0, limit)}; writes the rows into
     * {@code out} (room for three per char read, past the count it may hold -1s) and returns how many.
     * {@code beyondLatin}: whether the text may hold a non-Latin char (one at or above U+0300); without one the cleaning
     * step keeps every char, and its counting pass is skipped. A char read costs one load of {@link Model#perChar} (where there were six table loads: normalized char,
     * class, previous char's class, 1-gram, two ASCII codes), and the n-gram's ASCII codes shift along with its chars:
     * the least CPU time of a pass over the 541 GPT-4 responses in C1 (2-core VM under load, 10 interleaved runs each)
     * was 14.45-16.67 ms against 14.66-16.97 before (a few percent; the lower halves 14.45-14.93 against 14.66-16.53).
     * Rows are written unconditionally and counted only where known (8 interleaved runs each: 12.81-13.33 ms against
     * 13.07-14.74). Tried and dropped: the 3-gram's lookup without the branch on the buffer's length, and the capital
     * run's test as boolean operations (no gain the runs showed).
     *
     * <p>The loop is shaped for C1's code (eval's): int operations only on the path of an ASCII n-gram, which is kept
     * apart from the hashed lookups, whose calls made C1 keep the loop's values on the stack on every path; the 2- and
     * 3-gram buffer as an int of two chars and the char before them (where there were three chars and a length); the
     * capital run as the AND of two case bits (no state); {@link Model#row} small enough for C1 to inline. Counted
     * with callgrind (instructions do not depend on the machine's load, where this 2-core VM's timings varied by
     * +-30%): the extraction of the 102 texts that the 54,100-row eval detects (its GPT-4 responses and their loose
     * variants, each detected 100 times there) took 12.5 M instructions per pass in C1 against 16.1 M (-23%).
     * Tried and dropped: the three chars as one long (-4%: C1 shifts a long by a constant through CL and masks it with
     * a 64-bit constant loaded into a register); the ASCII and hashed paths joined before the stores (7% more than
     * apart); the hashed tables at half the size (about half full; no gain the timings showed).
     */
    private static int extractGrams(Model m, char[] text, int limit, int[] out, boolean beyondLatin) {
        long[] perChar = m.perChar();
        int latin = 0;
        int nonLatin = 0;
        char previous = 0;
        if (beyondLatin) {
            for (int i = 0; i < limit; i++) {
                char c = text[i];
                if (c != ' ' || previous != ' ') {
                    if (c <= 'z' && c >= 'A') latin++;
                    else if ((perChar[c] & NON_LATIN) != 0) nonLatin++;
                }
                previous = c;
            }
        }
        boolean dropLatin = latin * 2 < nonLatin;
        char[] asciiBigrams = m.asciiBigrams();
        char[] asciiTrigrams = m.asciiTrigrams();
        long[] bigrams = m.bigrams();
        long[] trigrams = m.trigrams();
        int count = 0;
        // The gram buffer: pair holds its newest two chars (the newest lowest, 16 bits each), third the one before
        // them, 0 while it holds fewer than three (a normalized char is never 0); " " alone after a space. codes: the
        // chars' ASCII codes, 6 bits each, the newest lowest (meaningful where the chars are ASCII); lastUpper: the
        // UPPER bit of the newest char. All int operations: C1 makes a long shift by a constant a shift by CL, a long
        // mask a 64-bit constant loaded into a register, and a boolean computed from a comparison a 0 or 1 tested
        // again.
        int pair = ' ';
        int third = 0;
        int codes = ASCII_CODE[' '];
        int lastUpper = 0;
        previous = 0;
        for (int i = 0; i < limit; i++) {
            char raw = text[i];
            if (raw == ' ' && previous == ' ') continue;
            previous = raw;
            if (dropLatin && raw <= 'z' && raw >= 'A') continue;
            long info = perChar[raw];
            int low = (int) info;
            int high = (int) (info >>> CODE_SHIFT);
            char ch = (char) low;
            if ((char) pair == ' ') {
                pair = ' ';
                if (ch == ' ') continue;
            }
            third = pair >>> 16;
            pair = pair << 16 | ch;
            codes = codes << 6 | high & 0x3F;
            // NGram's capitalword_ is set by a capital after a capital and cleared by any other char or a space's
            // reset, so it holds exactly when this char and the one before it are capitals (after a reset, the one
            // before is the space): then the char yields no n-gram.
            int upper = high & UPPER_HIGH;
            int capitalWord = upper & lastUpper;
            lastUpper = upper;
            if (capitalWord != 0) continue;
            count = put(out, count, (low >>> UNIGRAM_SHIFT) - 1);
            // The n-grams of two and three chars: from the direct tables where all their chars are ASCII (the common
            // case, kept apart from the hashed lookups: on a path that joins theirs, C1 keeps the loop's values on the
            // stack, as a call needs them there), else each from its own table.
            if ((pair & 0xFF80FF80 | third & 0xFF80) == 0) {
                count = put(out, count, asciiBigrams[codes & 0xFFF] - 1);
                if (third != 0) count = put(out, count, asciiTrigrams[codes & 0x3FFFF] - 1);
            } else {
                count = put(out, count, (pair & 0xFF80FF80) == 0 ? asciiBigrams[codes & 0xFFF] - 1
                        : Model.row(bigrams, pair & 0xFFFF_FFFFL));
                if (third != 0) count = put(out, count, Model.row(trigrams, (long) third << 32 | pair & 0xFFFF_FFFFL));
            }
        }
        return count;
    }

    /**
     * Stores an n-gram's row at {@code out[count]} and returns the count, one more where the row is one (-1: unknown).
     * Unconditionally: whether an n-gram is known follows no pattern the branch predictor learns, and the branch cost
     * 4-5% of a detection's time in C1.
     */
    private static int put(int[] out, int count, int row) {
        out[count] = row;
        return count + (~row >>> 31);
    }

    /**
     * Detector.detectBlock: seeded random trials that multiply in the probabilities of sampled n-grams,
     * averaged over the trials into {@code result} (returned); {@code probability} is a trial's room.
     *
     * <p>The library updates the probabilities one n-gram at a time and normalizes at every fifth (iterations 0, 5,
     * 10, ...): divides each by the sum, then stops if the largest is above {@link #CONVERGENCE}. Here all that
     * happens between two such tests is one pass over the languages: each language's probability is divided by the
     * last sum, then goes through the five multiplications of iterations i+1 to i+5 in the same order (the languages
     * never mix between normalizations), and the new sum (added in the library's order) is taken as it is stored;
     * the division waits for the next pass, or for the trial's end. The largest probability after dividing is taken
     * as the largest before it divided by the sum (division by a positive number is monotonic, so the rounded results
     * agree; a sum of 0 makes NaN of every probability, as there, which never converges). The
     * n-grams are drawn in the same order from the generator, which nothing else reads, and none after the test that
     * ends a trial, so the next trial's draws are the library's too. One pass where there were three (multiply and sum,
     * divide, four fused updates): 541 GPT-4 responses x 20 in C1 (2-core VM, 6 interleaved runs each) took 393-537 ms
     * (median about 430) against 437-579 (about 550); the result arrays are bit for bit the former ones on 88,375
     * texts (reference prompts and responses, cut, upper-cased, joined, and random mixed-script texts). Tried and
     * dropped: the largest value by the raw bits as longs, without a branch (slower in C1); skipping the languages
     * whose probability has become 0 (it stays 0), as on the GPT-4 responses only 1.3 of the 53 are 0 at a
     * normalization (and 0.02 subnormal), too few to pay for an index of the others.
     *
     * <p>In C1's code each array access is bounds-checked; the loops over the languages run to
     * {@code probability.length} (53), which lets C1 drop the checks on {@code probability[j]}, and walk each sampled
     * row with a cursor of its own, which saves the addition of {@code j} per read: 48 instructions per language and
     * pass where there were 57 (read in C1's code), 10% fewer instructions in the trials of the 102 texts that the
     * 54,100-row eval detects (callgrind). Tried and dropped: the pass unrolled by two (no gain the timings showed);
     * the rows as separate arrays indexed by {@code j} (C1 checks each read all the same).
     *
     * <p>The test after a pass needs only the largest probability's share of the sum: a language holding at least
     * {@link #LEADER_SHARE} of it leaves every other at most 99% (the sum of 53 non-negative numbers is rounded far
     * below that margin), under the threshold, so that language's own share decides. The language found largest at
     * the last such search (the leader) is tried first, and the largest is looked for only where the leader holds
     * less (or the share is NaN): one division per pass where the pass compared each language with the largest so
     * far, 44 instructions per language and pass; 1.3% fewer instructions per detection of those 102 texts.
     */
    private static double[] trials(Model m, int[] grams, int count, double[] result, double[] probability) {
        Arrays.fill(result, 0);
        double[] table = m.probabilities();
        LegacyRandom random = new LegacyRandom(SEED);
        long reciprocal = LegacyRandom.reciprocal(count);
        int leader = 0;
        for (int t = 0; t < TRIALS; t++) {
            double alpha = ALPHA + random.nextGaussian() * ALPHA_WIDTH;
            double weight = alpha / BASE_FREQ;
            // Iteration 0 starts from the uniform distribution, which needs no division.
            int b0 = grams[random.nextInt(count, reciprocal)] * LANGS;
            double sum = 0;
            double max = 0;
            for (int j = 0; j < probability.length; j++, b0++) {
                double p = 1.0 / LANGS * (weight + table[b0]);
                probability[j] = p;
                sum += p;
                if (p > max) max = p;
            }
            boolean converged = max / sum > CONVERGENCE;
            // i: the library's iteration whose update normalizes.
            for (int i = 0; !converged && i < ITERATION_LIMIT; i += 5) {
                int b1 = grams[random.nextInt(count, reciprocal)] * LANGS;
                int b2 = grams[random.nextInt(count, reciprocal)] * LANGS;
                int b3 = grams[random.nextInt(count, reciprocal)] * LANGS;
                int b4 = grams[random.nextInt(count, reciprocal)] * LANGS;
                int b5 = grams[random.nextInt(count, reciprocal)] * LANGS;
                double last = sum;
                sum = 0;
                for (int j = 0; j < probability.length; j++, b1++, b2++, b3++, b4++, b5++) {
                    double p = probability[j] / last * (weight + table[b1]) * (weight + table[b2])
                            * (weight + table[b3]) * (weight + table[b4]) * (weight + table[b5]);
                    probability[j] = p;
                    sum += p;
                }
                // The largest share decides; a language holding at least 1% of the sum leaves every other at most
                // 99% (the sum's rounding is far below that margin), so its own share decides then, and the largest
                // is looked for only where it holds less (NaN included).
                double share = probability[leader] / sum;
                if (!(share >= LEADER_SHARE)) {
                    leader = largest(probability);
                    share = probability[leader] / sum;
                }
                converged = share > CONVERGENCE;
            }
            for (int j = 0; j < LANGS; j++) result[j] += probability[j] / sum / TRIALS;
            if (decided(result, TRIALS - 1 - t)) break;
        }
        return result;
    }

    /**
     * The index of the first largest of the probabilities (0 where none is larger than the first, NaN never larger):
     * the one whose value is the largest that the library's loop {@code if (p > max) max = p} from 0 finds, or 0
     * where that is 0 (all are 0 or NaN) or the sum is NaN; either way its share of the sum is the library's test.
     */
    private static int largest(double[] probability) {
        int best = 0;
        for (int j = 1; j < probability.length; j++) if (probability[j] > probability[best]) best = j;
        return best;
    }

    /**
     * Whether the trials left cannot change the answer: the leader is above the threshold and ahead of
     * every other language by more than {@code left} trials can add (a trial adds at most 1/7, plus
     * rounding far below the margin). NaN never passes.
     */
    private static boolean decided(double[] result, int left) {
        if (left == 0) return false;
        int leader = largest(result);
        if (!(result[leader] > PROB_THRESHOLD)) return false;
        double margin = left / (double) TRIALS + 1e-9;
        for (int j = 0; j < LANGS; j++) {
            if (j != leader && !(result[leader] - result[j] > margin)) return false;
        }
        return true;
    }

    /**
     * The built tables as one binary file in Jack's cache ({@code JACK_CACHE_DIR}, see {@link DataLocations}):
     * reading it takes milliseconds where parsing the profiles takes most of a second of every command's start.
     * Its name is a hash of the langdetect jar and of this class's build (locations, sizes, dates), so a new version
     * of either makes a new file (the files of all but the {@link #KEPT_BUILDS} builds used last are removed then); a
     * file with a wrong length or checksum is ignored. A read marks its file as used by setting its modification time,
     * which needs the file's owner: in a cache shared between users, other users' reads leave the mark as it was, and
     * eviction goes by when each file was written.
     */
    static final class ModelCache {
        /**
         * "JKL" and the layout's version (3: the per-char tables and the 1-gram table as one, Model.perChar), so that a
         * file of another layout is never read.
         */
        private static final int MAGIC = 0x4A4B4C03;

        /**
         * How many builds' tables (29 MB each) stay cached: a machine with a few installs or checkouts used in turn
         * would otherwise rebuild the tables (about 1 s of CPU) each time it switches build.
         */
        static final int KEPT_BUILDS = 3;

        private ModelCache() {}

        /** When the file was last read or written (its modification time, which {@link #read} refreshes); 0 when unknown. */
        private static long lastUse(Path file) {
            try {
                return Files.getLastModifiedTime(file).toMillis();
            } catch (IOException e) {
                return 0;
            }
        }

        /**
         * The cache file for this langdetect jar and this build, or null when either cannot be identified. Each class is
         * identified by its URL and the size and time of the file that holds it (its jar, or the class file itself),
         * which every build changes; not by URLConnection.getLastModified, which for a class in a jar opens the jar again
         * and formats and parses a date (about 6% of the CPU samples of the 15-row example eval).
         */
        static Path file() {
            try {
                StringBuilder identity = new StringBuilder();
                for (Class<?> c : List.of(DetectorFactory.class, LanguageDetector.class)) {
                    URL url = c.getResource(c.getSimpleName() + ".class");
                    if (url == null) return null;
                    Path holder = switch (url.getProtocol()) {
                        case "jar" -> Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
                        case "file" -> Path.of(url.toURI());
                        default -> null;
                    };
                    if (holder == null) return null;
                    identity.append(url).append(' ').append(Files.size(holder)).append(' ')
                            .append(Files.getLastModifiedTime(holder).toMillis()).append(' ');
                }
                byte[] bytes = identity.toString().getBytes(StandardCharsets.UTF_8);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                long hash = crc.getValue() << 32 | (Arrays.hashCode(bytes) & 0xFFFFFFFFL);
                return new DataLocations(System.getenv()).cacheDir().resolve("langdetect").resolve(String.format("tables-%016x.bin", hash));
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return null;
            }
        }

        /**
         * The tables in the file, or null when it is missing, unreadable, or not a whole file of this format. The file is
         * read in order through a small window of native memory ({@link Window}) straight into the tables' arrays, not
         * into a heap array: its 29 MB were copied once more on the heap, which a short command's collector then had to
         * copy or its young generation had to make room for (54,100 eval rows: 5% of what the command allocated). Nor
         * into native memory the size of the file: the JDK zeroes such a segment before the file fills it, so each of its
         * pages was faulted in and cleared, then written again (54,100 eval rows: 5% of the command's CPU samples in the
         * zeroing alone). Read rather than mapped: a mapped file replaced or evicted by another process (a cache directory
         * shared over NFS) faults the reader with an error no catch can turn into a rebuild.
         */
        static Model read(Path file) {
            if (!Files.isRegularFile(file)) return null;
            // A segment's buffer: ByteBuffer.allocateDirect and FileChannel.map make theirs by reflection, whose method
            // handles took 35 ms to make at every start.
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
                long size = channel.size();
                if (size < 12 || size > Integer.MAX_VALUE) return null;
                Window w = new Window(channel, arena.allocate(Window.BYTES).asByteBuffer(), size - 8);
                if (w.getInt() != MAGIC) return null;
                int[] lengths = new int[6];
                for (int i = 0; i < lengths.length; i++) lengths[i] = w.getInt();
                for (int n : lengths) if (n < 0) return null;
                // A damaged header would otherwise make arrays of any size before the checksum finds it.
                // Added as longs: int sums of damaged lengths could wrap round to the file's size.
                long tables = 2L * lengths[0] + 2L * lengths[1] + 8L * lengths[2] + 8L * lengths[3] + 8L * lengths[4] + 8L * lengths[5];
                if (4 + 4L * lengths.length + tables + 8 != size) return null;
                char[] asciiBigrams = new char[lengths[0]];
                char[] asciiTrigrams = new char[lengths[1]];
                long[] perChar = new long[lengths[2]];
                long[] bigrams = new long[lengths[3]];
                long[] trigrams = new long[lengths[4]];
                double[] probabilities = new double[lengths[5]];
                for (char[] a : List.of(asciiBigrams, asciiTrigrams)) w.fill(a);
                for (long[] a : List.of(perChar, bigrams, trigrams)) w.fill(a);
                w.fill(probabilities);
                if (w.getLong() != w.crc.getValue()) return null;
                touch(file);
                return new Model(perChar, asciiBigrams, asciiTrigrams, bigrams, trigrams, probabilities);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /**
         * A file read in order through a buffer of {@link #BYTES}, its bytes before {@code checked} added to {@link #crc}
         * as they are read. The arrays are filled in the file's byte order (big-endian, as {@link #write} puts them).
         */
        private static final class Window {
            /** The window's size: small enough to stay in the core's cache between the read and the copy out. */
            static final int BYTES = 256 * 1024;
            final CRC32 crc = new CRC32();
            private final FileChannel channel;
            private final ByteBuffer buffer;
            /** Bytes still to be added to {@link #crc}. */
            private long unchecked;

            Window(FileChannel channel, ByteBuffer buffer, long checked) {
                this.channel = channel;
                this.buffer = buffer.limit(0);
                this.unchecked = checked;
            }

            /**
             * Makes at least {@code n} bytes (at most the window's size) readable.
             *
             * @throws IOException when the file ends before them
             */
            private void need(int n) throws IOException {
                if (buffer.remaining() >= n) return;
                buffer.compact();
                while (buffer.position() < n) {
                    int from = buffer.position();
                    if (channel.read(buffer) < 0) throw new IOException("the file ended early");
                    int k = (int) Math.min(buffer.position() - from, unchecked);
                    crc.update(buffer.slice(from, k));
                    unchecked -= k;
                }
                buffer.flip();
            }

            int getInt() throws IOException {
                need(4);
                return buffer.getInt();
            }

            long getLong() throws IOException {
                need(8);
                return buffer.getLong();
            }

            void fill(char[] a) throws IOException {
                for (int at = 0; at < a.length; ) {
                    need(2);
                    int k = Math.min(a.length - at, buffer.remaining() / 2);
                    buffer.asCharBuffer().get(a, at, k);
                    buffer.position(buffer.position() + 2 * k);
                    at += k;
                }
            }

            void fill(long[] a) throws IOException {
                for (int at = 0; at < a.length; ) {
                    need(8);
                    int k = Math.min(a.length - at, buffer.remaining() / 8);
                    buffer.asLongBuffer().get(a, at, k);
                    buffer.position(buffer.position() + 8 * k);
                    at += k;
                }
            }

            void fill(double[] a) throws IOException {
                for (int at = 0; at < a.length; ) {
                    need(8);
                    int k = Math.min(a.length - at, buffer.remaining() / 8);
                    buffer.asDoubleBuffer().get(a, at, k);
                    buffer.position(buffer.position() + 8 * k);
                    at += k;
                }
            }
        }

        /** Marks the file as used now, so that other builds' writes keep it; a read-only cache only loses that mark. */
        private static void touch(Path file) {
            try {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException | RuntimeException e) {
                // Only the order of eviction depends on it.
            }
        }

        /** Writes the tables to the file (a temporary moved into place) and removes all but the {@link #KEPT_BUILDS} files used last; skipped when it cannot. */
        static void write(Path file, Model m) {
            List<char[]> chars = List.of(m.asciiBigrams(), m.asciiTrigrams());
            List<long[]> longs = List.of(m.perChar(), m.bigrams(), m.trigrams());
            long size = 4 + 6 * 4 + 8 + 8L * m.probabilities().length;
            for (char[] a : chars) size += 2L * a.length;
            for (long[] a : longs) size += 8L * a.length;
            if (size > Integer.MAX_VALUE) return;
            ByteBuffer b = ByteBuffer.allocate((int) size);
            b.putInt(MAGIC);
            for (char[] a : chars) b.putInt(a.length);
            for (long[] a : longs) b.putInt(a.length);
            b.putInt(m.probabilities().length);
            for (char[] a : chars) {
                b.asCharBuffer().put(a);
                b.position(b.position() + 2 * a.length);
            }
            for (long[] a : longs) {
                b.asLongBuffer().put(a);
                b.position(b.position() + 8 * a.length);
            }
            b.asDoubleBuffer().put(m.probabilities());
            b.position(b.position() + 8 * m.probabilities().length);
            CRC32 crc = new CRC32();
            crc.update(b.array(), 0, b.position());
            b.putLong(crc.getValue());
            try {
                Path dir = Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
                try {
                    Files.write(tmp, b.array());
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                // Each file's time is read once: another process may touch one while they are sorted.
                record Used(Path file, long at) {}
                List<Used> others = new ArrayList<>();
                try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "tables-*.bin")) {
                    for (Path p : old) if (!p.equals(file)) others.add(new Used(p, lastUse(p)));
                }
                others.sort(Comparator.comparingLong(Used::at).reversed());
                for (Used u : others.subList(Math.min(KEPT_BUILDS - 1, others.size()), others.size())) Files.deleteIfExists(u.file());
            } catch (IOException | RuntimeException e) {
                // A cache that cannot be written only costs the next start the parsing.
            }
        }
    }
}
