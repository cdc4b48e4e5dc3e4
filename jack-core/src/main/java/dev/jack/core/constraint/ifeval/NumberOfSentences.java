package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/** length_constraints:number_sentences — Punkt counts less than / at least N sentences. */
public record NumberOfSentences(int numSentences, Relation relation) implements Constraint {
    public static final String ID = "length_constraints:number_sentences";

    public static final ConstraintType<NumberOfSentences> TYPE = ConstraintType.builder(ID, NumberOfSentences::parse)
            .parameters(Parameter.integer("num_sentences", 0), Parameter.relation("relation"))
            .example(new NumberOfSentences(5, Relation.LESS_THAN))
            .analyses(TextAnalysis.SENTENCES)
            .hardness(0.55)
            .phrasings("Your response should contain {relation} {num_sentences} {sentences}.",
                    "Answer in {relation} {num_sentences} {sentences}.",
                    "Use {relation} {num_sentences} {sentences} in your reply.")
            .synthesis(160, Sampling::new)
            .build();

    private static NumberOfSentences parse(Kwargs k) {
        return new NumberOfSentences(k.integer("num_sentences", 0), k.relation("relation"));
    }

    public ConstraintType<NumberOfSentences> type() { return TYPE; }

    public String description() {
        return "Your response should contain " + relation.text() + " " + numSentences + " sentences.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return relation.holds(text.countSentences(response), numSentences);
    }

    /** Each sentence Punkt finds; with "less than" and too many, those from the N-th on. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.counted(text.sentenceSpans(response), relation, numSentences, "sentence", Edits.textEnd(response));
    }

    /** "At least": sentences cut from the end until too few; "less than": neutral sentences added until too many. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.bySentences(response, text, relation == Relation.AT_LEAST, r -> !isFollowedBy(r, text));
    }

    /** The reverse of {@link #breaks}: sentences added or cut until the count is right. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.bySentences(response, text, relation == Relation.LESS_THAN, r -> isFollowedBy(r, text));
    }

    public Map<String, Object> kwargs() { return Map.of("num_sentences", numSentences, "relation", relation.text()); }

    /** "At least" 2-12: sentences are added until Punkt counts that many; "less than" 1-5 above the final count. */
    private static final class Sampling implements Sketch<NumberOfSentences> {
        private Relation relation;
        private int sentences;

        public void length(Draft d) {
            relation = d.relation();
            if (relation == Relation.LESS_THAN) return;
            sentences = d.between(2, 12);
            for (int n = d.text().countSentences(d.witness().render()); n < sentences; n = d.text().countSentences(d.witness().render())) {
                for (int add = sentences - n; add > 0; add--) d.addSentence(d.sentence());
            }
        }

        public NumberOfSentences finish(Draft d) {
            if (relation == Relation.LESS_THAN) sentences = d.text().countSentences(d.witnessText()) + d.between(1, 5);
            return new NumberOfSentences(sentences, relation);
        }
    }
}
