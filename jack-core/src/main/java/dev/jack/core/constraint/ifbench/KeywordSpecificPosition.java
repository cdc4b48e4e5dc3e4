package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.Literals;
import dev.jack.core.text.PyChars;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * words:keywords_specific_position — in the n-th Punkt sentence, the m-th word token that has a letter
 * or digit equals the keyword, ignoring case. (IFEvalG's keywords:keyword_specific_position differs:
 * regex sentences, all tokens, case-sensitive.)
 */
public record KeywordSpecificPosition(String keyword, int n, int m) implements Constraint {
    public static final String ID = "words:keywords_specific_position";

    public static final ConstraintType<KeywordSpecificPosition> TYPE = ConstraintType.builder(ID, KeywordSpecificPosition::parse)
            .parameters(Parameter.string("keyword"), Parameter.integer("n", 1), Parameter.integer("m", 1))
            .example(new KeywordSpecificPosition("giggle", 22, 33))
            .analyses(TextAnalysis.SENTENCES, TextAnalysis.WORD_TOKENS)
            .hardness(0.55)
            .phrasings("Include keyword {keyword} in the {n}-th sentence, as the {m}-th word of that sentence.",
                    "In sentence {n} of your answer, word number {m} must be \"{keyword}\".",
                    "Make \"{keyword}\" the {m}-th word of your {n}-th sentence.")
            .synthesis(900, () -> Sampling.INSTANCE)
            .build();

    private static KeywordSpecificPosition parse(Kwargs k) {
        return new KeywordSpecificPosition(k.strippedString("keyword"),
                k.integer("n", 1, Kwargs.RANDOM_IF_ZERO), k.integer("m", 1, Kwargs.RANDOM_IF_ZERO));
    }

    public ConstraintType<KeywordSpecificPosition> type() { return TYPE; }

    public String description() {
        return "Include keyword " + keyword + " in the " + n + "-th sentence, as the " + m + "-th word of that sentence.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("keyword", keyword, "n", n, "m", m);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // The sentence first, then the keyword looked for in it: Punkt splits a text only as far as sentence n, at about
        // the cost of searching the whole text, and a sentence without the keyword needs no tokens.
        String sentence = text.sentence(response, n - 1);
        if (sentence == null || !mayContain(sentence)) return false;
        String word = word(sentence, text);
        return word != null && PyText.lower(word).equals(PyText.lower(keyword));
    }

    /**
     * {@code words(sentence).get(m - 1)}, or null when there are fewer words: the sentence tokenized only as far as the
     * m-th word ({@link TextTools#leadingWordTokens}), a prefix of a quarter more tokens than that, doubled until it
     * holds the word or is every token (a check reads one word of a sentence that may run to hundreds).
     */
    private String word(String sentence, TextTools text) {
        for (long count = (long) m + m / 4 + 4; ; count *= 2) {
            int asked = (int) Math.min(count, Integer.MAX_VALUE);
            List<String> tokens = text.leadingWordTokens(sentence, asked);
            int seen = 0;
            for (String t : tokens) if (hasAlnum(t) && ++seen == m) return t;
            if (tokens.size() < asked || asked == Integer.MAX_VALUE) return null;
        }
    }

    /**
     * False only when no token of the sentence can equal the keyword, so that it needs no tokens: for a keyword of ASCII
     * letters and digits, a token whose {@code str.lower()} equals it is made of characters that lower-case to one
     * such character each (ASCII letters and digits, and the Kelvin sign), which the tokenizer never rewrites, so it is
     * in the sentence, where Java's char-by-char case-insensitive match ({@link Literals#indexOfIgnoreCase}, looser: it
     * also pairs 'ſ' with 's') finds it.
     */
    private boolean mayContain(String sentence) {
        if (keyword.isEmpty()) return true;
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (c >= 128 || !Character.isLetterOrDigit(c)) return true;
        }
        return Literals.indexOfIgnoreCase(sentence, keyword, 0) >= 0;
    }

    /** The sentence's word tokens with a letter or digit in them. */
    private static List<String> words(String sentence, TextTools text) {
        List<String> words = new ArrayList<>();
        for (String t : text.wordTokenize(sentence)) if (hasAlnum(t)) words.add(t);
        return words;
    }

    /** {@code any(ch.isalnum() for ch in t)}. */
    private static boolean hasAlnum(String t) {
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            if (PyChars.isAlnum(cp)) return true;
            i += Character.charCount(cp);
        }
        return false;
    }

    /**
     * The word tokens with a letter or digit in them ({@link #words}) of Punkt's sentence n, as {@code [start, end)} in
     * the response (those the tokenizer rewrote left out), or null when there is no such sentence.
     */
    private List<int[]> wordRanges(String response, TextTools text) {
        List<int[]> sentences = text.sentenceSpans(response);
        if (sentences.size() < n) return null;
        int[] s = sentences.get(n - 1);
        String sentence = response.substring(s[0], s[1]);
        List<String> tokens = text.wordTokenize(sentence);
        List<int[]> at = Edits.locate(sentence, tokens);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) if (at.get(i) != null && hasAlnum(tokens.get(i))) out.add(new int[] {s[0] + at.get(i)[0], s[0] + at.get(i)[1]});
        return out;
    }

    /** The m-th word of sentence n, labelled by whether it is the keyword; where it is missing, an empty span. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> words = wordRanges(response, text);
        if (words == null) return List.of(Span.missing(Edits.textEnd(response), "no sentence " + n));
        if (words.size() < m) return List.of(Span.missing(words.isEmpty() ? Edits.textEnd(response) : words.getLast()[1], "sentence " + n + " has fewer than " + m + " words"));
        int[] w = words.get(m - 1);
        return List.of(new Span(w[0], w[1], (isFollowedBy(response, text) ? "" : "not ") + "the keyword at word " + m + " of sentence " + n));
    }

    /** The m-th word of sentence n cut. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> words = wordRanges(response, text);
        if (words == null || words.size() < m) return List.of();
        int[] w = words.get(m - 1);
        return Edits.verified(List.of(new Edit("remove_keyword", Edits.cut(response, w[0], w[1]))), r -> !isFollowedBy(r, text));
    }

    /** The m-th word of sentence n replaced with the keyword. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> words = wordRanges(response, text);
        if (words == null || words.size() < m) return List.of();
        int[] w = words.get(m - 1);
        return Edits.verified(List.of(new Edit("replace_word", Edits.replace(response, w[0], w[1], keyword))), r -> isFollowedBy(r, text));
    }

    /** Read off the final witness: one of its first six sentences, and one of that sentence's first ten words made of letters only. */
    private enum Sampling implements Sketch<KeywordSpecificPosition> {
        INSTANCE;

        public KeywordSpecificPosition finish(Draft d) {
            Draft.Position p = d.pickPosition(d.text().sentences(d.witnessText()), sentence -> words(sentence, d.text()), 6, 10, any -> true);
            return p == null ? null : new KeywordSpecificPosition(p.word(), p.sentence(), p.index());
        }
    }
}
