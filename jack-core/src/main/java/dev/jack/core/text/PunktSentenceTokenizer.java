package dev.jack.core.text;

import dev.jack.core.Latin1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * NLTK's Punkt sentence tokenizer (nltk 3.8, {@code PunktSentenceTokenizer.tokenize} with boundary
 * realignment), applying a trained {@link PunktParameters}. Only candidate breaks are examined: each
 * [.?!] followed by punctuation or by whitespace and a token, with the word before it as context.
 */
public final class PunktSentenceTokenizer {
    /** Characters that cannot appear within words (PunktLanguageVars._re_non_word_chars). */
    private static final String NON_WORD_CHARS = ")\";}]*:@'({[?!";
    /** {@link #NON_WORD_CHARS} as bits by char (all are ASCII below 128): a test without a call. */
    private static final long[] NON_WORD = new long[2];

    static {
        for (char c : NON_WORD_CHARS.toCharArray()) NON_WORD[c >>> 6] |= 1L << c;
    }

    /** Whether the char is one of {@link #NON_WORD_CHARS} (package-private for the tests). */
    static boolean isNonWord(char c) {
        return c < 128 && (NON_WORD[c >>> 6] & (1L << c)) != 0;
    }
    /** Characters that cannot start a word token (PunktLanguageVars._re_word_start excludes them). */
    private static final String NOT_WORD_START = "(\"`{[:;&#*@)}]-,";

    private final PunktParameters params;
    /** The first words of the collocations: most types start none, and need no key built. */
    private final Set<String> collocationFirsts;
    /**
     * The abbreviation types and the collocations' first words, looked up with a word of the text lower-cased in place
     * ({@link #plainWordBreaks}).
     */
    private final AsciiLoweredSet notPlain;
    /**
     * A bit per (length, first letter, last letter) of the words of {@link #notPlain} made of two or more lower-case ASCII
     * letters (lengths from 15 sharing one bit): a plain word whose bit is clear is in neither set, so most need no
     * hash (an abbreviation's shape is rare among words, where a word's hash is most of a plain decision's cost).
     */
    private final long[] plainShapes = new long[(16 * 26 * 26 + 63) / 64];
    /**
     * Recent answers, per thread: a row's constraints and a response's loose variants ask about the same few texts
     * ({@link #forgetRecent} at each row keeps that sharing within one row).
     */
    private final ThreadLocal<Recent> recent = ThreadLocal.withInitial(Recent::new);

    public PunktSentenceTokenizer(PunktParameters params) {
        this.params = params;
        Set<String> firsts = new HashSet<>();
        for (String key : params.collocations()) firsts.add(key.substring(0, key.indexOf('\t')));
        this.collocationFirsts = firsts;
        Set<String> stops = new HashSet<>(firsts);
        stops.addAll(params.abbrevTypes());
        this.notPlain = new AsciiLoweredSet(stops);
        for (String stop : stops) {
            if (stop.length() >= 2 && stop.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                int shape = shape(stop.length(), stop.charAt(0), stop.charAt(stop.length() - 1));
                plainShapes[shape >>> 6] |= 1L << shape;
            }
        }
    }

    /** The bit of {@link #plainShapes} for a word of lower-case ASCII letters. */
    private static int shape(int length, char first, char last) {
        return (Math.min(length, 15) * 26 + (first - 'a')) * 26 + (last - 'a');
    }

    /** The last {@link #RECENT} texts split on this thread, with their spans and (once asked for) sentences. */
    private static final int RECENT = 64;

    /**
     * Slots of the per-thread table of recent break decisions, by the context's hash (direct-mapped, so it holds about one
     * response's contexts, which its loose variants repeat).
     */
    private static final int CONTEXTS = 256;

    private static final class Recent {
        final String[] contexts = new String[CONTEXTS];
        final boolean[] breaks = new boolean[CONTEXTS];
        /** The row each context slot was filled in: a slot of an earlier row is empty. */
        final int[] contextRows = new int[CONTEXTS];
        int row = 1;
        final String[] texts = new String[RECENT];
        final int[][] spans = new int[RECENT][];
        final List<?>[] sentences = new List<?>[RECENT];
        /** Slots of {@link #texts} filled since the last {@link #clear} (at most {@link #RECENT}). */
        int filled;
        int next;

