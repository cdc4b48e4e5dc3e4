package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.constraint.ifevalg.NoDots;
import dev.jack.core.constraint.ifevalg.NoExclamationMarks;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.Collections;
import java.util.List;

/** ratio:sentence_balance — as many Punkt sentences end in '.' as in '?' and as in '!'. */
public record SentenceBalance() implements Constraint {
    public static final String ID = "ratio:sentence_balance";

    public static final ConstraintType<SentenceBalance> TYPE = ConstraintType.builder(ID, SentenceBalance::parse)
            .example(new SentenceBalance())
            .analyses(TextAnalysis.SENTENCES)
            .conflict(ResponseLanguage.ID, "its questions and exclamations are English sentences")
            .conflict(NoDots.ID, "a balance of sentence types needs sentences that end in periods")
            .conflict(NoExclamationMarks.ID, "a balance of sentence types needs exclamations")
            .conflict(SentenceTypeRatio.ID, "equal counts of statements and questions contradict a 2:1 ratio")
            .hardness(0.7)
            .phrasings("Ensure that the ratio of sentence types (declarative, interrogative, exclamatory) is balanced.",
                    "Use as many questions and as many exclamations as statements.",
                    "Balance your sentence types: equal numbers of statements, questions and exclamations.")
            .synthesis(950, () -> Sampling.INSTANCE)
            .build();

    private static SentenceBalance parse(Kwargs k) {
        return new SentenceBalance();
    }

    public ConstraintType<SentenceBalance> type() { return TYPE; }

    public String description() {
        return "Ensure that the ratio of sentence types (declarative, interrogative, exclamatory) is balanced.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int[] sentences = text.sentenceBounds(response);
        long interrogative = SentenceTypeRatio.endingWith(response, sentences, '?');
        return SentenceTypeRatio.endingWith(response, sentences, '.') == interrogative
                && interrogative == SentenceTypeRatio.endingWith(response, sentences, '!');
    }

    /** Each statement, question and exclamation. */
    public List<Span> spans(String response, TextTools text) {
        return SentenceTypeRatio.typed(response, text, ".?!", "as many statements as questions and exclamations");
    }

    /** A question added at the end. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(SentenceTypeRatio.adding("add_question", response, 0, 1, 0)), r -> !isFollowedBy(r, text));
    }

    /** Statements, questions and exclamations added at the end until there are as many of each. */
    public List<Edit> repairs(String response, TextTools text) {
        int[] sentences = text.sentenceBounds(response);
        long statements = SentenceTypeRatio.endingWith(response, sentences, '.');
        long questions = SentenceTypeRatio.endingWith(response, sentences, '?');
        long exclamations = SentenceTypeRatio.endingWith(response, sentences, '!');
        long target = Math.max(Math.max(statements, questions), exclamations);
        return Edits.verified(Collections.singletonList(SentenceTypeRatio.adding("add_sentences", response, target - statements, target - questions,
                target - exclamations)), r -> isFollowedBy(r, text));
    }

    /** Adds statements, English questions and exclamations until Punkt finds as many of each. */
    private enum Sampling implements Sketch<SentenceBalance> {
        INSTANCE;

        public void length(Draft d) {
            for (int round = 0; round < 6; round++) {
                String witness = d.witness().render();
                int[] sentences = d.text().sentenceBounds(witness);
                long statements = SentenceTypeRatio.endingWith(witness, sentences, '.');
                long questions = SentenceTypeRatio.endingWith(witness, sentences, '?');
                long exclamations = SentenceTypeRatio.endingWith(witness, sentences, '!');
                long target = Math.max(Math.max(statements, questions), Math.max(exclamations, 1));
                if (statements == target && questions == target && exclamations == target) return;
                for (long q = questions; q < target; q++) d.addSentence(d.pick(Vocabulary.QUESTIONS));
                for (long e = exclamations; e < target; e++) d.addSentence(d.pick(Vocabulary.EXCLAMATIONS));
                for (long s = statements; s < target; s++) d.addSentence(d.sentence());
            }
        }

        public SentenceBalance finish(Draft d) {
            return new SentenceBalance();
        }
    }
}
