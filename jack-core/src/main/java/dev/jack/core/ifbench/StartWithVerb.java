package dev.jack.core.ifbench;

import java.util.List;
import java.util.Set;

/**
 * words:start_verb — NLTK's POS tag of the first word token contains "VB". Capitalised imperatives are
 * often tagged NNP ("Run", "Go") by the model, and fail.
 */
public record StartWithVerb() implements Checker {
    public static final String ID = "words:start_verb";

    static StartWithVerb parse(Args a) {
        return new StartWithVerb();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "The response must start with a verb.";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.WORD_TOKENS, Analysis.POS_TAGS);
    }

    public boolean check(String response, Analyses text) {
        List<String> tokens = text.words(response);
        if (tokens.isEmpty()) return false;
        // The first token's tag depends only on the two tokens after it.
        return text.posTags(tokens.subList(0, Math.min(3, tokens.size()))).getFirst().contains("VB");
    }
}
