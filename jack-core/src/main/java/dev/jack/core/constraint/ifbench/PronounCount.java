package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.AtLeastCount;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.AsciiLoweredSet;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/**
 * count:pronouns — at least N of NLTK's word tokens of the lower-cased response (with "/" read as a
 * space, for she/her/hers) are in the reference's pronoun list.
 */
public record PronounCount(int n) implements AtLeastCount {
    public static final String ID = "count:pronouns";

    public static final ConstraintType<PronounCount> TYPE = ConstraintType.builder(ID, PronounCount::parse)
            .parameters(Parameter.integer("N", 0))
            .example(new PronounCount(22))
            .analyses(TextAnalysis.WORD_TOKENS)
            .conflict(ResponseLanguage.ID, "its sentence is English")
            .hardness(0.4)
            .phrasings("The response should include at least {N} pronouns.",
                    "Use at least {N} pronouns in your answer.",
                    "Your response must contain {N} or more pronouns.")
            .synthesis(900, () -> Sampling.INSTANCE)
            .build();

    private static final AsciiLoweredSet PRONOUNS = new AsciiLoweredSet(List.of(
            "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them",
            "my", "mine", "our", "ours", "your", "yours", "his", "hers", "its", "their", "theirs",
            "myself", "ourselves", "yourself", "yourselves", "himself", "herself", "itself", "themselves",
            "this", "that", "these", "those", "who", "whom", "whose", "which", "what",
            "whoever", "whomever", "whatever", "whichever",
            "anybody", "anyone", "anything", "everybody", "everyone", "everything",
            "nobody", "nothing", "somebody", "someone", "something",
            "each", "either", "neither", "both", "all", "some", "any", "none"));

    private static PronounCount parse(Kwargs k) {
        return new PronounCount(k.integer("N", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<PronounCount> type() { return TYPE; }

    public String description() {
        return "The response should include at least " + n + " pronouns.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return pronouns(response, text) >= n;
    }

    /** The word tokens of the lower-cased response ('/' read as a space) that are pronouns. */
    private static int pronouns(String response, TextTools text) {
        // The text lower-cased first, so the set's ASCII lower-casing changes nothing.
        return text.countWordTokens(PyText.lower(response.replace('/', ' ')), PRONOUNS);
    }

    private static final List<String> PRONOUN_SENTENCES = List.of("We know this helps them.", "You will find it useful yourself.",
            "She told them what it means.", "They saw that everyone agreed.");

    /** The whole text. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.wholeCount(response, isFollowedBy(response, text), "at least " + n + " pronouns");
    }

    public String addOperation() { return "add_pronouns"; }

    /** Sentences with pronouns, added until there are enough. */
    public List<String> addedSentences() { return PRONOUN_SENTENCES; }

    /** A sentence with pronouns, then N read off the final witness: up to a third fewer than its pronouns. */
    private enum Sampling implements Sketch<PronounCount> {
        INSTANCE;

        public void content(Draft d) {
            d.addSentence(d.pick(PRONOUN_SENTENCES));
        }

        public PronounCount finish(Draft d) {
            int pronouns = pronouns(d.witnessText(), d.text());
            return pronouns == 0 ? null : new PronounCount(pronouns - d.between(0, pronouns / 3));
        }
    }
}
