package dev.jack.core.text;

import dev.jack.core.Latin1;
import dev.jack.core.json.PyFloat;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python {@code str} semantics that the references' verdicts depend on: which characters are whitespace,
 * word characters and cased, and how {@code strip}, {@code split}, {@code lower}, {@code isupper} and
 * {@code islower} behave; {@code string.punctuation} (ASCII's 32 punctuation characters) and the
 * IFBench/IFEvalG idioms built on it. Positions are UTF-16 indexes unless a method says it counts code
 * points as Python does ({@link #length}, {@link #slice}); characters are classified by code point.
 */
public final class PyText {
    private PyText() {}

    private static final boolean[] ASCII_WORD = new boolean[128];
    /** {@link #PUNCTUATION}'s characters, by code (a table where {@code indexOf} would scan 32 characters for each). */
    private static final boolean[] ASCII_PUNCTUATION = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
        for (char c : PyText.PUNCTUATION.toCharArray()) ASCII_PUNCTUATION[c] = true;
    }

    /** {@link #isWordChar} of each Latin-1 char. */
    private static final boolean[] LATIN1_WORD = new boolean[256];
    /** Of each Latin-1 char: {@link #LOWER} where {@link #isLower} takes it for lowercase, {@link #UPPER} for uppercase. */
    private static final byte[] LATIN1_CASE = new byte[256];
    private static final byte LOWER = 1;
    private static final byte UPPER = 2;
    /** Per thread, the Latin-1 copy the byte scans read ({@link #latin1}). */
    private static final ThreadLocal<Latin1.Copy> COPIES = ThreadLocal.withInitial(Latin1.Copy::new);

    static {
        for (int c = 0; c < 256; c++) {
            LATIN1_WORD[c] = isWordChar(c);
            // Latin-1 holds no titlecase letter, which both isLower and isUpper refuse.
            LATIN1_CASE[c] = Character.isLowerCase(c) ? LOWER : Character.isUpperCase(c) ? UPPER : 0;
        }
    }

    /**
     * The Latin-1 bytes of {@code s} in this thread's copy, where it is a Latin-1 string of {@link Latin1#WORTH_COPYING}
     * chars or more, for a scan eight chars at a time (C1, eval's JIT, runs a char loop at some 20 cycles a char); else
     * null. The copy is overwritten by the next call with another string.
     */
    private static byte[] latin1(CharSequence s) {
        return s.length() >= Latin1.WORTH_COPYING && s instanceof String t ? COPIES.get().of(t) : null;
    }

    /**
     * {@code s.indexOf(c, from)} for an ASCII char {@code c}: a Latin-1 string of {@link Latin1#WORTH_COPYING} chars or
     * more is searched eight bytes at a time in this thread's copy of it ({@link Latin1#indexOfAny}; a loop of searches
     * in one text copies it once), any other by String.indexOf, which C1 (eval's JIT) runs a char at a time: 2.6% of
     * the 54,100-row eval's CPU samples went to it (the checkers' and loose variants' searches for '*', '\n', ',').
     *
     * @throws IllegalArgumentException when {@code c} is not ASCII, whatever the string
     */
    public static int indexOf(String s, char c, int from) {
        if (c >= 0x80) throw new IllegalArgumentException("not ASCII");
        byte[] latin1 = latin1(s);
        if (latin1 == null) return s.indexOf(c, from);
        return Latin1.indexOfAny(latin1, Math.max(from, 0), s.length(), c, c, c);
    }

    /**
     * Python's {@code s.replace(c, "")} for an ASCII char {@code c} (loose verification's variants without '*'); the
     * string itself where it holds no {@code c}. A Latin-1 string of {@link Latin1#WORTH_COPYING} chars or more is
     * searched eight bytes at a time ({@link Latin1#indexOfAny}) and its runs between the chars are copied whole; any
     * other goes through String.replace, whose search C1 (eval's JIT) runs a char at a time: IFEval's 130 GPT-4
     * responses that hold a '*', 20 times each, C1 on an AMD EPYC core under load: 3.0-6.0 ms against 7.0-13.5 ms.
     *
     * @throws IllegalArgumentException when {@code c} is not ASCII, whatever the string
     */
    public static String without(String s, char c) {
        if (c >= 0x80) throw new IllegalArgumentException("not ASCII");
        byte[] latin1 = latin1(s);
        if (latin1 == null) return s.replace(String.valueOf(c), "");
        int n = s.length();
        int at = Latin1.indexOfAny(latin1, 0, n, c, c, c);
        if (at < 0) return s;
        byte[] out = new byte[n - 1];
        int length = 0;
        int run = 0;
        do {
            System.arraycopy(latin1, run, out, length, at - run);
            length += at - run;
            run = at + 1;
            at = Latin1.indexOfAny(latin1, run, n, c, c, c);
        } while (at >= 0);
        System.arraycopy(latin1, run, out, length, n - run);
        return new String(out, 0, length + n - run, StandardCharsets.ISO_8859_1);
    }

    /** Whether the character is in {@link #PUNCTUATION} (ASCII's 32 punctuation characters). */
    public static boolean isPunctuation(char c) {
        return c < 128 && ASCII_PUNCTUATION[c];
    }

    /** Python's {@code str.isspace()} for one code point (bidi class WS, B or S, or category Zs). */
    public static boolean isSpace(int cp) {
        // Most characters are printable ASCII (0x21 to 0x84 are never whitespace): one unsigned comparison for them.
        if (Integer.compareUnsigned(cp - 0x21, 0x85 - 0x21) < 0) return false;
        if (cp <= 0x20) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        if (cp < 0x85) return false;
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** Python's regex {@code \w} for str patterns: alphanumeric (letters and numbers) or underscore. */
    public static boolean isWordChar(int cp) {
        if (cp < 128) return ASCII_WORD[cp];
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** Python's regex {@code \d} for str patterns: a decimal digit of any script. */
    public static boolean isDecimal(int cp) {
        if (cp < 128) return cp >= '0' && cp <= '9';
        return Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /**
     * Python's {@code str.isupper()}: at least one cased character and no lowercase or titlecase one. A Latin-1 string
     * of {@link Latin1#WORTH_COPYING} chars or more is read eight chars at a time ({@link #latin1Cased}).
     */
    public static boolean isUpper(CharSequence s) {
        byte[] latin1 = latin1(s);
        if (latin1 != null) return latin1Cased(latin1, s.length(), UPPER);
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            int c = upperCase(cp);
            if (c < 0) return false;
            if (c > 0) cased = true;
        }
        return cased;
    }

    /**
     * {@link #isUpper(CharSequence)} of {@code chars[from, to)} (capital_word_frequency's test of each word token). An
     * ASCII char is read in place, where a call to {@link Character#codePointAt} and one to {@link #upperCase} per char
     * (C1 inlines neither) were 0.6% of the 54,100-row eval's CPU time; a token stops at its first lower-case letter.
     */
    public static boolean isUpper(char[] chars, int from, int to) {
        boolean cased = false;
        for (int i = from; i < to; ) {
            char ch = chars[i];
            if (ch < 128) {
                if (ch >= 'a' && ch <= 'z') return false;
                if (ch >= 'A' && ch <= 'Z') cased = true;
                i++;
                continue;
            }
            int cp = Character.codePointAt(chars, i, to);
            i += Character.charCount(cp);
            int c = upperCase(cp);
            if (c < 0) return false;
            if (c > 0) cased = true;
        }
        return cased;
    }

    /** For {@code str.isupper()}: -1 for a lowercase or titlecase character, 1 for an uppercase one, else 0. */
    private static int upperCase(int cp) {
        if (cp < 128) return cp >= 'a' && cp <= 'z' ? -1 : cp >= 'A' && cp <= 'Z' ? 1 : 0;
        if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) return -1;
        return Character.isUpperCase(cp) ? 1 : 0;
    }

    /**
     * Python's {@code str.islower()}: at least one cased character and no uppercase or titlecase one. A Latin-1 string
     * of {@link Latin1#WORTH_COPYING} chars or more is read eight chars at a time ({@link #latin1Cased}).
     */
    public static boolean isLower(CharSequence s) {
        byte[] latin1 = latin1(s);
        if (latin1 != null) return latin1Cased(latin1, s.length(), LOWER);
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            if (cp < 128) {
                if (cp >= 'A' && cp <= 'Z') return false;
                if (cp >= 'a' && cp <= 'z') cased = true;
            } else if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                return false;
            } else if (Character.isLowerCase(cp)) {
                cased = true;
            }
        }
        return cased;
    }

    /**
     * {@link #isLower} ({@code want} {@link #LOWER}) or {@link #isUpper} ({@link #UPPER}) of the Latin-1 chars
     * {@code b[0, n)}: eight ASCII chars at a time ({@link Latin1#lanesIn}: a lane of the other case ends the scan, one of
     * this case makes the text cased), others by {@link #LATIN1_CASE}. The 54,100-row eval spent 4.4% of its CPU time
     * in the char loops, on responses that pass the case test and are then read to their end.
     */
    private static boolean latin1Cased(byte[] b, int n, byte want) {
        boolean cased = false;
        int i = 0;
        while (i < n) {
            if (n - i >= 8) {
                long x = Latin1.word(b, i);
                if ((x & Latin1.HIGH) == 0) {
                    long upper = Latin1.lanesIn(x, 'A', 'Z');
                    long lower = Latin1.lanesIn(x, 'a', 'z');
                    if ((want == LOWER ? upper : lower) != 0) return false;
                    if ((want == LOWER ? lower : upper) != 0) cased = true;
                    i += 8;
                    continue;
                }
            }
            // Eight chars, one of them above 0x7F, or the last few.
            for (int end = Math.min(i + 8, n); i < end; i++) {
                byte c = LATIN1_CASE[b[i] & 0xFF];
                if (c == want) cased = true;
                else if (c != 0) return false;
            }
        }
        return cased;
    }

    /**
     * Python's {@code str.lower()}: full Unicode lowercase mapping (Java's, e.g. İ to "i̇"), and Python's
     * final-sigma rule (unicodeobject.c handle_capital_sigma): Σ becomes ς when a cased character
     * precedes it and none follows it, skipping case-ignorable characters on both sides, else σ.
     * Java's own context-sensitive Σ handling looks at word boundaries instead (e.g. "A1Σ" gives ς
     * where Python gives σ) and takes quadratic time on a long run of Σ.
     */
    public static String lower(String s) {
        int sigma = s.indexOf('Σ');
        if (sigma < 0) return lowerWithoutSigma(s);
        StringBuilder out = new StringBuilder(s.length());
        int from = 0;
        // Each scan stops at the nearest character that is not case-ignorable, and Σ is not, so the
        // scans of different Σ cover disjoint stretches: linear in all.
        for (int at = sigma; at >= 0; at = s.indexOf('Σ', at + 1)) {
            out.append(lowerWithoutSigma(s.substring(from, at)));
            int j = at;
            while (j > 0 && isCaseIgnorable(s.codePointBefore(j))) j -= Character.charCount(s.codePointBefore(j));
            boolean fin = j > 0 && isCased(s.codePointBefore(j));
            if (fin) {
                j = at + 1;
                while (j < s.length() && isCaseIgnorable(s.codePointAt(j))) j += Character.charCount(s.codePointAt(j));
                fin = j == s.length() || !isCased(s.codePointAt(j));
            }
            out.append(fin ? 'ς' : 'σ');
            from = at + 1;
        }
        out.append(lowerWithoutSigma(s.substring(from)));
        return out.toString();
    }

    /**
     * {@code s.toLowerCase(Locale.ROOT)} for a text without Σ, in linear time. The JDK's own grows its result array
     * by copying it for each character whose lower case is longer, which is quadratic on a run of them; in the root
     * locale the only such character is İ (lower case "i̇", i and a combining dot, as in Python), so the text is
     * lowered between them and each İ mapped here.
     */
    static String lowerWithoutSigma(String s) {
        int at = s.indexOf('İ');
        if (at < 0) return s.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length() + 16);
        int from = 0;
        for (; at >= 0; at = s.indexOf('İ', from)) {
            out.append(s.substring(from, at).toLowerCase(Locale.ROOT)).append("i\u0307");
            from = at + 1;
        }
        return out.append(s.substring(from).toLowerCase(Locale.ROOT)).toString();
    }

    /**
     * {@code lower(s).startswith(prefix)}, {@code prefix} being lowered already; {@link #lower} and a comparison where
     * a char of s that decides it is not ASCII. An ASCII char lowers to one char whatever surrounds it, so while the
     * leading chars are ASCII each stands at its own place in the lowered text and is compared there, with nothing
     * copied (eval's checks lowered whole responses to compare their start or end: a twentieth of what it allocated).
     */
    public static boolean lowerStartsWith(String s, String prefix) {
        int n = prefix.length();
        if (s.length() >= n) {
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) return lower(s).startsWith(prefix);
                if (asciiLower(c) != prefix.charAt(i)) return false;
            }
            return true;
        }
        return lower(s).startsWith(prefix);
    }

    /** {@code lower(s).endswith(suffix)}, {@code suffix} being lowered already, as {@link #lowerStartsWith} from the end. */
    public static boolean lowerEndsWith(String s, String suffix) {
        int n = suffix.length();
        int m = s.length();
        if (m >= n) {
            for (int i = 1; i <= n; i++) {
                char c = s.charAt(m - i);
                if (c >= 0x80) return lower(s).endsWith(suffix);
                if (asciiLower(c) != suffix.charAt(n - i)) return false;
            }
            return true;
        }
        return lower(s).endsWith(suffix);
    }

    /**
     * How many times the ASCII letter a-z occurs in {@code lower(s)}, without lowering s: a char lowers to that letter,
     * or to a text holding it, only where {@link Character#toLowerCase(char)} gives the letter (its capital; U+212A, the
     * Kelvin sign, for k; U+0130, whose lower case is "i" and a combining dot, for i). Σ and the chars of surrogate pairs
     * never lower to ASCII. A Latin-1 text of {@link Latin1#WORTH_COPYING} chars or more is counted eight chars at a time
     * ({@link #countLowered(byte[], int, char)}).
     */
    public static int countLowered(String s, char letter) {
        byte[] latin1 = latin1(s);
        if (latin1 != null) return countLowered(latin1, s.length(), letter);
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 ? (c | 0x20) == letter : Character.toLowerCase(c) == letter) count++;
        }
        return count;
    }

    /**
     * {@link #countLowered(String, char)} of the Latin-1 chars {@code b[0, n)}, for C1 (eval's JIT, whose char loop cost
     * some 20 cycles a char: letter_frequency's counts were 0.8-1.1% of the 54,100-row eval's CPU time): no char above
     * ASCII in Latin-1 lowers to ASCII, so a hit is a byte whose 0x20 bit set gives the letter, found in eight lanes at
     * once (a lane is a hit where it and ((lane & 0x7f) + 0x7f) both have their high bit clear after the XOR with the
     * letter; a byte above ASCII keeps its high bit), and the hit lanes counted with one multiply.
     */
    static int countLowered(byte[] b, int n, char letter) {
        long letters = letter * Latin1.ONES;
        int count = 0;
        int i = 0;
        for (; n - i >= 8; i += 8) {
            long x = (Latin1.word(b, i) | 0x2020202020202020L) ^ letters;
            long hits = ~(((x & Latin1.LOW7) + Latin1.LOW7) | x) & Latin1.HIGH;
            count += (int) (((hits >>> 7) * Latin1.ONES) >>> 56);
        }
        for (; i < n; i++) if (((b[i] | 0x20) & 0xFF) == letter) count++;
        return count;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 0x20) : c;
    }

    /** Unicode's Cased property: uppercase, lowercase or titlecase letters and Other_Uppercase/Other_Lowercase. */
    static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /**
     * Unicode's Case_Ignorable property: categories Mn, Me, Cf, Lm, Sk, and the Word_Break classes
     * MidLetter, MidNumLet and Single_Quote.
     */
    static boolean isCaseIgnorable(int cp) {
        switch (cp) {
            case '\'', '.', ':', 0xB7, 0x387, 0x55F, 0x5F4, 0x2018, 0x2019, 0x2024, 0x2027, 0xFE13, 0xFE52, 0xFE55,
                 0xFF07, 0xFF0E, 0xFF1A -> {
                return true;
            }
            default -> {
                if (cp < 128) return cp == '^' || cp == '`';
                int type = Character.getType(cp);
                return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                        || type == Character.MODIFIER_LETTER || type == Character.MODIFIER_SYMBOL;
            }
        }
    }

    /** Python's {@code str.strip()} with no argument. */
    public static String strip(String s) {
        int start = stripStart(s);
        return s.substring(start, stripEnd(s, start));
    }

    /** Python's {@code str.rstrip()} with no argument. */
    public static String rstrip(String s) {
        return s.substring(0, stripEnd(s, 0));
    }

    /** True when {@code str.strip()} would leave nothing. */
    public static boolean isBlank(String s) {
        return stripStart(s) == s.length();
    }

    /** Where {@code str.strip()} would start: the index of the first character that is not whitespace (the length if none). */
    public static int stripStart(String s) {
        // Char by char: every whitespace character is in the BMP, and no surrogate is whitespace.
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) i++;
        return i;
    }

    private static int stripEnd(String s, int start) {
        return stripEnd(s, start, s.length());
    }

    /**
     * Where {@code str.rstrip()} of {@code s[start:end]} would end, as an index into s ({@code start} if it is all
     * whitespace): the string itself is not copied.
     */
    public static int stripEnd(String s, int start, int end) {
        // Char by char, as stripStart.
        while (end > start && isSpace(s.charAt(end - 1))) end--;
        return end;
    }

    /** Python's {@code str.strip(chars)}. */
    public static String strip(String s, String chars) {
        return rstrip(lstrip(s, chars), chars);
    }

    /** Python's {@code str.lstrip(chars)}. */
    public static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (chars.indexOf(cp) < 0) break;
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }

    /** Python's {@code str.rstrip(chars)}. */
    public static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (chars.indexOf(cp) < 0) break;
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /**
     * Where the next maximal run of {@code \w} characters ({@link #isWordChar}) at or after {@code from} starts;
     * the length if none.
     */
    public static int wordRunStart(String text, int from) {
        int i = from;
        int n = text.length();
        while (i < n) {
            // An ASCII char is its code point (no surrogate): looked up in the table without decoding.
            char c = text.charAt(i);
            if (c < 128) {
                if (ASCII_WORD[c]) break;
                i++;
                continue;
            }
            int cp = text.codePointAt(i);
            if (isWordChar(cp)) break;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** Where the run of {@code \w} characters from {@code start} ends. */
    public static int wordRunEnd(String text, int start) {
        int i = start;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c < 128) {
                if (!ASCII_WORD[c]) break;
                i++;
                continue;
            }
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) break;
            i += Character.charCount(cp);
        }
        return i;
    }

    /**
     * Where the next word of {@code str.split()} at or after {@code from} starts; the length if none. Char by char:
     * every whitespace character is in the BMP, and no surrogate is whitespace.
     */
    public static int wordStart(String text, int from) {
        int i = from;
        while (i < text.length() && isSpace(text.charAt(i))) i++;
        return i;
    }

    /** Where the {@code str.split()} word from {@code start} ends. */
    public static int wordEnd(String text, int start) {
        int i = start;
        while (i < text.length() && !isSpace(text.charAt(i))) i++;
        return i;
    }

    /** Python's {@code str.split()} with no argument: runs of whitespace separate, empty parts dropped. */
    public static List<String> split(String s) {
        // Room for a word per six chars (English prose has a word per five or six): a list grown from ten in steps of
        // half its size copied itself about ten times for a long response (list growth was 4.5% of IFBench
        // verification's time on r0, the two splits its largest part).
        List<String> parts = new ArrayList<>(s.length() / 6 + 4);
        int i = 0;
        int n = s.length();
        // Char by char: every whitespace character is in the BMP, and no surrogate is whitespace.
        while ((i = wordStart(s, i)) < n) {
            int start = i;
            i = wordEnd(s, start);
            parts.add(s.substring(start, i));
        }
        return parts;
    }

    /**
     * The words of {@code s.split()} ({@link #split(String)}) as an unmodifiable list that finds the words as far as it
     * is read and makes each word's string when it is read: a check that stops at the first word that fails it, or
     * reads every n-th, pays for no more. Not thread-safe (a list per call, kept by one caller).
     */
    public static List<String> words(String s) {
        return new Words(s);
    }

    /** {@link #words}: word spans found on demand, left to right. */
    private static final class Words extends AbstractList<String> implements RandomAccess {
        private final String s;
        /** Flat (start, end) pairs of the words found so far. */
        private int[] spans = new int[16];
        private int found;
        /** Where the scan for the next word starts; the string's length once every word is found. */
        private int scanned;

        Words(String s) {
            this.s = s;
        }

        /** Finds words until there are more than {@code index} or the text ends; whether there are. */
        private boolean reach(int index) {
            int n = s.length();
            int i = scanned;
            while (found <= index && (i = wordStart(s, i)) < n) {
                int start = i;
                i = wordEnd(s, start);
                if (2 * found + 2 > spans.length) spans = Arrays.copyOf(spans, spans.length * 2);
                spans[2 * found] = start;
                spans[2 * found + 1] = i;
                found++;
            }
            scanned = i;
            return index < found;
        }

        @Override
        public String get(int index) {
            if (index < 0 || !reach(index)) throw new IndexOutOfBoundsException("word " + index + " of " + size());
            return s.substring(spans[2 * index], spans[2 * index + 1]);
        }

        @Override
        public int size() {
            reach(Integer.MAX_VALUE - 1);
            return found;
        }

        @Override
        public boolean isEmpty() {
            return !reach(0);
        }

        @Override
        public Iterator<String> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return reach(next);
                }

                @Override
                public String next() {
                    if (!reach(next)) throw new NoSuchElementException();
                    return get(next++);
                }
            };
        }
    }

    /**
     * {@code len(s.split())}: the number of whitespace-separated words, counted without making them (as
     * {@link #split(String)} separates them).
     */
    public static int countWords(String s) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0, n = s.length(); i < n; i++) {
            boolean word = !isSpace(s.charAt(i));
            if (word && !inWord) count++;
            inWord = word;
        }
        return count;
    }

    /** Python's {@code str.split(sep)}: every occurrence separates, empty parts kept. */
    public static List<String> split(String s, String sep) {
        // Room for a part per 32 chars (a line of a response is longer as a rule), as split(String) makes it.
        List<String> parts = new ArrayList<>(s.length() / 32 + 4);
        int from = 0;
        int at;
        while ((at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    /**
     * Number of maximal runs of {@code \w} characters, as {@code len(re.findall(r"\w+", s))}. A Latin-1 text of
     * {@link Latin1#WORTH_COPYING} chars or more is counted eight chars at a time ({@link #countWordRuns(byte[], int)}).
     */
    public static int countWordRuns(String s) {
        byte[] latin1 = latin1(s);
        if (latin1 != null) return countWordRuns(latin1, s.length());
        // Counted without a branch on the word boundaries (1 where a word char follows a char that is not one): they
        // come every few characters, too irregularly to predict.
        int count = 0;
        int inWord = 0;
        for (int i = 0, n = s.length(); i < n; ) {
            char c = s.charAt(i);
            int word;
            if (c < 128) {
                word = ASCII_WORD[c] ? 1 : 0;
                i++;
            } else {
                int cp = s.codePointAt(i);
                word = isWordChar(cp) ? 1 : 0;
                i += Character.charCount(cp);
            }
            count += word & ~inWord;
            inWord = word;
        }
        return count;
    }

    /**
     * {@link #countWordRuns(String)} of the Latin-1 chars {@code b[0, n)}, hand-written for C1 (eval's JIT, whose char
     * loop took 20 cycles or so a char: 2.9% of the 54,100-row eval's CPU time): each eight ASCII bytes are classified at
     * once, lane by lane (a lane's high bit set where its byte is a digit, a letter, after setting its 0x20 bit, or
     * '_'; {@link Latin1#lanesIn}), a run starting where a word lane follows one that is not; a word with a byte above
     * 0x7F goes through {@link #LATIN1_WORD} a byte at a time.
     */
    static int countWordRuns(byte[] b, int n) {
        int count = 0;
        long before = 0;  // 0x80 where the char before the word is a word char
        int i = 0;
        for (; n - i >= 8; i += 8) {
            long x = Latin1.word(b, i);
            long word;
            if ((x & Latin1.HIGH) == 0) {
                word = Latin1.lanesIn(x | 0x2020202020202020L, 'a', 'z') | Latin1.lanesIn(x, '0', '9')
                        | Latin1.lanesIn(x, '_', '_');
            } else {
                word = 0;
                for (int k = 0; k < 8; k++) if (LATIN1_WORD[b[i + k] & 0xFF]) word |= 0x80L << 8 * k;
            }
            count += (int) ((((word & ~(word << 8 | before)) >>> 7) * Latin1.ONES) >>> 56);
            before = word >>> 56;
        }
        int inWord = before != 0 ? 1 : 0;
        for (; i < n; i++) {
            int word = LATIN1_WORD[b[i] & 0xFF] ? 1 : 0;
            count += word & ~inWord;
            inWord = word;
        }
        return count;
    }

    /** Python's {@code string.punctuation}. */
    public static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    /** {@code ''.join(string.punctuation) + ' '}, the set the reference strips words with. */
    public static final String PUNCTUATION_AND_SPACE = PUNCTUATION + " ";

    /** {@code s.translate(str.maketrans('', '', string.punctuation))}. */
    public static String removePunctuation(String s) {
        StringBuilder b = null;
        // The text between punctuation is copied a run at a time.
        int kept = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 && ASCII_PUNCTUATION[c]) {
                if (b == null) b = new StringBuilder(s.length());
                b.append(s, kept, i);
                kept = i + 1;
            }
        }
        return b == null ? s : b.append(s, kept, s.length()).toString();
    }

    /** {@code s.strip(string.punctuation + ' ')}. */
    public static String stripPunctuation(String s) {
        int from = stripPunctuationStart(s, 0, s.length());
        return s.substring(from, stripPunctuationEnd(s, from, s.length()));
    }

    /**
     * Where {@code s[from:to].lstrip(string.punctuation + ' ')} would start, as an index into s ({@code to} if nothing
     * is left): the string itself is not copied. Every character stripped is ASCII, so a char is a code point here.
     */
    public static int stripPunctuationStart(String s, int from, int to) {
        while (from < to && isPunctuationOrSpace(s.charAt(from))) from++;
        return from;
    }

    /**
     * Where {@code s[from:to].rstrip(string.punctuation + ' ')} would end, as an index into s ({@code from} if nothing
     * is left), as {@link #stripPunctuationStart}.
     */
    public static int stripPunctuationEnd(String s, int from, int to) {
        while (to > from && isPunctuationOrSpace(s.charAt(to - 1))) to--;
        return to;
    }

    /** Whether {@code c} is in {@code string.punctuation + ' '}. */
    private static boolean isPunctuationOrSpace(char c) {
        return c == ' ' || (c < 128 && ASCII_PUNCTUATION[c]);
    }

    /** {@code len(s)}. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * {@link String#codePointAt}, reading one char first: small enough for the JIT to inline at every call site, where
     * String.codePointAt on a UTF-16 string was sometimes left a call per character.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= i < s.length()}
     */
    public static int codePointAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? s.codePointAt(i) : c;
    }

    /** {@code s[0]} as a string; the string must not be empty. */
    public static String first(String s) {
        return s.substring(0, Character.charCount(s.codePointAt(0)));
    }

    /** {@code s[start:end]} for non-negative indexes (clamped to the string as Python clamps them). */
    public static String slice(String s, int start, int end) {
        int n = length(s);
        int from = Math.min(start, n);
        int to = Math.min(end, n);
        if (to <= from) return "";
        int a = s.offsetByCodePoints(0, from);
        return s.substring(a, s.offsetByCodePoints(a, to - from));
    }

    /** {@code s[::-1]}. */
    public static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    /** {@code haystack.count(needle)}: non-overlapping occurrences; an empty needle occurs len + 1 times. */
    public static int count(String haystack, String needle) {
        if (needle.isEmpty()) return length(haystack) + 1;
        int count = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) count++;
        return count;
    }

    /** {@code len(re.findall(pattern, s))}: matches, empty ones included, as Python 3.7+ finds them. */
    public static int countMatches(Pattern pattern, String s) {
        Matcher m = pattern.matcher(s);
        int count = 0;
        while (m.find()) count++;
        return count;
    }

    /** {@code re.findall(r"\w+", s)}: the maximal runs of Python word characters, as text. */
    public static List<String> wordRunTexts(String s) {
        List<String> runs = new ArrayList<>();
        scanWordRuns(s, (start, end) -> runs.add(s.substring(start, end)));
        return runs;
    }

    /** Where a scan finds a word run: {@code [start, end)}. */
    private interface RunSink {
        void run(int start, int end);
    }

    /** Each maximal run of {@code \w} characters, left to right (ASCII characters looked up in a table). */
    private static void scanWordRuns(String s, RunSink sink) {
        int start = -1;
        for (int i = 0, n = s.length(); i < n; ) {
            char c = s.charAt(i);
            int next = i + 1;
            boolean word;
            if (c < 128) {
                word = ASCII_WORD[c];
            } else {
                int cp = s.codePointAt(i);
                word = isWordChar(cp);
                next = i + Character.charCount(cp);
            }
            if (word && start < 0) start = i;
            if (!word && start >= 0) {
                sink.run(start, i);
                start = -1;
            }
            i = next;
        }
        if (start >= 0) sink.run(start, s.length());
    }

    /** {@code re.split(pattern, s)} for a pattern without groups that never matches the empty string. */
    public static List<String> split(Pattern pattern, String s) {
        List<String> pieces = new ArrayList<>();
        Matcher m = pattern.matcher(s);
        int from = 0;
        while (m.find()) {
            pieces.add(s.substring(from, m.start()));
            from = m.end();
        }
        pieces.add(s.substring(from));
        return pieces;
    }

    /** {@code unicodedata.normalize('NFKD', s).encode('ASCII', 'ignore').decode('ASCII')}. */
    public static String asciiFold(String s) {
        int ascii = 0;
        while (ascii < s.length() && s.charAt(ascii) < 128) ascii++;
        if (ascii == s.length()) return s;
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) if (decomposed.charAt(i) < 128) b.append(decomposed.charAt(i));
        return b.toString();
    }

    /** A number as a description shows it: whole values without a fraction, others as Python's repr. */
    public static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : PyFloat.repr(d);
    }

    /** The maximal runs of {@code \w} characters, as {@code [start, end)} pairs: the words {@link #countWordRuns} counts. */
    public static List<int[]> wordRuns(String s) {
        List<int[]> runs = new ArrayList<>();
        scanWordRuns(s, (start, end) -> runs.add(new int[] {start, end}));
        return runs;
    }
}
