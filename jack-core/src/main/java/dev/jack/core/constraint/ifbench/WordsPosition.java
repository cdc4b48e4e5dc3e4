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
import dev.jack.core.constraint.Witness;
import dev.jack.core.constraint.ifeval.EndChecker;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.NthParagraphFirstWord;
import dev.jack.core.constraint.ifeval.Quotation;
import dev.jack.core.constraint.ifeval.RepeatPrompt;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.constraint.ifeval.Title;
import dev.jack.core.constraint.ifevalg.NoDots;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * words:words_position — the second word token and the second-to-last one (third-to-last when the
 * last token is punctuation) are the keyword, ignoring case. "Is punctuation" is the reference's
 * substring test on {@code string.punctuation}: "!" is, "..." is not.
 */
public record WordsPosition(String keyword) implements Constraint {
    public static final String ID = "words:words_position";

    public static final ConstraintType<WordsPosition> TYPE = ConstraintType.builder(ID, WordsPosition::parse)
            .parameters(Parameter.string("keyword"))
            .example(new WordsPosition("vibrant"))
            .analyses(TextAnalysis.WORD_TOKENS)
            .conflict(ResponseLanguage.ID, "its sentences are English")
            .conflict(Title.ID, "the title would come before the second word")
            .conflict(RepeatPrompt.ID, "the repeated request would come before the second word")
            .conflict(JsonFormat.ID, "JSON's punctuation would shift the word positions")
            .conflict(Quotation.ID, "the quotation marks would shift the word positions")
            .conflict(EndChecker.ID, "the end phrase would come after the second-to-last word")
            .conflict(NthParagraphFirstWord.ID, "both shape the response's first words")
            .conflict(StartWithVerb.ID, "both shape the response's first words")
            .conflict(ItalicsThesis.ID, "both shape the response's first words")
            .conflict(OutputTemplate.ID, "both shape the response's first and last words")
            .conflict(SomeBulletPoints.ID, "nothing may follow the bullets")
            .conflict(EmojiSentences.ID, "the emoji would come after the second-to-last word")
            .conflict(NoDots.ID, "without the final period the keyword would be the last word")
            .hardness(0.55)
            .phrasings("The second word in your response and the second to last word in your response should be the word {keyword}.",
                    "Make {keyword} both the second word and the second-to-last word of your answer.",
                    "Your response's second word and its second-to-last word must both be \"{keyword}\".")
            .synthesis(965, Sampling::new)
            .build();

    private static WordsPosition parse(Kwargs k) {
        return new WordsPosition(PyText.strip(k.string("keyword")));
    }

    public ConstraintType<WordsPosition> type() { return TYPE; }

    public String description() {
        return "The second word in your response and the second to last word in your response should be the word " + keyword + ".";
    }

    public Map<String, Object> kwargs() {
        return Map.of("keyword", keyword);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> words = text.wordTokenize(response);
        int n = words.size();
        if (n < 2) return false;
        String target = PyText.lower(keyword);
        int fromEnd = PyText.PUNCTUATION.contains(words.getLast()) ? 3 : 2;
        if (n < fromEnd) return false;
        return PyText.lower(words.get(1)).equals(target) && PyText.lower(words.get(n - fromEnd)).equals(target);
    }

    /** The word tokens' places in the response (null for one the tokenizer rewrote). */
    private static List<int[]> tokens(String response, TextTools text) {
        return Edits.locate(response, text.wordTokenize(response));
    }

    /** Which token must be the keyword at the end: the second-to-last, or the third-to-last after punctuation. */
    private static int fromEnd(String response, TextTools text) {
        List<String> words = text.wordTokenize(response);
        return !words.isEmpty() && PyText.PUNCTUATION.contains(words.getLast()) ? 3 : 2;
    }

    private boolean isKeyword(String response, List<int[]> at, int i) {
        return i < at.size() && PyText.lower(response.substring(at.get(i)[0], at.get(i)[1])).equals(PyText.lower(keyword));
    }

    /** The second word and the second-to-last one, each saying whether it is the keyword; too few words, an empty span at the end. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> at = tokens(response, text);
        int n = at.size();
        int last = n - fromEnd(response, text);
        if (n < 2 || last < 0) return List.of(Span.missing(Edits.textEnd(response), "too few words: " + keyword + " needed second and second to last"));
        List<Span> out = new ArrayList<>(2);
        for (int i : new int[] {1, last}) {
            if (at.get(i) == null || (i == last && i == 1)) continue;
            boolean ok = isKeyword(response, at, i);
            out.add(new Span(at.get(i)[0], at.get(i)[1], (i == 1 ? "second word" : "second-to-last word") + (ok ? "" : ", not " + keyword)));
        }
        return out;
    }

    /** The second word cut. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> at = tokens(response, text);
        if (at.size() < 2 || at.get(1) == null) return List.of();
        return Edits.verified(List.of(new Edit("remove_second_word", Edits.cut(response, at.get(1)[0], at.get(1)[1]))), r -> !isFollowedBy(r, text));
    }

    /** The keyword put after the first word and before the last one (before the last two when the last is punctuation). */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> at = tokens(response, text);
        if (at.isEmpty() || at.contains(null)) return List.of();
        String edited = isKeyword(response, at, 1) ? response : Edits.replace(response, at.getFirst()[1], at.getFirst()[1], " " + keyword);
        at = tokens(edited, text);
        int last = at.size() - fromEnd(edited, text);
        if (last < 0 || at.contains(null)) return List.of();
        if (last == 0 || !isKeyword(edited, at, last)) edited = Edits.replace(edited, at.get(last + 1)[0], at.get(last + 1)[0], keyword + " ");
        return Edits.verified(List.of(new Edit("add_keyword", edited)), r -> isFollowedBy(r, text));
    }

    /** A fresh keyword as the second word of an opening sentence and the second-to-last of a closing line. */
    private static final class Sampling implements Sketch<WordsPosition> {
        private String keyword;

        public void vocabulary(Draft d) {
            keyword = d.freshKeywords(1).getFirst();
        }

        public void content(Draft d) {
            List<Witness.Line> block = d.witness().blocks().getFirst();
            String opener = "The " + keyword + " comes first.";
            if (block.getFirst().isProse()) block.getFirst().sentences().addFirst(opener);
            else block.addFirst(Witness.Line.prose(opener));
            d.witness().addBackMatter("Remember the " + keyword + " today.");
        }

        public WordsPosition finish(Draft d) {
            return new WordsPosition(keyword);
        }
    }
}
