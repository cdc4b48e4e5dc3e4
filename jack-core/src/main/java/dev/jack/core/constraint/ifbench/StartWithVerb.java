package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Witness;
import dev.jack.core.constraint.ifeval.EnglishCapital;
import dev.jack.core.constraint.ifeval.EnglishLowercase;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.NthParagraphFirstWord;
import dev.jack.core.constraint.ifeval.Quotation;
import dev.jack.core.constraint.ifeval.RepeatPrompt;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.constraint.ifeval.Title;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

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
            .conflict(ResponseLanguage.ID, "its opening sentence is English, tagged by an English tagger")
            .conflict(Title.ID, "the title would open the response")
            .conflict(RepeatPrompt.ID, "the repeated request would open the response")
            .conflict(JsonFormat.ID, "the JSON brace would open the response")
            .conflict(Quotation.ID, "the quotation mark would open the response")
            .conflict(NthParagraphFirstWord.ID, "both choose the response's first word")
            .conflict(EnglishCapital.ID, "the tagger reads capitalized words as proper nouns")
            .conflict(EnglishLowercase.ID, "the tagger reads some lower-case imperatives as nouns")
            .hardness(0.5)
            .phrasings("The response must start with a verb.",
                    "Begin your answer with a verb.",
                    "The first word of your response must be a verb.")
            .synthesis(960, () -> Sampling.INSTANCE)
            .build();

    private static StartWithVerb parse(Kwargs k) {
        return new StartWithVerb();
    }

    public ConstraintType<StartWithVerb> type() { return TYPE; }

    public String description() {
        return "The response must start with a verb.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> tokens = text.leadingWordTokens(response, 3);
        if (tokens.isEmpty()) return false;
        return text.firstPosTag(tokens).contains("VB");
    }

    /** The first word token, labelled with the tag the checker reads; an empty span at the start when there is none. */
    public List<Span> spans(String response, TextTools text) {
        List<String> tokens = text.leadingWordTokens(response, 3);
        int start = PyText.stripStart(response);
        if (tokens.isEmpty()) return List.of(Span.missing(start, "no first word"));
        int at = response.indexOf(tokens.getFirst(), start);
        String label = "first word, tagged " + text.firstPosTag(tokens);
        return List.of(at < 0 ? Span.missing(start, label) : new Span(at, at + tokens.getFirst().length(), label));
    }

    /** A sentence that does not start with a verb put first. */
    public List<Edit> breaks(String response, TextTools text) {
        int start = PyText.stripStart(response);
        return Edits.verified(List.of(new Edit("add_opening", Edits.replace(response, start, start, Edits.inCaseOf(response, "Here is my answer. ")))),
                r -> !isFollowedBy(r, text));
    }

    /** A sentence that starts with an imperative put first. */
    public List<Edit> repairs(String response, TextTools text) {
        int start = PyText.stripStart(response);
        return Edits.verified(List.of(new Edit("add_opening", Edits.replace(response, start, start, Edits.inCaseOf(response, OPENERS.get(1) + " ")))),
                r -> isFollowedBy(r, text));
    }

    /** Imperatives NLTK's tagger tags as verbs at the start of a sentence. */
    private static final List<String> OPENERS = List.of("Imagine a calm place for a moment.", "Consider the small details first.",
            "Take a slow breath before you start.", "Let the plan guide each step.", "Think about the main points.",
            "Keep the goal in mind.", "Begin with a clear goal.", "Try a new approach today.");

    /** A verb-first sentence opens the first block. */
    private enum Sampling implements Sketch<StartWithVerb> {
        INSTANCE;

        public void content(Draft d) {
            List<Witness.Line> block = d.witness().blocks().getFirst();
            String opener = d.pick(OPENERS);
            if (block.getFirst().isProse()) block.getFirst().sentences().addFirst(opener);
            else block.addFirst(Witness.Line.prose(opener));
        }

        public StartWithVerb finish(Draft d) {
            return new StartWithVerb();
        }
    }
}