        /**
         * The slot of the text (the same object, or else an equal one), or -1. Compared by identity, then by length and
         * equals, not by hash: a text is hashed once, but that hash read every char of each response and loose variant
         * a row asks about (C1's char loop: 1.0% of a 54,100-row eval's CPU time, a quarter of its sentence counting),
         * where the row's texts mostly differ in length and the checkers mostly ask with the same object. Equal texts
         * that are other objects cost one equals, as before.
         */
        int find(String text) {
            for (int i = 0; i < filled; i++) if (texts[i] == text) return i;
            int length = text.length();
            for (int i = 0; i < filled; i++) {
                String t = texts[i];
                if (t.length() == length && t.equals(text)) return i;
            }
            return -1;
        }

        /** Forgets everything in place: a row costs no new tables. */
        void clear() {
            Arrays.fill(texts, 0, filled, null);
            Arrays.fill(spans, 0, filled, null);
            Arrays.fill(sentences, 0, filled, null);
            row++;
            filled = 0;
            next = 0;
        }
    }

    /** The index in this thread's {@link Recent} of the text's spans, splitting it if it is not there. */
    private int slot(Recent r, String text) {
        int i = r.find(text);
        return i >= 0 ? i : remember(r, text, split(text));
    }

    /** Puts a text's spans in this thread's {@link Recent}, in place of the oldest; returns the slot. */
    private static int remember(Recent r, String text, int[] spans) {
        int i = r.next;
        r.next = (i + 1) % RECENT;
        if (r.filled < RECENT) r.filled++;
        r.spans[i] = spans;
        r.sentences[i] = null;
        r.texts[i] = text;
        return i;
    }

    /** Forgets this thread's recent texts and break decisions (what follows pays for its own splits). */
    public void forgetRecent() {
        recent.get().clear();
    }

    public int countSentences(String text) {
        Recent r = recent.get();
        return r.spans[slot(r, text)].length / 2;
    }

    /** Punkt's sentences, as an unmodifiable list (the same list while the text is among this thread's recent ones). */
    @SuppressWarnings("unchecked")
    public List<String> sentences(String text) {
        Recent r = recent.get();
        int i = slot(r, text);
        if (r.sentences[i] == null) {
            int[] spans = r.spans[i];
            String[] out = new String[spans.length / 2];
            for (int k = 0; k < out.length; k++) out[k] = text.substring(spans[2 * k], spans[2 * k + 1]);
            r.sentences[i] = Collections.unmodifiableList(Arrays.asList(out));
        }
        return (List<String>) r.sentences[i];
    }

    /**
     * Sentence spans as flat (start, end) pairs, after boundary realignment; this thread's remembered array, shared and
     * not to be written.
     */
    int[] spans(String text) {
        Recent r = recent.get();
        return r.spans[slot(r, text)];
    }

    /**
     * The sentence at {@code index} (from 0), or null when there are fewer: {@code sentences(text).get(index)}. A text
     * not among this thread's recent ones is split only as far as that sentence needs (Punkt decides breaks left to
     * right, and a slice's realignment looks at the next slice only), so a question about an early sentence of a long
     * text costs less; the partial split is not remembered.
     */
    public String sentence(String text, int index) {
        Recent r = recent.get();
        int i = r.find(text);
        if (i < 0) {
            Ints slices = slices(text, index + 2);
            if (slices.complete) {
                i = remember(r, text, realign(text, slices, slices.size / 2).toArray());
            } else {
                // Slices 0..index are final, and each one's span needs only the slice after it.
                Ints spans = realign(text, slices, index + 1);
                if (spans.size / 2 > index) return text.substring(spans.at[2 * index], spans.at[2 * index + 1]);
                i = slot(r, text);
            }
        }
        int[] spans = r.spans[i];
        return index < spans.length / 2 ? text.substring(spans[2 * index], spans[2 * index + 1]) : null;
    }

    /** Splits the text: its sentence spans as flat (start, end) pairs, after boundary realignment. */
    private int[] split(String text) {
        Ints slices = slices(text, Integer.MAX_VALUE);
        return realign(text, slices, slices.size / 2).toArray();
    }

