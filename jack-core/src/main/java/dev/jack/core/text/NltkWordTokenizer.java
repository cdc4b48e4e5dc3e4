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
 * absent from the sentence is skipped. A test checks the tokens against the regex cascade (kept in the
 * test sources) on generated texts and on every response in the reference data.
 */
public final class NltkWordTokenizer {
    private final PunktSentenceTokenizer sentences;

    public NltkWordTokenizer(PunktSentenceTokenizer sentences) {
        this.sentences = sentences;
    }

    /** The tokens of {@code nltk.word_tokenize(text)}, sentence after sentence. */
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        Scanner s = new Scanner();
        List<Integer> spans = sentences.spans(text);
        for (int i = 0; i < spans.size(); i += 2) s.tokenize(text, spans.get(i), spans.get(i + 1), tokens);
        return tokens;
    }

    /** NLTKWordTokenizer.tokenize on one sentence. */
    static List<String> tokenizeSentence(String text) {
        List<String> tokens = new ArrayList<>();
        new Scanner().tokenize(text, 0, text.length(), tokens);
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
    // Contraction first letters (after case folding).
    private static final int C_C = 1 << 12;
    private static final int C_D = 1 << 13;
    private static final int C_G = 1 << 14;
    private static final int C_L = 1 << 15;
    private static final int C_M = 1 << 16;
    private static final int C_W = 1 << 17;

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
        ASCII_BITS['c'] = ASCII_BITS['C'] = C_C;
        ASCII_BITS['d'] = ASCII_BITS['D'] = C_D;
        ASCII_BITS['g'] = ASCII_BITS['G'] = C_G;
        ASCII_BITS['l'] = ASCII_BITS['L'] = C_L;
        ASCII_BITS['m'] = ASCII_BITS['M'] = C_M;
        ASCII_BITS['w'] = ASCII_BITS['W'] = C_W;
    }

    private static int bits(char c) {
        if (c < 128) return ASCII_BITS[c];
        return switch (c) {
            case '«', '“', '‘', '„' -> QUOTE_OPEN;
            case '»', '”', '’' -> QUOTE_CLOSE;
            default -> switch (fold(c)) {
                // Characters that Java's Unicode case-insensitive matching equates with a contraction's first letter.
                case 'c' -> C_C;
                case 'd' -> C_D;
                case 'g' -> C_G;
                case 'l' -> C_L;
                case 'm' -> C_M;
                case 'w' -> C_W;
                default -> 0;
            };
        };
    }

    /** The case folding of the translated {@code (?i)} patterns: Java's Unicode case-insensitive comparison. */
    private static int fold(int cp) {
        if (cp < 128) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    /** One sentence's text in a char buffer; each substitution writes a new buffer only when it matches. */
    private static final class Scanner {
        private char[] a = new char[256];
        private int n;
        private char[] b = new char[256];
        private int m;
        /** a[copied, n) is not yet in b. */
        private int copied;
        private boolean changed;

        void tokenize(String text, int from, int to, List<String> tokens) {
            n = to - from;
            if (a.length < n) a = new char[n + n / 2 + 16];
            text.getChars(from, to, a, 0);
            int present = 0;
            for (int i = 0; i < n; i++) present |= bits(a[i]);
            applyRules(present);
            split(tokens);
        }

        private void applyRules(int present) {
            // STARTING_QUOTES
            if ((present & (QUOTE_OPEN | BACKTICK)) != 0) openingQuotes();
            if (n > 0 && a[0] == '"') {
                begin();
                replace(0, 1);
                put('`');
                put('`');
                finish();
                present |= BACKTICK;
            }
            if ((present & BACKTICK) != 0) doubleBackticks();
            if ((present & (DOUBLE_QUOTE | APOSTROPHE)) != 0 && quoteAfterOpener()) present |= BACKTICK;
            if ((present & APOSTROPHE) != 0) apostropheBeforeWord();
            // PUNCTUATION
            if ((present & PERIOD) != 0) finalPeriod(true);
            if ((present & COLON_COMMA) != 0) {
                colonCommaBeforeNonDigit();
                colonCommaAtEnd();
            }
            if ((present & PERIOD) != 0) ellipsis();
            if ((present & SYMBOL) != 0) padEach(SYMBOL);
            if ((present & PERIOD) != 0) finalPeriod(false);
            if ((present & QUESTION_BANG) != 0) padEach(QUESTION_BANG);
            if ((present & APOSTROPHE) != 0) apostropheBeforeSpace();
            if ((present & STAR) != 0) padEach(STAR);
            if ((present & BRACKET) != 0) padEach(BRACKET);
            if ((present & DASH) != 0) doubleDashes();
            // " " + text + " "
            if (a.length < n + 2) a = Arrays.copyOf(a, n + n / 2 + 16);
            System.arraycopy(a, 0, a, 1, n);
            a[0] = ' ';
            a[n + 1] = ' ';
            n += 2;
            // ENDING_QUOTES
            if ((present & QUOTE_CLOSE) != 0) padEach(QUOTE_CLOSE);
            if ((present & APOSTROPHE) != 0) doubleApostrophes();
            if ((present & DOUBLE_QUOTE) != 0) {
                doubleQuoteToApostrophes();
                present |= APOSTROPHE;
            }
            if ((present & APOSTROPHE) != 0) {
                clitics();
                contractedEndings();
            }
            // CONTRACTIONS2 and CONTRACTIONS3, in nltk's order.
            if ((present & C_C) != 0) contraction(false, "can", "not", END_BOUNDARY);
            if ((present & C_D) != 0) contraction(false, "d", "'ye", END_BOUNDARY);
            if ((present & C_G) != 0) {
                contraction(false, "gim", "me", END_BOUNDARY);
                contraction(false, "gon", "na", END_BOUNDARY);
                contraction(false, "got", "ta", END_BOUNDARY);
            }
            if ((present & C_L) != 0) contraction(false, "lem", "me", END_BOUNDARY);
            if ((present & C_M) != 0) contraction(false, "more", "'n", END_BOUNDARY);
            if ((present & C_W) != 0) contraction(false, "wan", "na", END_SPACE);
            if ((present & APOSTROPHE) != 0) {
                contraction(true, "'t", "is", END_BOUNDARY);
                contraction(true, "'t", "was", END_BOUNDARY);
            }
        }

        // ---- buffer plumbing

        private void begin() {
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

        /** {@code ([«“‘„]|[`]+)} → " \1 ". */
        private void openingQuotes() {
            begin();
            for (int i = 0; i < n; ) {
                char c = a[i];
                if (c == '`') {
                    int j = i + 1;
                    while (j < n && a[j] == '`') j++;
                    replace(i, j);
                    put(' ');
                    copy(i, j);
                    put(' ');
                    i = j;
                } else if (c == '«' || c == '“' || c == '‘' || c == '„') {
                    replace(i, i + 1);
                    put(' ');
                    put(c);
                    put(' ');
                    i++;
                } else {
                    i++;
                }
            }
            finish();
        }

        /** {@code (``)} → " \1 ". */
        private void doubleBackticks() {
            begin();
            for (int i = 0; i + 1 < n; ) {
                if (a[i] == '`' && a[i + 1] == '`') {
                    replace(i, i + 2);
                    put(" `` ");
                    i += 2;
                } else {
                    i++;
                }
            }
            finish();
        }

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

        /** {@code \.{2,}} → " \g<0> ". */
        private void ellipsis() {
            begin();
            for (int i = 0; i < n; ) {
                if (a[i] == '.' && i + 1 < n && a[i + 1] == '.') {
                    int j = i + 2;
                    while (j < n && a[j] == '.') j++;
                    replace(i, j);
                    put(' ');
                    copy(i, j);
                    put(' ');
                    i = j;
                } else {
                    i++;
                }
            }
            finish();
        }

        /** One-character classes padded with spaces: {@code [;@#$%&]}, {@code [?!]}, {@code [*]}, brackets, {@code [»”’]}. */
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
            for (int i = 0; i < n; ) {
                int cp = cpAt(i);
                int k = i + Character.charCount(cp);
                if (cp != '\'' && k + 1 < n && a[k] == '\'' && a[k + 1] == ' ') {
                    replace(i, k + 2);
                    copy(i, k);
                    put(" ' ");
                    i = k + 2;
                } else {
                    i++;
                }
            }
            finish();
        }

        /** {@code --} → " -- ". */
        private void doubleDashes() {
            begin();
            for (int i = 0; i + 1 < n; ) {
                if (a[i] == '-' && a[i + 1] == '-') {
                    replace(i, i + 2);
                    put(" -- ");
                    i += 2;
                } else {
                    i++;
                }
            }
            finish();
        }

        // ---- ENDING_QUOTES

        /** {@code ''} → " '' ". */
        private void doubleApostrophes() {
            begin();
            for (int i = 0; i + 1 < n; ) {
                if (a[i] == '\'' && a[i + 1] == '\'') {
                    replace(i, i + 2);
                    put(" '' ");
                    i += 2;
                } else {
                    i++;
                }
            }
            finish();
        }

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
            for (int i = 0; i < n; ) {
                int cp = cpAt(i);
                int k = i + Character.charCount(cp);
                if (cp != '\'' && cp != ' ' && k < n && a[k] == '\'') {
                    int end = -1;
                    if (k + 2 < n && "sSmMdD".indexOf(a[k + 1]) >= 0 && a[k + 2] == ' ') end = k + 3;
                    else if (k + 1 < n && a[k + 1] == ' ') end = k + 2;
                    if (end > 0) {
                        replace(i, end);
                        copy(i, k);
                        put(' ');
                        copy(k, end - 1);
                        put(' ');
                        i = end;
                        continue;
                    }
                }
                i++;
            }
            finish();
        }

        private static final String[] ENDINGS = {"'ll", "'LL", "'re", "'RE", "'ve", "'VE", "n't", "N'T"};

        /** {@code ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) } → "\1 \2 ". */
        private void contractedEndings() {
            begin();
            for (int i = 0; i < n; ) {
                int cp = cpAt(i);
                int k = i + Character.charCount(cp);
                if (cp != '\'' && cp != ' ' && k + 3 < n && a[k + 3] == ' ') {
                    boolean ending = false;
                    for (String e : ENDINGS) {
                        if (a[k] == e.charAt(0) && a[k + 1] == e.charAt(1) && a[k + 2] == e.charAt(2)) {
                            ending = true;
                            break;
                        }
                    }
                    if (ending) {
                        replace(i, k + 4);
                        copy(i, k);
                        put(' ');
                        copy(k, k + 3);
                        put(' ');
                        i = k + 4;
                        continue;
                    }
                }
                i++;
            }
            finish();
        }

        // ---- CONTRACTIONS2 / CONTRACTIONS3

        private static final int END_BOUNDARY = 0;
        private static final int END_SPACE = 1;

        /**
         * {@code (?i)\b(first)(second)\b} → " \1 \2 ", or with {@code leadingSpace} {@code (?i) (first)(second)\b};
         * {@code END_SPACE} ends with {@code (?=\s)} instead of {@code \b}.
         */
        private void contraction(boolean leadingSpace, String first, String second, int endRule) {
            begin();
            for (int i = 0; i < n; ) {
                int start = i;
                boolean ok;
                int mid = -1;
                int end = -1;
                if (leadingSpace) {
                    ok = a[i] == ' ';
                    if (ok) {
                        mid = matchFolded(i + 1, first);
                        ok = mid >= 0;
                    }
                } else {
                    // The first letter is a word character, so \b before it means no word character precedes.
                    mid = matchFolded(i, first);
                    ok = mid >= 0 && boundary(i);
                }
                if (ok) {
                    end = matchFolded(mid, second);
                    ok = end >= 0 && (endRule == END_BOUNDARY ? boundary(end) : end < n && PyText.isSpace(cpAt(end)));
                }
                if (ok) {
                    replace(start, end);
                    put(' ');
                    copy(leadingSpace ? start + 1 : start, mid);
                    put(' ');
                    copy(mid, end);
                    put(' ');
                    i = end;
                } else {
                    i++;
                }
            }
            finish();
        }

        // ---- text.split()

        private void split(List<String> tokens) {
            int i = 0;
            while (i < n) {
                while (i < n && isSpaceAt(i)) i++;
                int start = i;
                while (i < n && !isSpaceAt(i)) i++;
                if (i > start) tokens.add(new String(a, start, i - start));
            }
        }
    }
}
