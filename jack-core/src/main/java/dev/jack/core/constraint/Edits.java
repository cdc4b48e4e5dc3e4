package dev.jack.core.constraint;

import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * The building blocks constraints use for their {@link Constraint#spans spans} and {@link Constraint#breaks edits}:
 * finding a keyword's matches, cutting a stretch out of a text without leaving a doubled space, adding a sentence
 * where sentences end, and Jack's neutral filler sentences in a response's letter case. Positions are UTF-16 indexes.
 */
public final class Edits {
    private Edits() {}

    /** At most this many places are offered for an added sentence (besides the end of the text). */
    private static final int SLOTS = 4;
    /** At most this many sentences are added to reach a count of keywords or letters: more would not be a small edit. */
    public static final int MAX_ADDED = 10;
    /** At most this many sentences are added to reach a length (a word or sentence count). */
    public static final int MAX_ADDED_FOR_LENGTH = 60;

    /**
     * The matches of a constraint's keyword parameter, read as IFEval reads it (a regular expression, ignoring case;
     * {@code wholeWord} wraps it in {@code \b}), as {@code [start, end)} pairs in order.
     */
    public static List<int[]> matches(String text, String pattern, boolean wholeWord) {
        Matcher m = PyRegex.cached(wholeWord ? "\\b" + pattern + "\\b" : pattern, PyRegex.IGNORECASE).matcher(text);
        List<int[]> out = new ArrayList<>();
        while (m.find()) out.add(new int[] {m.start(), m.end()});
        return out;
    }

    /**
     * The text without {@code [start, end)}, and without the space that would be left doubled, before punctuation, or
     * at the start or end of a line.
     */
    public static String cut(String text, int start, int end) {
        char before = start > 0 ? text.charAt(start - 1) : '\n';
        char after = end < text.length() ? text.charAt(end) : '\n';
        if (before == ' ' && (after == ' ' || after == '\n' || ".,;:!?)".indexOf(after) >= 0)) start--;
        else if (before == '\n' && after == ' ') end++;
        return text.substring(0, start) + text.substring(end);
    }

    /**
     * The text without each of the ranges (which do not overlap), each cut as {@link #cut} does, the last first. The
     * text is copied once (cutting one range at a time copies it per range: quadratic on 100,000 ranges): what is kept
     * is gathered from the end, and a cut looks at the kept text that follows it as {@link #cut} would.
     */
    public static String cutAll(String text, List<int[]> ranges) {
        List<int[]> ordered = new ArrayList<>(ranges);
        ordered.sort(Comparator.comparingInt((int[] r) -> r[0]).reversed());
        // Kept stretches [from, to) of the text, the last first; the last one in the list is never empty.
        List<int[]> kept = new ArrayList<>();
        int keptUpTo = text.length();
        for (int[] r : ordered) {
            int start = r[0];
            if (r[1] < keptUpTo) kept.add(new int[] {r[1], keptUpTo});
            char before = start > 0 ? text.charAt(start - 1) : '\n';
            char after = kept.isEmpty() ? '\n' : text.charAt(kept.getLast()[0]);
            if (before == ' ' && (after == ' ' || after == '\n' || ".,;:!?)".indexOf(after) >= 0)) {
                start--;
            } else if (before == '\n' && after == ' ' && ++kept.getLast()[0] == kept.getLast()[1]) {
                kept.removeLast();
            }
            keptUpTo = Math.min(start, keptUpTo);
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, keptUpTo);
        for (int i = kept.size() - 1; i >= 0; i--) out.append(text, kept.get(i)[0], kept.get(i)[1]);
        return out.toString();
    }

    /** The text with {@code [start, end)} replaced. */
    public static String replace(String text, int start, int end, String with) {
        return text.substring(0, start) + with + text.substring(end);
    }

    /**
     * Where a sentence can be added: after the last sentence of a line that ends one (in . ! or ?, maybe followed by
     * a closing quote, bracket or asterisk), the first and last such lines first, at most four, then the very end of
     * the text ({@link #textEnd}).
     */
    public static List<Integer> sentenceSlots(String text) {
        List<Integer> ends = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? text.length() : nl;
            int end = lineStart + PyText.rstrip(text.substring(lineStart, lineEnd)).length();
            int k = end;
            while (k > lineStart && "\"')]*".indexOf(text.charAt(k - 1)) >= 0) k--;
            if (k > lineStart && ".!?".indexOf(text.charAt(k - 1)) >= 0) ends.add(end);
            if (nl < 0) break;
            lineStart = nl + 1;
        }
        LinkedHashSet<Integer> slots = new LinkedHashSet<>();
        if (!ends.isEmpty()) {
            slots.add(ends.getFirst());
            slots.add(ends.getLast());
            for (int e : ends) if (slots.size() < SLOTS) slots.add(e);
        }
        slots.add(textEnd(text));
        return List.copyOf(slots);
    }

    /** The text with the sentence added after a space, one candidate per {@link #sentenceSlots slot}. */
    public static List<String> withSentence(String text, String sentence) {
        List<String> out = new ArrayList<>();
        for (int at : sentenceSlots(text)) out.add(text.substring(0, at) + " " + sentence + text.substring(at));
        return out;
    }

    /** How many units {@link #cutUntil} tries one by one before it doubles. */
    private static final int ONE_BY_ONE = 16;

    /**
     * The text with units (sentences, words: {@code [start, end)} ranges in order) cut one at a time, the last
     * first, until {@code done} accepts it; null when even cutting all of them does not. Past the first
     * {@value #ONE_BY_ONE} the count doubles and is then bisected, which finds the same count wherever cutting more
     * never undoes {@code done} (true of the "at least N" counts it serves), in O(log units) tries instead of one per
     * unit (quadratic on a response of 300,000 placeholders).
     */
    public static String cutUntil(String text, List<int[]> units, Predicate<String> done) {
        int size = units.size();
        IntPredicate cutIsDone = n -> done.test(cut(text, units, n));
        for (int n = 1; n <= Math.min(size, ONE_BY_ONE); n++) if (cutIsDone.test(n)) return cut(text, units, n);
        if (size <= ONE_BY_ONE) return null;
        int notDone = ONE_BY_ONE;
        int isDone = ONE_BY_ONE;
        while (isDone < size) {
            isDone = Math.min(size, isDone * 2);
            if (cutIsDone.test(isDone)) break;
            notDone = isDone;
        }
        if (notDone == isDone) return null;
        while (isDone - notDone > 1) {
            int mid = notDone + (isDone - notDone) / 2;
            if (cutIsDone.test(mid)) isDone = mid;
            else notDone = mid;
        }
        return cut(text, units, isDone);
    }

    /** The text without its last n units. */
    private static String cut(String text, List<int[]> units, int n) {
        return cutAll(text, units.subList(units.size() - n, units.size()));
    }

    /**
     * Candidates that cut units as {@link #cutUntil} does: from the end, and from before the last unit (which keeps
     * an ending such as a postscript or an end phrase); each one that reaches {@code done}, as the operation.
     */
    public static List<Edit> cutFromEnd(String operation, String text, List<int[]> units, Predicate<String> done) {
        List<Edit> out = new ArrayList<>(2);
        String fromEnd = cutUntil(text, units, done);
        if (fromEnd != null) out.add(new Edit(operation, fromEnd));
        if (units.size() > 1) {
            String keepLast = cutUntil(text, units.subList(0, units.size() - 1), done);
            if (keepLast != null && !keepLast.equals(fromEnd)) out.add(new Edit(operation, keepLast));
        }
        return out;
    }

    /**
     * Candidates that add sentences, taken in turn from {@code sentences} (cycled, at most {@code max}), at each of the
     * first two {@link #sentenceSlots slots} until {@code done} accepts the text; each one that gets there, as the
     * operation.
     */
    public static List<Edit> addUntil(String operation, String text, List<String> sentences, int max, Predicate<String> done) {
        List<Edit> out = new ArrayList<>(2);
        List<Integer> slots = sentenceSlots(text);
        for (int at : slots.subList(0, Math.min(2, slots.size()))) {
            StringBuilder group = new StringBuilder();
            for (int i = 0; i < max; i++) {
                group.append(i == 0 ? "" : " ").append(sentences.get(i % sentences.size()));
                String edited = text.substring(0, at) + " " + group + text.substring(at);
                if (done.test(edited)) {
                    out.add(new Edit(operation, edited));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Candidates that change a response's length by whole sentences until {@code done} accepts it: {@code fewer}
     * cuts Punkt's sentences ({@link #cutFromEnd}), else Jack's neutral sentences are added ({@link #addUntil}, at
     * most {@value #MAX_ADDED_FOR_LENGTH}).
     */
    public static List<Edit> bySentences(String response, TextTools text, boolean fewer, Predicate<String> done) {
        return fewer ? cutFromEnd("remove_sentences", response, text.sentenceSpans(response), done)
                : addUntil("add_sentences", response, fillers(response, Vocabulary.ENGLISH.size()), MAX_ADDED_FOR_LENGTH, done);
    }

    /** The words ({@link #word}) around these matches, each once, in order. */
    public static List<int[]> words(String text, List<int[]> matches) {
        List<int[]> out = new ArrayList<>();
        for (int[] m : matches) {
            int[] w = word(text, m[0], m[1]);
            if (w[1] == w[0]) w = m;
            if (out.isEmpty() || out.getLast()[1] <= w[0]) out.add(w);
        }
        return out;
    }

    /**
     * The spans of what a constraint counts and compares with a relation against {@code n}: with "less than" and too
     * many, the ones from the n-th on (those over the limit); with "at least" and too few, all of them and an empty
     * span at {@code missingAt} saying how many more are needed; otherwise all of them.
     */
    public static List<Span> counted(List<int[]> found, Relation relation, int n, String what, int missingAt) {
        List<Span> out = new ArrayList<>();
        String limit = relation == Relation.LESS_THAN ? " (fewer than " + n + " allowed)" : " (at least " + n + " needed)";
        int from = relation == Relation.LESS_THAN && found.size() >= n ? Math.max(0, n - 1) : 0;
        for (int i = from; i < found.size(); i++) out.add(new Span(found.get(i)[0], found.get(i)[1], what + " " + (i + 1) + limit));
        if (relation == Relation.AT_LEAST && found.size() < n) out.add(Span.missing(missingAt, (n - found.size()) + " more " + what + limit));
        return out;
    }

    /** Where the text's content ends: before trailing whitespace, then before a closing {@code "} or code fence. */
    public static int textEnd(String text) {
        int end = PyText.rstrip(text).length();
        String body = text.substring(0, end);
        if (body.endsWith("```")) return PyText.rstrip(body.substring(0, end - 3)).length();
        if (body.endsWith("\"") && body.length() > 1) return end - 1;
        return end;
    }

    /** A phrase in the response's letter case: all lowercase or all capitals when the response is, else as given. */
    public static String inCaseOf(String response, String phrase) {
        if (PyText.isLower(response)) return PyText.lower(phrase);
        if (PyText.isUpper(response)) return phrase.toUpperCase(Locale.ROOT);
        return phrase;
    }

    /**
     * Jack's neutral English sentences ({@link Vocabulary#ENGLISH}: no commas, digits or brackets), in the
     * response's letter case, the first {@code n} of them.
     */
    public static List<String> fillers(String response, int n) {
        return Vocabulary.ENGLISH.subList(0, Math.min(n, Vocabulary.ENGLISH.size())).stream().map(s -> inCaseOf(response, s)).toList();
    }

    /** The run of word characters ({@code \w}) that contains {@code [start, end)}, widened to whole words. */
    public static int[] word(String text, int start, int end) {
        while (start > 0 && PyText.isWordChar(text.codePointBefore(start))) start -= Character.charCount(text.codePointBefore(start));
        while (end < text.length() && PyText.isWordChar(text.codePointAt(end))) end += Character.charCount(text.codePointAt(end));
        return new int[] {start, end};
    }

    /**
     * The spans of a whole-text letter-case constraint (IFEval's all-capitals and all-lowercase): with the text in the
     * case ({@code inCase}), the whole text, labelled {@code inCaseLabel} or with the language langdetect reads when
     * that is not English; otherwise each run of words on a line that {@code wrongWord} marks, labelled
     * {@code wrongLabel}.
     */
    public static List<Span> caseSpans(String response, TextTools text, boolean inCase, Predicate<String> wrongWord, String inCaseLabel,
                                       String wrongLabel) {
        int start = PyText.stripStart(response);
        int end = Math.max(start, PyText.rstrip(response).length());
        if (inCase) {
            String language = text.detectLanguage(response).orElse("en");
            return List.of(new Span(start, end, language.equals("en") ? inCaseLabel : "detected language " + language + ", not English"));
        }
        List<Span> out = new ArrayList<>();
        int[] run = null;
        for (int[] w : PyText.wordRuns(response)) {
            if (!wrongWord.test(response.substring(w[0], w[1]))) continue;
            String between = run == null ? null : response.substring(run[1], w[0]);
            if (between != null && PyText.isBlank(between) && !between.contains("\n")) {
                run[1] = w[1];
            } else {
                if (run != null) out.add(new Span(run[0], run[1], wrongLabel));
                run = new int[] {w[0], w[1]};
            }
        }
        if (run != null) out.add(new Span(run[0], run[1], wrongLabel));
        if (out.isEmpty()) out.add(Span.missing(start, "no letters"));
        return out;
    }

    /** The spans as they are, labelled {@code label 1}, {@code label 2}, ... */
    public static List<Span> numbered(List<int[]> ranges, String label) {
        List<Span> out = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) out.add(new Span(ranges.get(i)[0], ranges.get(i)[1], label + " " + (i + 1)));
        return out;
    }

    /**
     * The candidates whose edited response {@code wanted} accepts, each response once, in order: the edits of IFBench's
     * and IFEvalG's constraints are checked with their own checker where they are made, so every one returned flips it.
     */
    public static List<Edit> verified(List<Edit> candidates, Predicate<String> wanted) {
        List<Edit> out = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (Edit e : candidates) if (e != null && seen.add(e.response()) && wanted.test(e.response())) out.add(e);
        return out;
    }

    /** Each occurrence of the character, labelled. */
    public static List<Span> each(String text, char c, String label) {
        List<Span> out = new ArrayList<>();
        for (int at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) out.add(new Span(at, at + 1, label));
        return out;
    }

    /** Python's {@code str.split()} words (runs of non-whitespace) as {@code [start, end)} ranges, in order. */
    public static List<int[]> whitespaceWords(String text) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && PyText.isSpace(text.charAt(i))) i++;
            int start = i;
            while (i < text.length() && !PyText.isSpace(text.charAt(i))) i++;
            if (i > start) out.add(new int[] {start, i});
        }
        return out;
    }

    /** The text with the sentence put at its very end ({@link #textEnd}), after a space. */
    public static String appended(String text, String sentence) {
        int end = textEnd(text);
        return text.substring(0, end) + (end == 0 ? "" : " ") + sentence + text.substring(end);
    }

    /** The edit that puts the sentence, in the response's letter case ({@link #inCaseOf}), at its very end ({@link #appended}). */
    public static Edit appending(String operation, String response, String sentence) {
        return new Edit(operation, appended(response, inCaseOf(response, sentence)));
    }

    /**
     * The text with the matches of a keyword pattern (a regular expression matched anywhere, ignoring case, as
     * {@link #matches}) brought to exactly {@code k}: the words around the last matches cut, or, for a plain-word
     * keyword, sentences mentioning it added ({@link Vocabulary#KEYWORD_SENTENCES}); null when neither gets there.
     */
    public static String withCount(String text, String keyword, int k) {
        List<int[]> found = matches(text, keyword, false);
        if (found.size() > k) {
            List<int[]> words = words(text, found);
            return cutUntil(text, words, t -> matches(t, keyword, false).size() <= k);
        }
        if (!PyRegex.isLiteral(keyword) || k - found.size() > MAX_ADDED) return null;
        List<String> sentences = new ArrayList<>();
        for (int i = found.size(); i < k; i++) sentences.add(Vocabulary.KEYWORD_SENTENCES.get(i % Vocabulary.KEYWORD_SENTENCES.size()).replace("{}", keyword));
        return sentences.isEmpty() ? text : appended(text, inCaseOf(text, String.join(" ", sentences)));
    }

    /**
     * The spans of a response that must equal {@code expected} once both are stripped, ignoring case (a copied
     * request): the copy when it does, else from where it departs (an empty span where it stops short).
     */
    public static List<Span> copySpans(String response, String expected) {
        int start = PyText.stripStart(response);
        String want = PyText.lower(PyText.strip(expected));
        String have = PyText.lower(PyText.strip(response));
        int end = start + PyText.strip(response).length();
        if (have.equals(want)) return List.of(new Span(start, end, "the copied request"));
        int same = 0;
        while (same < Math.min(want.length(), have.length()) && want.charAt(same) == have.charAt(same)) same++;
        return List.of(start + same >= end ? Span.missing(end, "the copy stops short of the request")
                : new Span(start + same, end, "differs from the request"));
    }

    /**
     * Where each piece (sentences or tokens cut from the text, in order) lies in it, searched left to right: one
     * {@code [start, end)} per piece, null for a piece not found as it is (a tokenizer that rewrote quotes).
     */
    public static List<int[]> locate(String text, List<String> pieces) {
        List<int[]> out = new ArrayList<>(pieces.size());
        int from = 0;
        for (String piece : pieces) {
            int at = text.indexOf(piece, from);
            out.add(at < 0 ? null : new int[] {at, at + piece.length()});
            if (at >= 0) from = at + piece.length();
        }
        return out;
    }

    /** The spans of what must occur exactly {@code k} times: each one found, and where the missing ones would go. */
    public static List<Span> exactly(List<int[]> found, int k, String what, int missingAt) {
        List<Span> out = new ArrayList<>(numbered(found, what));
        out.replaceAll(s -> new Span(s.start(), s.end(), s.label() + " (exactly " + k + " needed)"));
        if (found.size() < k) out.add(Span.missing(missingAt, (k - found.size()) + " more " + what + " (exactly " + k + " needed)"));
        return out;
    }

    /**
     * The text with the second word of its first offending pair of neighbouring words cut (each pair given by
     * {@code pairs} as the range from the first word's start to the second's end), again until {@code done} accepts
     * it, at most {@code max} times; null when it does not get there.
     */
    public static String cutPairs(String text, java.util.function.Function<String, List<int[]>> pairs, Predicate<String> done, int max) {
        String edited = text;
        for (int i = 0; i < max && !done.test(edited); i++) {
            List<int[]> found = pairs.apply(edited);
            if (found.isEmpty()) return null;
            int[] pair = found.getFirst();
            List<int[]> words = whitespaceWords(edited.substring(pair[0], pair[1]));
            edited = cut(edited, pair[0] + words.getLast()[0], pair[1]);
        }
        return done.test(edited) ? edited : null;
    }

    /** The whitespace words that {@code followedAlone} rejects, each checked as a text of its own. */
    public static List<int[]> failingWords(String text, Predicate<String> followedAlone) {
        return whitespaceWords(text).stream().filter(w -> !followedAlone.test(text.substring(w[0], w[1]))).toList();
    }

    /**
     * The pairs of neighbouring whitespace words that {@code followedAlone} rejects, each checked as a text of its own,
     * each from the first word's start to the second's end.
     */
    public static List<int[]> failingPairs(String text, Predicate<String> followedAlone) {
        List<int[]> words = whitespaceWords(text);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            int[] pair = {words.get(i)[0], words.get(i + 1)[1]};
            if (!followedAlone.test(text.substring(pair[0], pair[1]))) out.add(pair);
        }
        return out;
    }

    /**
     * The spans of an "at least" count over the whole text (distinct words, pronouns): the text, labelled as
     * {@code what} is met or not, and, when it is not, an empty span where more would go.
     */
    public static List<Span> wholeCount(String response, boolean followed, String what) {
        int start = PyText.stripStart(response);
        int end = Math.max(start, PyText.rstrip(response).length());
        List<Span> out = new ArrayList<>(2);
        if (end > start) out.add(new Span(start, end, (followed ? "" : "too few: ") + what));
        if (!followed) out.add(Span.missing(textEnd(response), "more needed: " + what));
        return out;
    }

    /**
     * The spans of a rule on every word or pair: each failing range labelled {@code failLabel}, or, with none, the whole
     * stripped text labelled {@code passLabel}.
     */
    public static List<Span> failingOrWhole(String response, List<int[]> failing, String failLabel, String passLabel) {
        List<Span> out = new ArrayList<>();
        for (int[] r : failing) out.add(new Span(r[0], r[1], failLabel));
        if (out.isEmpty()) out.add(whole(response, passLabel));
        return out;
    }

    /**
     * Each line of the text (split on {@code \n}, as Python's {@code split("\n")}) as {@code [start, end)} without the
     * whitespace around it; a blank line as an empty range where its content would start.
     */
    public static List<int[]> lines(String text) {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; ; ) {
            int nl = text.indexOf('\n', from);
            String line = text.substring(from, nl < 0 ? text.length() : nl);
            int start = from + PyText.stripStart(line);
            out.add(new int[] {start, Math.max(start, from + PyText.rstrip(line).length())});
            if (nl < 0) return out;
            from = nl + 1;
        }
    }

    /** The occurrences of a literal, case-sensitive and non-overlapping as Python's {@code str.count} counts them; none for "". */
    public static List<int[]> occurrences(String text, String literal) {
        List<int[]> out = new ArrayList<>();
        if (literal.isEmpty()) return out;
        for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + literal.length())) out.add(new int[] {at, at + literal.length()});
        return out;
    }

    /** The whole text, without the whitespace around it, as one span (empty at the start of a blank text). */
    public static Span whole(String response, String label) {
        int start = PyText.stripStart(response);
        return new Span(start, Math.max(start, PyText.rstrip(response).length()), label);
    }
}
