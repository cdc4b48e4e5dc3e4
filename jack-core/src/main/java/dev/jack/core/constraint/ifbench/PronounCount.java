package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

import java.util.Map;
import java.util.Set;

/**
 * count:pronouns — at least N of NLTK's word tokens of the lower-cased response (with "/" read as a
 * space, for she/her/hers) are in the reference's pronoun list.
 */
public record PronounCount(int n) implements Constraint {
    public static final String ID = "count:pronouns";

    public static final ConstraintType<PronounCount> TYPE = ConstraintType.builder(ID, PronounCount::parse)
            .parameters(Parameter.integer("N", 0))
            .example(new PronounCount(22))
            .analyses(TextAnalysis.WORD_TOKENS)
            .build();

    private static final Set<String> PRONOUNS = Set.of(
            "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them",
            "my", "mine", "our", "ours", "your", "yours", "his", "hers", "its", "their", "theirs",
            "myself", "ourselves", "yourself", "yourselves", "himself", "herself", "itself", "themselves",
            "this", "that", "these", "those", "who", "whom", "whose", "which", "what",
            "whoever", "whomever", "whatever", "whichever",
            "anybody", "anyone", "anything", "everybody", "everyone", "everything",
            "nobody", "nothing", "somebody", "someone", "something",
            "each", "either", "neither", "both", "all", "some", "any", "none");

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
        long pronouns = text.wordTokenize(PyText.lower(response.replace('/', ' '))).stream().filter(PRONOUNS::contains).count();
        return pronouns >= n;
    }
}
