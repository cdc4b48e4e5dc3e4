package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;

import java.util.List;

/**
 * words:start_verb — NLTK's POS tag of the first word token contains "VB". Capitalised imperatives are
 * often tagged NNP ("Run", "Go") by the model, and fail.
 */
public record StartWithVerb() implements Constraint {
    public static final String ID = "words:start_verb";

    public static final ConstraintType<StartWithVerb> TYPE = ConstraintType.builder(ID, StartWithVerb::parse)
            .example(new StartWithVerb())
            .analyses(TextAnalysis.WORD_TOKENS, TextAnalysis.POS_TAGS)
            .build();

    private static StartWithVerb parse(Kwargs k) {
        return new StartWithVerb();
    }

    public ConstraintType<StartWithVerb> type() { return TYPE; }



    public String description() {
        return "The response must start with a verb.";
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> tokens = text.wordTokenize(response);
        if (tokens.isEmpty()) return false;
        // The first token's tag depends only on the two tokens after it.
        return text.posTags(tokens.subList(0, Math.min(3, tokens.size()))).getFirst().contains("VB");
    }
}