    /** The spans of the first {@code count} slices, realigned (each slice but the very last looks at the next one). */
    private static Ints realign(String text, Ints slices, int count) {
        Ints out = new Ints(slices.size);
        int realign = 0;
        for (int i = 0; i < 2 * count; i += 2) {
            int start = slices.at[i] + realign;
            int stop = slices.at[i + 1];
            if (i + 2 >= slices.size) {
                if (start < stop) addSpan(out, start, stop);
                break;
            }
            int nextStart = slices.at[i + 2];
            int nextStop = slices.at[i + 3];
            int end = realignmentEnd(text, nextStart, Math.max(nextStart, nextStop));
            if (end >= 0) {
                addSpan(out, start, PyText.stripEnd(text, nextStart, end));
                realign = end - nextStart;
            } else {
                realign = 0;
                if (start < stop) addSpan(out, start, stop);
            }
        }
        return out;
    }

    /** A growable int array (spans without boxing). */
    private static final class Ints {
        int[] at;
        int size;
        /** For slices: whether they run to the text's end (not cut short at a requested count). */
        boolean complete;

        Ints(int capacity) {
            at = new int[Math.max(4, capacity)];
        }

        void add(int a, int b) {
            if (size + 2 > at.length) at = Arrays.copyOf(at, at.length * 2);
            at[size++] = a;
            at[size++] = b;
        }

        int[] toArray() {
            return Arrays.copyOf(at, size);
        }
    }

    /**
     * Where nltk's boundary-realignment regex {@code ["')\]}]+?(?:\s+|(?=--)|$)} (MULTILINE), matched
     * at {@code from} within text[from, to), ends; -1 when it does not match. Scanned by hand: the lazy
     * closing run grows one char at a time until whitespace, "--", the end or a newline follows it.
     */
    static int realignmentEnd(String text, int from, int to) {
        for (int q = from; q < to && closesQuote(text.charAt(q)); ) {
            q++;
            if (q < to && PyText.isSpace(text.charAt(q))) {
                while (q < to && PyText.isSpace(text.charAt(q))) q++;
                return q;
            }
            if (q + 1 < to && text.charAt(q) == '-' && text.charAt(q + 1) == '-') return q;
            if (q == to || text.charAt(q) == '\n') return q;
        }
        return -1;
    }

    /** Whether the char is a double or single quote or a closing bracket: the closing run realignment moves. */
    private static boolean closesQuote(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
    }

    private static void addSpan(Ints out, int start, int stop) {
        out.add(start, Math.max(start, stop));
    }

    /**
     * Sentence slices before realignment, as a flat list of (start, end) pairs: all of them ({@link Ints#complete}), or
     * the first {@code limit} once that many are decided.
     */
    private Ints slices(String text, int limit) {
        Recent r = recent.get();
        Ints slices = new Ints(16);
        int lastBreak = 0;
        // Mirrors nltk's _match_potential_end_contexts: a candidate is yielded only if the word
        // before the next candidate starts after it; the last candidate is always yielded.
        int prevSliceStart = 0;
        int prevSliceStop = 0;
        int prevEnd = -1;   // -1 until there is a previous candidate
        int prevNextStart = -1;
        Candidates candidates = new Candidates(text);
        for (int start = candidates.next(0); start >= 0; start = candidates.next(start + 1)) {
            // The candidate's lookahead: one non-word character, or whitespace and the next token (whose end only the
            // general path needs: decide finds it).
            int nextStart;
            if (isNonWord(text.charAt(start + 1))) {
                nextStart = -1;
            } else {
                nextStart = start + 1;
                while (PyText.isSpace(text.charAt(nextStart))) nextStart++;
            }
            int lastSpace = lastAsciiWhitespace(text, prevSliceStop, start);
            int wordStart = lastSpace > 0 ? prevSliceStop + lastSpace + 1 : prevSliceStart;
            if (prevEnd >= 0 && prevSliceStop <= wordStart) {
                lastBreak = decide(r, slices, lastBreak, text, prevSliceStart, prevEnd, prevNextStart);
                if (slices.size / 2 >= limit) return slices;
            }
            prevEnd = start + 1;
            prevNextStart = nextStart;
            prevSliceStart = wordStart;
            prevSliceStop = start;
        }
        if (prevEnd >= 0) lastBreak = decide(r, slices, lastBreak, text, prevSliceStart, prevEnd, prevNextStart);
        slices.add(lastBreak, Math.max(lastBreak, PyText.stripEnd(text, 0, text.length())));
        slices.complete = true;
        return slices;
    }


