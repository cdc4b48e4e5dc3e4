package dev.jack.core.ifbench;

import dev.jack.core.json.PyFloat;
import dev.jack.core.text.PyText;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python {@code str} operations the IFBench and IFEvalG checkers are written in, on Java strings:
 * indexes, lengths and slices count code points as Python does; {@code string.punctuation} is ASCII's 32
 * punctuation characters.
 */
public final class PyStr {
    private PyStr() {}

    /** Python's {@code string.punctuation}. */
    public static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    /** {@code ''.join(string.punctuation) + ' '}, the set the reference strips words with. */
    public static final String PUNCTUATION_AND_SPACE = PUNCTUATION + " ";

    /** {@code s.translate(str.maketrans('', '', string.punctuation))}. */
    public static String removePunctuation(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 && PUNCTUATION.indexOf(c) >= 0) {
                if (b == null) b = new StringBuilder(s.length()).append(s, 0, i);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** {@code s.strip(string.punctuation + ' ')}. */
    public static String stripPunctuation(String s) {
        return PyText.strip(s, PUNCTUATION_AND_SPACE);
    }

    /** {@code len(s)}. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
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

    /** {@code re.findall(r"\w+", s)}: the maximal runs of Python word characters. */
    public static List<String> wordRuns(String s) {
        List<String> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean word = PyText.isWordChar(cp);
            if (word && start < 0) start = i;
            if (!word && start >= 0) {
                runs.add(s.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) runs.add(s.substring(start));
        return runs;
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
        if (s.chars().allMatch(c -> c < 128)) return s;
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) if (decomposed.charAt(i) < 128) b.append(decomposed.charAt(i));
        return b.toString();
    }

    /** A number as a description shows it: whole values without a fraction, others as Python's repr. */
    public static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : PyFloat.repr(d);
    }
}
