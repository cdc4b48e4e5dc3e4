package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.Map;
import java.util.Set;

/**
 * count:pronouns — at least N of NLTK's word tokens of the lower-cased response (with "/" read as a
 * space, for she/her/hers) are in the reference's pronoun list.
 */
public record PronounCount(int n) implements Checker {
    public static final String ID = "count:pronouns";

    private static final Set<String> PRONOUNS = Set.of(
            "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them",
            "my", "mine", "our", "ours", "your", "yours", "his", "hers", "its", "their", "theirs",
            "myself", "ourselves", "yourself", "yourselves", "himself", "herself", "itself", "themselves",
            "this", "that", "these", "those", "who", "whom", "whose", "which", "what",
            "whoever", "whomever", "whatever", "whichever",
            "anybody", "anyone", "anything", "everybody", "everyone", "everything",
            "nobody", "nothing", "somebody", "someone", "something",
            "each", "either", "neither", "both", "all", "some", "any", "none");

    static PronounCount parse(Args a) {
        return new PronounCount(a.integer("N", 0, Args.RANDOM_IF_NEGATIVE));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "The response should include at least " + n + " pronouns.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("N", n);
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.WORD_TOKENS);
    }

    public boolean check(String response, Analyses text) {
        long pronouns = text.words(PyText.lower(response.replace('/', ' '))).stream().filter(PRONOUNS::contains).count();
        return pronouns >= n;
    }
}