    /**
     * Potential sentence ends, as nltk's period-context regex {@code [.?!](?=(NonWord|\s+\S+))} finds them: '.', '?' or
     * '!' followed by a non-word character, or by whitespace and then a non-space character. In a Latin-1 text of
     * {@link Latin1#WORTH_COPYING} chars or more, the next of the three is found in one pass over a copy of its bytes,
     * eight at a time ({@link Latin1#indexOfAny}); in another, each is found with {@link String#indexOf(int, int)} and
     * remembered until passed. Under C1 (eval's JIT) indexOf is a plain byte loop, and a text has no '?' or '!' as a
     * rule, so that each text was scanned three times (a 54,100-row eval: 2.5% of its CPU time in those scans).
     * Package-private for the tests.
     */
    static final class Candidates {
        private final String text;
        /** Each thread's copy of the text its candidates are found in (one {@link #slices} at a time). */
        private static final ThreadLocal<Latin1.Copy> COPIES = ThreadLocal.withInitial(Latin1.Copy::new);
        /** The text's Latin-1 bytes (the thread's {@link #COPIES}), or null. */
        private final byte[] bytes;
        private int dot;
        private int question;
        private int bang;

        Candidates(String text) {
            this.text = text;
            bytes = text.length() >= Latin1.WORTH_COPYING ? COPIES.get().of(text) : null;
            if (bytes == null) {
                dot = text.indexOf('.');
                question = text.indexOf('?');
                bang = text.indexOf('!');
            }
        }

        /** The next potential end at or after {@code from}; -1 when there is none. */
        int next(int from) {
            int n = text.length();
            while (from < n - 1) {
                int i = bytes != null ? Latin1.indexOfAny(bytes, from, n, '.', '?', '!') : nextMark(from);
                if (i < 0 || i >= n - 1) return -1;
                char next = text.charAt(i + 1);
                if (isNonWord(next)) return i;
                if (PyText.isSpace(next)) {
                    int j = i + 2;
                    while (j < n && PyText.isSpace(text.charAt(j))) j++;
                    if (j < n) return i;
                }
                from = i + 1;
            }
            return -1;
        }

        /** The first '.', '?' or '!' at or after {@code from} by the remembered indexOf's; -1 when there is none. */
        private int nextMark(int from) {
            if (dot >= 0 && dot < from) dot = text.indexOf('.', from);
            if (question >= 0 && question < from) question = text.indexOf('?', from);
            if (bang >= 0 && bang < from) bang = text.indexOf('!', from);
            return min(dot, min(question, bang));
        }

        /** The smaller of two positions, -1 meaning none. */
        private static int min(int a, int b) {
            return a < 0 ? b : b < 0 ? a : Math.min(a, b);
        }
    }

    /**
     * Decides the candidate ending at {@code matchEnd} whose context starts at {@code from}: the context runs to the
     * non-word character after it ({@code nextTokStart} -1) or to the end of the token at {@code nextTokStart}. A '?' or
     * '!' candidate always breaks: it is a token of its own (word tokens end before it, and the non-word character or
     * whitespace after it ends it), the first pass marks it, the second leaves tokens without a final period alone, and a
     * token follows it (the lookahead's).
     */
    private int decide(Recent r, Ints slices, int lastBreak, String text, int from, int matchEnd, int nextTokStart) {
        boolean isBreak = text.charAt(matchEnd - 1) != '.' || plainWordBreaks(text, from, matchEnd - 1)
                || periodContextBreaks(r, text, from, nextTokStart < 0 ? matchEnd + 1 : PyText.wordEnd(text, nextTokStart));
        if (!isBreak) return lastBreak;
        slices.add(lastBreak, matchEnd);
        return nextTokStart >= 0 ? nextTokStart : matchEnd;
    }

