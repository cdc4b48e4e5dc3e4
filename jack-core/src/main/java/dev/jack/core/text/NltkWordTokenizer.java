package dev.jack.core.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code nltk.word_tokenize} as of nltk 3.8: Punkt splits the text into sentences, then each sentence
 * goes through the NLTKWordTokenizer's ordered substitutions (starting quotes, punctuation, brackets,
 * double dashes, ending quotes, MacIntyre's contractions) and is split on whitespace.
 *
 * <p>Hand-written for speed (regular expressions made capital-word counts the slowest check): each of
 * nltk's substitutions is a scanner over one char buffer that matches exactly what the regex matches,
 * left to right and without overlaps as {@code re.sub} does, with Python's {@code \s \d \w \b} on code
 * points and the ignore-case rules of the translated patterns. A substitution whose characters are
 * absent from the sentence is skipped. A sentence the substitutions would only pad with spaces (no quotes, backticks,
 * {@code --}, {@code ,,}, {@code d'ye} or contraction word, no character that folds to ASCII; clitics such as
 * {@code 's} and {@code n't} split as the rules split them) takes a plain pass instead: one scan, its tokens runs of the
 * text. Tests check the tokens of both paths against the regex cascade (kept in the test sources) on generated texts and
 * on every response in the reference data.
 */
public final class NltkWordTokenizer {
    private final PunktSentenceTokenizer sentences;

    public NltkWordTokenizer(PunktSentenceTokenizer sentences) {
        this.sentences = sentences;
    }

    /** The tokens of {@code nltk.word_tokenize(text)}, sentence after sentence. */
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int[] spans = sentences.spans(text);
        Scanner s = scannerFor(spans);
        for (int i = 0; i < spans.length; i += 2) s.tokenize(text, spans[i], spans[i + 1], tokens, Integer.MAX_VALUE);
        return tokens;
    }

    /**
     * The first {@code count} tokens of {@link #tokenize} (all of them when the text has fewer), so a checker that reads
     * the first words does not tokenize the rest: Punkt splits a text it has not split yet only as far as the sentences
     * that hold them ({@link PunktSentenceTokenizer#sentence}), and of the last of those sentences only the leading
     * tokens are made.
     */
    public List<String> tokenizeLeading(String text, int count) {
        List<String> tokens = new ArrayList<>();
        Scanner s = null;
        for (int k = 0; tokens.size() < count; k++) {
            String sentence = sentences.sentence(text, k);
            if (sentence == null) break;
            if (s == null) s = new Scanner(sentence.length());
            s.tokenize(sentence, 0, sentence.length(), tokens, count);
        }
        return tokens;
    }

    /** A test of one token, the chars {@code chars[from, to)} (the tokenizer's buffer: read them, keep none). */
    @FunctionalInterface
    public interface TokenTest {
        boolean test(char[] chars, int from, int to);
    }

    /**
     * How many tokens of {@link #tokenize} pass the test, without making them: a checker that counts some words of a
     * whole text (e.g. those in an {@link AsciiLoweredSet}, or the all-capital ones).
     */
    public int count(String text, TokenTest test) {
        int[] spans = sentences.spans(text);
        Scanner s = scannerFor(spans);
        int count = 0;
        for (int i = 0; i < spans.length; i += 2) count += s.count(text, spans[i], spans[i + 1], test);
        return count;
    }

    /** A scanner with room for the longest of the sentence spans ({@code [start, end]} pairs). */
    private static Scanner scannerFor(int[] spans) {
        int longest = 0;
        for (int i = 0; i < spans.length; i += 2) longest = Math.max(longest, spans[i + 1] - spans[i]);
        return new Scanner(longest);
    }

    /** NLTKWordTokenizer.tokenize on one sentence. */
    static List<String> tokenizeSentence(String text) {
        List<String> tokens = new ArrayList<>();
        new Scanner(text.length()).tokenize(text, 0, text.length(), tokens, Integer.MAX_VALUE);
        return tokens;
    }

    /** The sentence's tokens as the plain pass finds them, or null where it leaves the sentence to the substitutions. */
    static List<String> plainTokens(String text) {
        Scanner s = new Scanner(text.length());
        if (!s.plain(text, 0, text.length())) return null;
        List<String> tokens = new ArrayList<>();
        for (int k = 0; k < s.size; k += 2) tokens.add(new String(s.a, s.bounds[k], s.bounds[k + 1] - s.bounds[k]));
        return tokens;
    }

    // Trigger bits: which characters a sentence holds, so substitutions that cannot match are skipped.
    private static final int QUOTE_OPEN = 1;      // « “ ‘ „
    private static final int BACKTICK = 1 << 1;
    private static final int DOUBLE_QUOTE = 1 << 2;
    private static final int APOSTROPHE = 1 << 3;
    private static final int PERIOD = 1 << 4;
    private static final int COLON_COMMA = 1 << 5;
    private static final int SYMBOL = 1 << 6;      // ; @ # $ % &
    private static final int QUESTION_BANG = 1 << 7;
    private static final int STAR = 1 << 8;
    private static final int BRACKET = 1 << 9;
    private static final int DASH = 1 << 10;
    private static final int QUOTE_CLOSE = 1 << 11; // » ” ’

    private static final int[] ASCII_BITS = new int[128];

    static {
        ASCII_BITS['`'] = BACKTICK;
        ASCII_BITS['"'] = DOUBLE_QUOTE;
        ASCII_BITS['\''] = APOSTROPHE;
        ASCII_BITS['.'] = PERIOD;
        ASCII_BITS[':'] = COLON_COMMA;
        ASCII_BITS[','] = COLON_COMMA;
        for (char c : ";@#$%&".toCharArray()) ASCII_BITS[c] = SYMBOL;
        ASCII_BITS['?'] = QUESTION_BANG;
        ASCII_BITS['!'] = QUESTION_BANG;
        ASCII_BITS['*'] = STAR;
        for (char c : "[](){}<>".toCharArray()) ASCII_BITS[c] = BRACKET;
        ASCII_BITS['-'] = DASH;
    }

    private static int bits(char c) {
        if (c < 128) return ASCII_BITS[c];
        return switch (c) {
            case '«', '“', '‘', '„' -> QUOTE_OPEN;
            case '»', '”', '’' -> QUOTE_CLOSE;
            default -> 0;
        };
    }

    // Kinds of chars for the plain pass (Scanner.plain).
    /** An ASCII word char ({@code \w}) other than those of {@link #FIRST_CHAR}. */
    private static final byte WORD_CHAR = 0;
    /** The first letter of a contraction without an apostrophe: c, g, l, w in either case. */
    private static final byte FIRST_CHAR = 1;
    /** A char that no substitution touches and that is no ASCII word char (e.g. '/', '+', non-ASCII letters). */
    private static final byte TOKEN_CHAR = 2;
    private static final byte SPACE_CHAR = 3;
    /** A char padded as a token of its own. */
    private static final byte ALONE_CHAR = 4;
    private static final byte PERIOD_CHAR = 5;
    private static final byte COLON_COMMA_CHAR = 6;
    private static final byte HYPHEN_CHAR = 7;
    private static final byte APOSTROPHE_CHAR = 8;
    /** A char that only the substitutions handle: double quotes, backticks. */
    private static final byte OTHER_CHAR = 9;

    private static final byte[] PLAIN_KINDS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            PLAIN_KINDS[c] = PyText.isSpace(c) ? SPACE_CHAR : "?!;@#$%&*[](){}<>".indexOf(c) >= 0 ? ALONE_CHAR
                    : "\"`".indexOf(c) >= 0 ? OTHER_CHAR : "cglwCGLW".indexOf(c) >= 0 ? FIRST_CHAR
                    : PyText.isWordChar(c) ? WORD_CHAR : TOKEN_CHAR;
        }
        PLAIN_KINDS['.'] = PERIOD_CHAR;
        PLAIN_KINDS[','] = COLON_COMMA_CHAR;
        PLAIN_KINDS[':'] = COLON_COMMA_CHAR;
        PLAIN_KINDS['-'] = HYPHEN_CHAR;
        PLAIN_KINDS['\''] = APOSTROPHE_CHAR;
    }

    /**
     * The plain pass's kind of a char from U+0080: whitespace; the curly and angle quotes and the chars that fold to an
     * ASCII letter (İ, ı, ſ, the Kelvin sign) only the substitutions handle; any other is part of a token (and taken
     * for a non-word char, so a contraction after it is looked for).
     */
    private static byte otherKind(char c) {
        if (PyText.isSpace(c)) return SPACE_CHAR;
        if (bits(c) != 0 || fold(c) < 128) return OTHER_CHAR;
        return TOKEN_CHAR;
    }

    /** MacIntyre's contractions in nltk's order: {@code (?i)\b(first)(second)\b} → " \1 \2 ". */
    private record Contraction(String first, String second, boolean leadingSpace, boolean spaceAfter, String word) {
        Contraction(String first, String second, boolean leadingSpace, boolean spaceAfter) {
            this(first, second, leadingSpace, spaceAfter, first + second);
        }
    }

    private static final Contraction[] CONTRACTIONS = {
            new Contraction("can", "not", false, false),
            new Contraction("d", "'ye", false, false),
            new Contraction("gim", "me", false, false),
            new Contraction("gon", "na", false, false),
            new Contraction("got", "ta", false, false),
            new Contraction("lem", "me", false, false),
            new Contraction("more", "'n", false, false),
            // (?i)\b(wan)(na)(?=\s)
            new Contraction("wan", "na", false, true),
            // (?i) ('t)(is)\b and (?i) ('t)(was)\b
            new Contraction("'t", "is", true, false),
            new Contraction("'t", "was", true, false)};

    /** The words of the contractions without an apostrophe or a leading space (their first letters are FIRST_CHAR's). */
    private static final String[] PLAIN_CONTRACTIONS = Arrays.stream(CONTRACTIONS)
            .filter(c -> !c.leadingSpace && c.word.indexOf('\'') < 0).map(Contraction::word).toArray(String[]::new);

    /** By lower-case ASCII letter: a bit per contraction (of the first eight, without a leading space) starting with it. */
    private static final int[] RULES_BY_FIRST = new int[128];

    static {
        for (int r = 0; r < 8; r++) RULES_BY_FIRST[CONTRACTIONS[r].first.charAt(0)] |= 1 << r;
    }

    /**
     * The case folding of the translated {@code (?i)} patterns: Java's Unicode case-insensitive
     * comparison. Only İ, ı, ſ and the Kelvin sign fold to ASCII letters, and none of them to a
     * contraction's first letter.
     */
    private static int fold(int cp) {
        if (cp < 128) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    /** One sentence's text in a char buffer; each substitution writes a new buffer only when it matches. */
    private static final class Scanner {
        private char[] a;
        private int n;
        private char[] b;
        private int m;

        /**
         * A buffer for sentences of up to {@code longest} chars and their padding (it grows when a rule needs more); the
         * second buffer is made once a sentence needs the substitutions.
         */
        Scanner(int longest) {
            a = new char[longest + longest / 2 + 16];
        }
        /** a[copied, n) is not yet in b. */
        private int copied;
        private boolean changed;

        /** Adds the sentence text[from, to)'s tokens to the list, as far as the list holds {@code limit} tokens. */
        void tokenize(String text, int from, int to, List<String> tokens, int limit) {
            if (plain(text, from, to)) {
                for (int k = 0; k < size && tokens.size() < limit; k += 2) tokens.add(new String(a, bounds[k], bounds[k + 1] - bounds[k]));
                return;
            }
            substitute(text, from, to);
            split(tokens, limit);
        }

        /** How many of the sentence text[from, to)'s tokens pass the test. */
        int count(String text, int from, int to, TokenTest test) {
            int count = 0;
            if (plain(text, from, to)) {
                for (int k = 0; k < size; k += 2) if (test.test(a, bounds[k], bounds[k + 1])) count++;
                return count;
            }
            substitute(text, from, to);
            for (int end = 0; (end = nextTokenEnd(end)) >= 0; ) if (test.test(a, tokenStart, end)) count++;
            return count;
        }

        // ---- the plain pass

        /** The tokens {@link #plain} found, as [start, end) pairs into {@link #a}, in bounds[0, size). */
        private int[] bounds = new int[32];
        private int size;

        /**
         * Finds the tokens of the sentence text[from, to), copied into {@link #a}, in one pass, when the substitutions
         * would only pad punctuation with spaces and split common English clitics (as most sentences are): no quote or
         * backtick of any kind, no "--", no ',' or ':' right after another, no char that folds to an ASCII letter but
         * ASCII letters, no contraction of CONTRACTIONS2 at a word start, and at most one apostrophe in a token, not its
         * first char ({@link #addToken}). Then each token is a run of the sentence: whitespace ends tokens; '?', '!', ';',
         * '@', '#', '$', '%', '&amp;', '*' and brackets are tokens of their own, as is a run of two or more periods, a ','
         * or ':' not followed by a decimal digit, and the final period (the last one, after a char other than a period,
         * followed only by closing brackets, '>', spaces and then whitespace); every other char is part of a token.
         * False means only that the substitutions must run ({@link #bounds} is then not to be read).
         */
        boolean plain(String text, int from, int to) {
            n = to - from;
            if (a.length < n) a = new char[n + n / 2 + 16];
            text.getChars(from, to, a, 0);
            size = 0;
            int finalPeriod = n - 1;
            while (finalPeriod >= 0 && a[finalPeriod] != '.') finalPeriod--;
            if (finalPeriod < 1 || a[finalPeriod - 1] == '.') {
                finalPeriod = -1;
            } else {
                int j = finalPeriod + 1;
                while (j < n && closesPlain(a[j])) j++;
                // An apostrophe there may close the final period's match too (the substitutions decide).
                if (j < n && a[j] == '\'') return false;
                while (j < n && isSpaceAt(j)) j++;
                if (j < n) finalPeriod = -1;
            }
            int start = -1;
            apostrophe = -1;
            // Whether no word char is right before i, so that a contraction may start there.
            boolean wordStart = true;
            for (int i = 0; i < n; ) {
                char c = a[i];
                if (c < 128 && PLAIN_KINDS[c] <= FIRST_CHAR) {
                    // A run of ASCII word chars, the common case, in a loop of its own.
                    if (wordStart && PLAIN_KINDS[c] == FIRST_CHAR && startsContraction(i)) return false;
                    if (start < 0) start = i;
                    i++;
                    while (i < n && (c = a[i]) < 128 && PLAIN_KINDS[c] <= FIRST_CHAR) i++;
                    wordStart = false;
                    continue;
                }
                switch (c < 128 ? PLAIN_KINDS[c] : otherKind(c)) {
                    case SPACE_CHAR -> {
                        if (start >= 0 && !addToken(start, i, c == ' ')) return false;
                        start = -1;
                    }
                    case TOKEN_CHAR -> {
                        if (start < 0) start = i;
                    }
                    case APOSTROPHE_CHAR -> {
                        if (start < 0 || apostrophe >= 0) return false;
                        apostrophe = i;
                    }
                    case ALONE_CHAR -> {
                        if (start >= 0 && !addToken(start, i, true)) return false;
                        start = -1;
                        addBounds(i, i + 1);
                    }
                    case PERIOD_CHAR -> {
                        if (i == finalPeriod || (i + 1 < n && a[i + 1] == '.')) {
                            if (start >= 0 && !addToken(start, i, true)) return false;
                            start = -1;
                            int j = i + 1;
                            while (i != finalPeriod && j < n && a[j] == '.') j++;
                            addBounds(i, j);
                            i = j - 1;
                        } else if (start < 0) {
                            start = i;
                        }
                    }
                    case COLON_COMMA_CHAR -> {
                        if (i + 1 < n) {
                            char next = a[i + 1];
                            if (next == ',' || next == ':') return false;
                            if (PyText.isDecimal(cpAt(i + 1))) {
                                if (start < 0) start = i;
                                break;
                            }
                        }
                        if (start >= 0 && !addToken(start, i, true)) return false;
                        start = -1;
                        addBounds(i, i + 1);
                    }
                    case HYPHEN_CHAR -> {
                        if (i + 1 < n && a[i + 1] == '-') return false;
                        if (start < 0) start = i;
                    }
                    default -> {
                        return false;
                    }
                }
                // Not an ASCII word char (a non-ASCII one may be a word char: then a contraction after it is looked for in
                // vain, and the sentence goes through the substitutions).
                wordStart = true;
                i++;
            }
            return start < 0 || addToken(start, n, true);
        }

        /** The index of the apostrophe in the token {@link #plain} is reading, or -1. */
        private int apostrophe;

        /**
         * Adds the token a[start, end) as the substitutions leave it: nltk's clitic rules split it at its
         * {@link #apostrophe} (after its first char) only where a space follows it once padded ({@code spaceAfter}: the
         * sentence's end, a ' ', or a char padded with spaces; not other whitespace), before a final apostrophe, before
         * {@code 's 'm 'd} (either case), before {@code 'll 're 've} (all lower or all upper case), before {@code n't}
         * (or {@code N'T}) after another char; an apostrophe followed by other ASCII letters stays inside the token. False
         * for an apostrophe before one letter other than s, m, d, t (either case) or before anything but ASCII letters,
         * and where {@code d'ye} may be the contraction: the substitutions decide those.
         */
        private boolean addToken(int start, int end, boolean spaceAfter) {
            int q = apostrophe;
            if (q < 0) {
                addBounds(start, end);
                return true;
            }
            apostrophe = -1;
            for (int k = q + 1; k < end; k++) if (!isAsciiLetter(a[k])) return false;
            int split = -1;
            switch (end - q - 1) {
                case 0 -> split = q;
                case 1 -> {
                    char x = a[q + 1];
                    if ("sSmMdDtT".indexOf(x) < 0) return false;
                    if (x != 't' && x != 'T') split = q;
                    else if (q - start >= 2 && a[q - 1] == (x == 't' ? 'n' : 'N')) split = q - 1;
                }
                case 2 -> {
                    char x = a[q + 1];
                    char y = a[q + 2];
                    if ((x | 0x20) == 'y' && (y | 0x20) == 'e') return false;
                    if ((x == 'l' && y == 'l') || (x == 'L' && y == 'L') || (x == 'r' && y == 'e') || (x == 'R' && y == 'E')
                            || (x == 'v' && y == 'e') || (x == 'V' && y == 'E')) split = q;
                }
                default -> { }
            }
            if (split < 0 || !spaceAfter) {
                addBounds(start, end);
            } else {
                addBounds(start, split);
                addBounds(split, end);
            }
            return true;
        }

        private static boolean isAsciiLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private void addBounds(int start, int end) {
            if (size + 2 > bounds.length) bounds = Arrays.copyOf(bounds, bounds.length * 2);
            bounds[size++] = start;
            bounds[size++] = end;
        }

        /** The characters that may follow the final period before the whitespace that ends the sentence (ASCII, no quote). */
        private static boolean closesPlain(char c) {
            return c == ']' || c == ')' || c == '}' || c == '>' || c == ' ';
        }

        /**
         * Whether one of CONTRACTIONS2's words without an apostrophe ({@link #PLAIN_CONTRACTIONS}) starts at a[i], its
         * ASCII letters in any case; the boundary after it is not looked at (a match only sends the sentence through the
         * substitutions).
         */
        private boolean startsContraction(int i) {
            for (String word : PLAIN_CONTRACTIONS) {
                if (i + word.length() > n || (a[i] | 0x20) != word.charAt(0) || (a[i + 1] | 0x20) != word.charAt(1)) continue;
                int k = 2;
                while (k < word.length() && (a[i + k] | 0x20) == word.charAt(k)) k++;
                if (k == word.length()) return true;
            }
            return false;
        }

        /** The sentence text[from, to) through the substitutions, into {@link #a}[0, n), ready to be split. */
        private void substitute(String text, int from, int to) {
            n = to - from;
            if (a.length < n) a = new char[n + n / 2 + 16];
            text.getChars(from, to, a, 0);
            int present = 0;
            for (int i = 0; i < n; i++) present |= bits(a[i]);
            applyRules(present);
        }

        private void applyRules(int present) {
            // STARTING_QUOTES
            if ((present & BACKTICK) != 0) padRuns('`', 1);
            if ((present & QUOTE_OPEN) != 0) padEach(QUOTE_OPEN);
            if (n > 0 && a[0] == '"') {
                begin();
                replace(0, 1);
                put('`');
                put('`');
                finish();
                present |= BACKTICK;
            }
            if ((present & BACKTICK) != 0) padPairs('`');
            if ((present & (DOUBLE_QUOTE | APOSTROPHE)) != 0 && quoteAfterOpener()) present |= BACKTICK;
            if ((present & APOSTROPHE) != 0) apostropheBeforeWord();
            // PUNCTUATION
            if ((present & PERIOD) != 0) finalPeriod(true);
            if ((present & COLON_COMMA) != 0) {
                colonCommaBeforeNonDigit();
                colonCommaAtEnd();
            }
            if ((present & PERIOD) != 0) padRuns('.', 2);
            if ((present & SYMBOL) != 0) padEach(SYMBOL);
            if ((present & PERIOD) != 0) finalPeriod(false);
            if ((present & QUESTION_BANG) != 0) padEach(QUESTION_BANG);
            if ((present & APOSTROPHE) != 0) apostropheBeforeSpace();
            if ((present & STAR) != 0) padEach(STAR);
            if ((present & BRACKET) != 0) padEach(BRACKET);
            if ((present & DASH) != 0) padPairs('-');
            // " " + text + " "
            if (a.length < n + 2) a = Arrays.copyOf(a, n + n / 2 + 16);
            System.arraycopy(a, 0, a, 1, n);
            a[0] = ' ';
            a[n + 1] = ' ';
            n += 2;
            // ENDING_QUOTES
            if ((present & QUOTE_CLOSE) != 0) padEach(QUOTE_CLOSE);
            if ((present & APOSTROPHE) != 0) padPairs('\'');
            if ((present & DOUBLE_QUOTE) != 0) {
                doubleQuoteToApostrophes();
                present |= APOSTROPHE;
            }
            if ((present & APOSTROPHE) != 0) {
                clitics();
                contractedEndings();
            }
            // CONTRACTIONS2 and CONTRACTIONS3, in nltk's order, each only when the sentence holds its word.
            int candidates = contractionCandidates();
            for (int r = 0; candidates != 0; r++, candidates >>>= 1) {
                if ((candidates & 1) != 0) contraction(CONTRACTIONS[r]);
            }
        }

        // ---- buffer plumbing

        private void begin() {
            // The second buffer only once a sentence needs the substitutions (most take the plain pass).
            if (b == null || b.length < a.length) b = new char[a.length];
            m = 0;
            copied = 0;
            changed = false;
        }

        /** The match a[start, end) is replaced: what precedes it is copied, the caller then writes the replacement. */
        private void replace(int start, int end) {
            copy(copied, start);
            copied = end;
            changed = true;
        }

        private void copy(int from, int to) {
            int len = to - from;
            if (m + len > b.length) b = Arrays.copyOf(b, Math.max(b.length * 2, m + len + 16));
            System.arraycopy(a, from, b, m, len);
            m += len;
        }

        private void put(char c) {
            if (m == b.length) b = Arrays.copyOf(b, b.length * 2 + 16);
            b[m++] = c;
        }

        private void put(String s) {
            for (int i = 0; i < s.length(); i++) put(s.charAt(i));
        }

        private void finish() {
            if (!changed) return;
            copy(copied, n);
            char[] t = a;
            a = b;
            b = t;
            n = m;
        }

        private int cpAt(int i) {
            return Character.codePointAt(a, i, n);
        }

        private boolean isSpaceAt(int i) {
            return PyText.isSpace(a[i]);
        }

        /** Python's {@code \b} at i: a word character on exactly one side. */
        private boolean boundary(int i) {
            boolean before = i > 0 && PyText.isWordChar(Character.codePointBefore(a, i));
            boolean after = i < n && PyText.isWordChar(cpAt(i));
            return before != after;
        }

        // ---- STARTING_QUOTES

        /** {@code ([ (\[{<])(\"|\'{2})} → "\1 `` "; true when it matched. */
        private boolean quoteAfterOpener() {
            begin();
            for (int i = 0; i + 1 < n; ) {
                char c = a[i];
                if (c == ' ' || c == '(' || c == '[' || c == '{' || c == '<') {
                    int end = a[i + 1] == '"' ? i + 2 : a[i + 1] == '\'' && i + 2 < n && a[i + 2] == '\'' ? i + 3 : -1;
                    if (end > 0) {
                        replace(i, end);
                        put(c);
                        put(" `` ");
                        i = end;
                        continue;
                    }
                }
                i++;
            }
            boolean matched = changed;
            finish();
            return matched;
        }

        /** {@code (?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b} → "\1 \2". */
        private void apostropheBeforeWord() {
            begin();
            for (int i = 0; i + 1 < n; i++) {
                if (a[i] != '\'') continue;
                int j = i + 1;
                if (startsFolded(j, "re") || startsFolded(j, "ve") || startsFolded(j, "ll")) continue;
                int f = fold(cpAt(j));
                if (f == 'm' || f == 't' || f == 's' || f == 'd' || f == 'n') continue;
                int cp = cpAt(j);
                if (!PyText.isWordChar(cp)) continue;
                int k = j + Character.charCount(cp);
                if (k < n && PyText.isWordChar(cpAt(k))) continue;
                replace(i, k);
                put('\'');
                put(' ');
                copy(j, k);
                i = k - 1;
            }
            finish();
        }

        private boolean startsFolded(int at, String lower) {
            int i = at;
            for (int k = 0; k < lower.length(); k++) {
                if (i >= n) return false;
                int cp = cpAt(i);
                if (fold(cp) != lower.charAt(k)) return false;
                i += Character.charCount(cp);
            }
            return true;
        }

        /** End of a case-folded match of {@code lower} at {@code at}, or -1. */
        private int matchFolded(int at, String lower) {
            int i = at;
            for (int k = 0; k < lower.length(); k++) {
                if (i >= n) return -1;
                char c = a[i];
                if (c < 128) {
                    if (fold(c) != lower.charAt(k)) return -1;
                    i++;
                } else {
                    int cp = cpAt(i);
                    if (fold(cp) != lower.charAt(k)) return -1;
                    i += Character.charCount(cp);
                }
            }
            return i;
        }

        // ---- PUNCTUATION

        /**
         * {@code ([^.])(\.)([\])}>"'»”’ ]*)\s*$} → "\1 \2 \3 " (first) or {@code ([^.])(\.)([\]\)}>"']*)\s*$}
         * → "\1 \2\3 " (second). Only the last period can match: what follows it must be closing
         * characters and then whitespace to the end.
         */
        private void finalPeriod(boolean first) {
            int q = n - 1;
            while (q >= 0 && a[q] != '.') q--;
            if (q < 1 || a[q - 1] == '.') return;
            int j = q + 1;
            while (j < n && (first ? closesFirst(a[j]) : closesSecond(a[j]))) j++;
            int t = j;
            while (t < n && isSpaceAt(t)) t++;
            if (t < n) return;
            int p = q - 1;
            if (p > 0 && Character.isLowSurrogate(a[p]) && Character.isHighSurrogate(a[p - 1])) p--;
            begin();
            replace(p, n);
            copy(p, q);
            put(' ');
            put('.');
            if (first) put(' ');
            copy(q + 1, j);
            put(' ');
            finish();
        }

        private static boolean closesFirst(char c) {
            return switch (c) {
                case ']', ')', '}', '>', '"', '\'', '»', '”', '’', ' ' -> true;
                default -> false;
            };
        }

        private static boolean closesSecond(char c) {
            return switch (c) {
                case ']', ')', '}', '>', '"', '\'' -> true;
                default -> false;
            };
        }

        /** {@code ([:,])([^\d])} → " \1 \2". */
        private void colonCommaBeforeNonDigit() {
            begin();
            for (int i = 0; i + 1 < n; ) {
                char c = a[i];
                if (c == ':' || c == ',') {
                    int cp = cpAt(i + 1);
                    if (!PyText.isDecimal(cp)) {
                        int end = i + 1 + Character.charCount(cp);
                        replace(i, end);
                        put(' ');
                        put(c);
                        put(' ');
                        copy(i + 1, end);
                        i = end;
                        continue;
                    }
                }
                i++;
            }
            finish();
        }

        /** {@code ([:,])$} → " \1 " ({@code $} also matches before a final newline). */
        private void colonCommaAtEnd() {
            int at;
            if (n >= 2 && a[n - 1] == '\n' && (a[n - 2] == ':' || a[n - 2] == ',')) at = n - 2;
            else if (n >= 1 && (a[n - 1] == ':' || a[n - 1] == ',')) at = n - 1;
            else return;
            begin();
            replace(at, at + 1);
            put(' ');
            put(a[at]);
            put(' ');
            finish();
        }

        /** {@code (``)} → " \1 ", {@code --} → " -- " and {@code ''} → " '' ": each pair of the char, left to right. */
        private void padPairs(char c) {
            begin();
            for (int i = 0; i + 1 < n; ) {
                if (a[i] == c && a[i + 1] == c) {
                    replace(i, i + 2);
                    put(' ');
                    put(c);
                    put(c);
                    put(' ');
                    i += 2;
                } else {
                    i++;
                }
            }
            finish();
        }

        /**
         * Each maximal run of at least {@code min} copies of {@code c} padded with spaces: {@code [`]+}
         * (its alternative {@code [«“‘„]} pads single chars, which the runs never touch, so it is a
         * separate pass) and {@code \.{2,}}.
         */
        private void padRuns(char c, int min) {
            begin();
            for (int i = 0; i < n; ) {
                if (a[i] != c) {
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < n && a[j] == c) j++;
                if (j - i >= min) {
                    replace(i, j);
                    put(' ');
                    copy(i, j);
                    put(' ');
                }
                i = j;
            }
            finish();
        }

        /** One-character classes padded with spaces: {@code [«“‘„]}, {@code [;@#$%&]}, {@code [?!]}, {@code [*]}, brackets, {@code [»”’]}. */
        private void padEach(int bit) {
            begin();
            for (int i = 0; i < n; i++) {
                char c = a[i];
                if ((bits(c) & bit) != 0) {
                    replace(i, i + 1);
                    put(' ');
                    put(c);
                    put(' ');
                }
            }
            finish();
        }

        /** {@code ([^'])' } → "\1 ' ". */
        private void apostropheBeforeSpace() {
            begin();
            for (int q = 1; q + 1 < n; q++) {
                if (a[q] != '\'' || a[q + 1] != ' ') continue;
                int start = startOfCodePointBefore(q);
                if (start < copied || a[q - 1] == '\'') continue;
                replace(start, q + 2);
                copy(start, q);
                put(" ' ");
                q++;
            }
            finish();
        }

        /** Where the code point ending just before {@code q} starts. */
        private int startOfCodePointBefore(int q) {
            return q >= 2 && Character.isLowSurrogate(a[q - 1]) && Character.isHighSurrogate(a[q - 2]) ? q - 2 : q - 1;
        }

        // ---- ENDING_QUOTES

        /** {@code "} → " '' ". */
        private void doubleQuoteToApostrophes() {
            begin();
            for (int i = 0; i < n; i++) {
                if (a[i] == '"') {
                    replace(i, i + 1);
                    put(" '' ");
                }
            }
            finish();
        }

        /** {@code ([^' ])('[sS]|'[mM]|'[dD]|') } → "\1 \2 ". */
        private void clitics() {
            begin();
            for (int q = 1; q + 1 < n; q++) {
                if (a[q] != '\'') continue;
                int end;
                if (q + 2 < n && "sSmMdD".indexOf(a[q + 1]) >= 0 && a[q + 2] == ' ') end = q + 3;
                else if (a[q + 1] == ' ') end = q + 2;
                else continue;
                char before = a[q - 1];
                int start = startOfCodePointBefore(q);
                if (before == '\'' || before == ' ' || start < copied) continue;
                replace(start, end);
                copy(start, q);
                put(' ');
                copy(q, end - 1);
                put(' ');
                q = end - 1;
            }
            finish();
        }

        private static final String[] ENDINGS = {"'ll", "'LL", "'re", "'RE", "'ve", "'VE", "n't", "N'T"};

        /** {@code ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) } → "\1 \2 ". */
        private void contractedEndings() {
            begin();
            for (int k = 1; k + 3 < n; k++) {
                if (a[k + 3] != ' ' || (a[k] != '\'' && a[k + 1] != '\'')) continue;
                boolean ending = false;
                for (String e : ENDINGS) {
                    if (a[k] == e.charAt(0) && a[k + 1] == e.charAt(1) && a[k + 2] == e.charAt(2)) {
                        ending = true;
                        break;
                    }
                }
                char before = a[k - 1];
                int start = startOfCodePointBefore(k);
                if (!ending || before == '\'' || before == ' ' || start < copied) continue;
                replace(start, k + 4);
                copy(start, k);
                put(' ');
                copy(k, k + 3);
                put(' ');
                k += 3;
            }
            finish();
        }

        // ---- CONTRACTIONS2 / CONTRACTIONS3

        /**
         * A bit per contraction whose word occurs at a word start (for the two with a leading space,
         * anywhere: an earlier contraction may insert the space). Replacements only add spaces next
         * to non-word characters or between a match's two parts, so no other match can appear later.
         */
        private int contractionCandidates() {
            int found = 0;
            for (int i = 0; i < n; i++) {
                char c = a[i];
                if (c == '\'') {
                    for (int r = 8; r < CONTRACTIONS.length; r++) if (startsWord(i, CONTRACTIONS[r].word)) found |= 1 << r;
                    continue;
                }
                int rules = c < 128 ? RULES_BY_FIRST[c | 0x20] & ~found : 0;
                if (rules == 0 || (i > 0 && PyText.isWordChar(Character.codePointBefore(a, i)))) continue;
                for (int r = Integer.numberOfTrailingZeros(rules); r < 8; r = Integer.numberOfTrailingZeros(rules)) {
                    rules &= rules - 1;
                    if (startsWord(i, CONTRACTIONS[r].word)) found |= 1 << r;
                }
            }
            return found;
        }

        /** Whether a case-folded match of the word starts at i; an ASCII second char is compared first (most differ there). */
        private boolean startsWord(int i, String word) {
            if (i + 1 >= n) return false;
            char second = a[i + 1];
            return (second >= 128 || fold(second) == word.charAt(1)) && matchFolded(i, word) >= 0;
        }

        private void contraction(Contraction rule) {
            begin();
            char firstChar = rule.leadingSpace ? ' ' : rule.first.charAt(0);
            for (int i = 0; i < n; i++) {
                char c = a[i];
                // The first character of every pattern is ASCII, and so is every character folding to it.
                if (c >= 128 || (rule.leadingSpace ? c != ' ' : (c | 0x20) != firstChar)) continue;
                int mid = matchFolded(rule.leadingSpace ? i + 1 : i, rule.first);
                // A contraction's first letter is a word character, so \b before it means no word character precedes.
                if (mid < 0 || (!rule.leadingSpace && !boundary(i))) continue;
                int end = matchFolded(mid, rule.second);
                if (end < 0 || !(rule.spaceAfter ? end < n && PyText.isSpace(cpAt(end)) : boundary(end))) continue;
                replace(i, end);
                put(' ');
                copy(rule.leadingSpace ? i + 1 : i, mid);
                put(' ');
                copy(mid, end);
                put(' ');
                i = end - 1;
            }
            finish();
        }

        // ---- text.split()

        private void split(List<String> tokens, int limit) {
            for (int end = 0; tokens.size() < limit && (end = nextTokenEnd(end)) >= 0; ) tokens.add(new String(a, tokenStart, end - tokenStart));
        }

        /** Where the next token of a[from, n) starts, set by {@link #nextTokenEnd}. */
        private int tokenStart;

        /** The end of the next token at or after {@code from} (its start in {@link #tokenStart}), or -1 when none is left. */
        private int nextTokenEnd(int from) {
            int i = from;
            while (i < n && isSpaceAt(i)) i++;
            if (i == n) return -1;
            tokenStart = i;
            while (i < n && !isSpaceAt(i)) i++;
            return i;
        }
    }
}
