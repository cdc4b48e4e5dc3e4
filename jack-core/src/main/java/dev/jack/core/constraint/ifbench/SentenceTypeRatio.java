package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.constraint.ifevalg.NoDots;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.List;

/** ratio:sentence_type — Punkt sentences ending in '.' number exactly twice those ending in '?'. */
public record SentenceTypeRatio() implements Constraint {
    public static final String ID = "ratio:sentence_type";

    public static final ConstraintType<SentenceTypeRatio> TYPE = ConstraintType.builder(ID, SentenceTypeRatio::parse)
            .example(new SentenceTypeRatio())
            .analyses(TextAnalysis.SENTENCES)
            .conflict(ResponseLanguage.ID, "its questions are English sentences")
            .conflict(NoDots.ID, "a 2:1 ratio needs sentences that end in periods")
            .hardness(0.7)
            .phrasings("Maintain a 2:1 ratio of declarative to interrogative sentences.",
                    "Write twice as many statements as questions.",
                    "For every question in your answer, include exactly two declarative sentences.")
            .synthesis(950, () -> Sampling.INSTANCE)
            .build();

    private static SentenceTypeRatio parse(Kwargs k) {
        return new SentenceTypeRatio();
    }

    public ConstraintType<SentenceTypeRatio> type() { return TYPE; }

    public String description() {
        return "Maintain a 2:1 ratio of declarative to interrogative sentences.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> sentences = text.sentences(response);
        return endingWith(sentences, ".") == 2 * endingWith(sentences, "?");
    }

    /** How many of the sentences end with the mark (declarative ".", interrogative "?", exclamatory "!"). */
    static long endingWith(List<String> sentences, String mark) {
        return sentences.stream().filter(s -> s.endsWith(mark)).count();
    }

    /** Adds statements and English questions until Punkt's sentences end in '.' and '?' two to one (at least one '?'). */
    private enum Sampling implements Sketch<SentenceTypeRatio> {
        INSTANCE;

        public void length(Draft d) {
            for (int round = 0; round < 6; round++) {
                List<String> sentences = d.text().sentences(d.witness().render());
                long statements = endingWith(sentences, ".");
                long questions = endingWith(sentences, "?");
                if (questions > 0 && statements == 2 * questions) return;
                long target = Math.max(Math.max(questions, (statements + 1) / 2), 1);
                for (long q = questions; q < target; q++) d.addSentence(d.pick(Vocabulary.QUESTIONS));
                for (long s = statements; s < 2 * target; s++) d.addSentence(d.sentence());
            }
        }

        public SentenceTypeRatio finish(Draft d) {
            return new SentenceTypeRatio();
        }
    }
}