    /**
     * The most common context, "Word. Next": true when the context starts with two or more ASCII letters right before
     * its period (at {@code period}) and their lower case is neither an abbreviation nor a collocation's first word.
     * Then the first token is that word with its period (a word token runs to the non-word character or whitespace after
     * the period), the first pass marks it a break, and the second pass keeps it one (it is no initial, no number, in
     * no collocation), with a token after it. A word of ASCII letters and other non-ASCII characters that are not
     * whitespace (an emoji ending a sentence, an accented word) is the same token and decided the same way by
     * {@link #otherWordBreaks}. False means only that the general path must decide.
     */
    boolean plainWordBreaks(String text, int from, int period) {
        if (period == from) return false;
        boolean ascii = true;
        for (int i = from; i < period; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                if ((c < 'a' || c > 'z') && (c < 'A' || c > 'Z')) return false;
            } else {
                // No non-ASCII char is a non-word character, starts multi-char punctuation or ends a word but whitespace.
                if (PyText.isSpace(c)) return false;
                ascii = false;
            }
        }
        if (ascii) {
            if (period - from < 2) return false;
            int shape = shape(period - from, (char) (text.charAt(from) | 0x20), (char) (text.charAt(period - 1) | 0x20));
            return (plainShapes[shape >>> 6] & (1L << shape)) == 0 || !notPlain.containsLowered(text, from, period);
        }
        return otherWordBreaks(text.substring(from, period));
    }

    /**
     * {@link #plainWordBreaks} for a word with non-ASCII characters: one word character alone is an initial and a leading
     * digit of any script makes a number (both go by the orthographic heuristics, so the general path decides), and the
     * word's Python lower case (which with its period appended is the token's type, less the period) must be neither an
     * abbreviation nor a collocation's first word.
     */
    private boolean otherWordBreaks(String word) {
        int first = word.codePointAt(0);
        if (Character.charCount(first) == word.length() && PyText.isWordChar(first)) return false;
        String lower = PyText.lower(word);
        if (PyText.isDecimal(lower.codePointAt(0))) return false;
        return !params.abbrevTypes().contains(lower) && !collocationFirsts.contains(lower);
    }

    /**
     * The general path's decision on the context text[from, to), remembered by its String hash so that a hit allocates
     * nothing.
     */
    private boolean periodContextBreaks(Recent r, String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + text.charAt(i);
        int k = (h ^ (h >>> 16)) & (CONTEXTS - 1);
        boolean isBreak;
        String known = r.contexts[k];
        if (r.contextRows[k] == r.row && known.length() == to - from && text.startsWith(known, from)) {
            isBreak = r.breaks[k];
        } else {
            String context = text.substring(from, to);
            isBreak = containsSentenceBreak(context);
            r.contexts[k] = context;
            r.breaks[k] = isBreak;
            r.contextRows[k] = r.row;
        }
        return isBreak;
    }

    /**
     * Index within text[from, to) of the last ASCII whitespace relative to {@code from}, or 0 if none.
     * (nltk uses string.whitespace here, and treats a space at relative index 0 as "none".)
     */
    private static int lastAsciiWhitespace(String text, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            char c = text.charAt(i);
            if (c == ' ' || (c >= '\t' && c <= '\r')) return i - from;
        }
        return 0;
    }

    /** True when some token of the context is a sentence break and is followed by another token. */
    boolean containsSentenceBreak(String context) {
        List<Token> tokens = tokenizeWords(context);
        for (Token t : tokens) firstPass(t);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            secondPass(tokens.get(i), tokens.get(i + 1));
            if (tokens.get(i).sentbreak) return true;
        }
        return false;
    }

    static List<Token> tokenizeWords(String text) {
        List<Token> tokens = new ArrayList<>();
        // A context is mostly one line: no need to split it.
        for (String line : text.indexOf('\n') < 0 ? List.of(text) : PyText.split(text, "\n")) {
            if (PyText.isBlank(line)) continue;
            for (String word : wordTokens(line)) tokens.add(new Token(word));
        }
        return tokens;
    }

    /**
     * PunktLanguageVars.word_tokenize: findall of
     * {@code MultiChar | (?=WordStart)\S+?(?=\s|$|NonWord|MultiChar|,(?=$|\s|NonWord|MultiChar)) | \S},
     * scanned by hand (the regex dominated sentence counting). MultiChar is {@code -{2,}}, {@code \.{2,}}
     * or {@code (?:\.\s){2,}\.}.
     */
    static List<String> wordTokens(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (PyText.isSpace(c)) {
                i++;
                continue;
            }
            int end = multiCharEnd(line, i);
            if (end < 0) {
                if (NOT_WORD_START.indexOf(c) >= 0) {
                    end = i + Character.charCount(line.codePointAt(i));
                } else {
                    end = i + Character.charCount(line.codePointAt(i));
                    while (!endsWord(line, end)) end += Character.charCount(line.codePointAt(end));
                }
            }
            out.add(line.substring(i, end));
            i = end;
        }
        return out;
    }

    /** Whether a word token may end before index j: whitespace, the end, a non-word character, multi-char punctuation, or a final comma. */
    private static boolean endsWord(String s, int j) {
        if (j >= s.length()) return true;
        char c = s.charAt(j);
        if (PyText.isSpace(c) || isNonWord(c) || multiCharEnd(s, j) >= 0) return true;
        if (c != ',') return false;
        int k = j + 1;
        return k >= s.length() || PyText.isSpace(s.charAt(k)) || isNonWord(s.charAt(k)) || multiCharEnd(s, k) >= 0;
    }

    /** The end of multi-character punctuation starting at i, or -1. */
    private static int multiCharEnd(String s, int i) {
        int n = s.length();
        if (i + 1 >= n) return -1;
        char c = s.charAt(i);
        if ((c == '-' || c == '.') && s.charAt(i + 1) == c) {
            int j = i + 2;
            while (j < n && s.charAt(j) == c) j++;
            return j;
        }
        if (c != '.') return -1;
        // (?:\.\s){2,}\. : the most ". " pairs that are still followed by a period.
        int pairs = 0;
        int j = i;
        while (j + 1 < n && s.charAt(j) == '.' && PyText.isSpace(s.charAt(j + 1))) {
            pairs++;
            j += 2;
        }
        while (pairs >= 2) {
            int afterPairs = i + 2 * pairs;
            if (afterPairs < n && s.charAt(afterPairs) == '.') return afterPairs + 1;
            pairs--;
        }
        return -1;
    }

    void firstPass(Token t) {
        String tok = t.tok;
        if (tok.equals(".") || tok.equals("?") || tok.equals("!")) {
            t.sentbreak = true;
        } else if (t.isEllipsis()) {
            t.ellipsis = true;
        } else if (t.periodFinal && !tok.endsWith("..")) {
            String stem = PyText.lower(tok.substring(0, tok.length() - 1));
            String lastPart = stem.substring(stem.lastIndexOf('-') + 1);
            if (params.abbrevTypes().contains(stem) || params.abbrevTypes().contains(lastPart)) {
                t.abbr = true;
            } else {
                t.sentbreak = true;
            }
        }
    }

    void secondPass(Token t1, Token t2) {
        if (!t1.periodFinal) return;
        String typ = t1.typeNoPeriod();
        String nextTyp = t2.typeNoSentPeriod();
        boolean initial = t1.isInitial();

        if (collocationFirsts.contains(typ) && params.collocations().contains(PunktParameters.collocationKey(typ, nextTyp))) {
            t1.sentbreak = false;
            t1.abbr = true;
            return;
        }
        if ((t1.abbr || t1.ellipsis) && !initial) {
            Ortho starter = orthoHeuristic(t2);
            if (starter == Ortho.STARTER) {
                t1.sentbreak = true;
                return;
            }
            if (t2.firstUpper() && params.sentStarters().contains(nextTyp)) {
                t1.sentbreak = true;
                return;
            }
        }
        if (initial || typ.equals("##number##")) {
            Ortho starter = orthoHeuristic(t2);
            if (starter == Ortho.NOT_STARTER) {
                t1.sentbreak = false;
                t1.abbr = true;
                return;
            }
            if (starter == Ortho.UNKNOWN && initial && t2.firstUpper()
                    && (params.ortho(nextTyp) & PunktParameters.ORTHO_LC) == 0) {
                t1.sentbreak = false;
                t1.abbr = true;
            }
        }
    }

    private enum Ortho { STARTER, NOT_STARTER, UNKNOWN }

    private Ortho orthoHeuristic(Token t) {
        if (t.tok.length() == 1 && ";:,.!?".indexOf(t.tok.charAt(0)) >= 0) return Ortho.NOT_STARTER;
        int ortho = params.ortho(t.typeNoSentPeriod());
        if (t.firstUpper() && (ortho & PunktParameters.ORTHO_LC) != 0 && (ortho & PunktParameters.ORTHO_MID_UC) == 0) {
            return Ortho.STARTER;
        }
        if (t.firstLower() && ((ortho & PunktParameters.ORTHO_UC) != 0 || (ortho & PunktParameters.ORTHO_BEG_LC) == 0)) {
            return Ortho.NOT_STARTER;
        }
        return Ortho.UNKNOWN;
    }

    /** A word token with the annotations of the two passes. */
    static final class Token {
        final String tok;
        /** The lower-cased token, or "##number##"; computed when first asked for (most tokens never are). */
        private String type;
        final boolean periodFinal;
        boolean sentbreak;
        boolean abbr;
        boolean ellipsis;

        Token(String tok) {
            this.tok = tok;
            this.periodFinal = tok.endsWith(".");
        }

        String type() {
            if (type == null) {
                String lower = PyText.lower(tok);
                type = isNumeric(lower) ? "##number##" : lower;
            }
            return type;
        }

        /** nltk's {@code ^-?[\.,]?\d[\d,\.-]*\.?$}: an optional sign and separator, a digit, then digits, commas, periods and hyphens. */
        static boolean isNumeric(String t) {
            int i = 0;
            // $ also matches before a final newline (tokens hold no whitespace, but the regex allows it).
            int n = t.endsWith("\n") ? t.length() - 1 : t.length();
            if (i < n && t.charAt(i) == '-') i++;
            if (i < n && (t.charAt(i) == '.' || t.charAt(i) == ',')) i++;
            if (i >= n || !PyText.isDecimal(t.codePointAt(i))) return false;
            i += Character.charCount(t.codePointAt(i));
            while (i < n) {
                int cp = t.codePointAt(i);
                if (cp != ',' && cp != '.' && cp != '-' && !PyText.isDecimal(cp)) return false;
                i += Character.charCount(cp);
            }
            return true;
        }

        String typeNoPeriod() {
            String type = type();
            return type.length() > 1 && type.endsWith(".") ? type.substring(0, type.length() - 1) : type;
        }

        String typeNoSentPeriod() {
            return sentbreak ? typeNoPeriod() : type();
        }

        /** {@code tok[0].isupper()}, for the one code point (as {@link PyText#isUpper}). */
        boolean firstUpper() {
            int cp = tok.codePointAt(0);
            if (cp < 128) return cp >= 'A' && cp <= 'Z';
            return !Character.isLowerCase(cp) && !Character.isTitleCase(cp) && Character.isUpperCase(cp);
        }

        /** {@code tok[0].islower()}, for the one code point (as {@link PyText#isLower}). */
        boolean firstLower() {
            int cp = tok.codePointAt(0);
            if (cp < 128) return cp >= 'a' && cp <= 'z';
            return !Character.isUpperCase(cp) && !Character.isTitleCase(cp) && Character.isLowerCase(cp);
        }

        /** {@code \.\.+$}: only periods, at least two. */
        boolean isEllipsis() {
            if (tok.length() < 2) return false;
            for (int i = 0; i < tok.length(); i++) if (tok.charAt(i) != '.') return false;
            return true;
        }

        /** {@code [^\W\d]\.$}: one non-digit word character and a period. */
        boolean isInitial() {
            int cp = tok.codePointAt(0);
            int n = Character.charCount(cp);
            return tok.length() == n + 1 && tok.charAt(n) == '.' && PyText.isWordChar(cp) && !PyText.isDecimal(cp);
        }
    }
}
