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
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Collections;
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
        int[] sentences = text.sentenceBounds(response);
        return endingWith(response, sentences, '.') == 2 * endingWith(response, sentences, '?');
    }

    /**
     * How many of the text's sentences ({@link TextTools#sentenceBounds}) end with the mark (declarative '.',
     * interrogative '?', exclamatory '!'), read in place.
     */
    static long endingWith(String text, int[] sentences, char mark) {
        long count = 0;
        for (int k = 0; k < sentences.length; k += 2) if (sentences[k + 1] > sentences[k] && text.charAt(sentences[k + 1] - 1) == mark) count++;
        return count;
    }

    /**
     * Each of Punkt's sentences that ends with one of the marks (".", "?", "!"), labelled with its kind and
     * {@code need}, the rule the counts must meet.
     */
    static List<Span> typed(String response, TextTools text, String marks, String need) {
        List<Span> out = new ArrayList<>();
        for (int[] s : text.sentenceSpans(response)) {
            int mark = s[1] > s[0] ? marks.indexOf(response.charAt(s[1] - 1)) : -1;
            if (mark >= 0) out.add(new Span(s[0], s[1], List.of("statement", "question", "exclamation").get(mark) + " (" + need + ")"));
        }
        return out;
    }

    /**
     * The candidate that adds these many statements (Jack's neutral sentences), questions and exclamations at the end,
     * in the response's letter case; null past {@value Edits#MAX_ADDED_FOR_LENGTH} sentences.
     */
    static Edit adding(String operation, String response, long statements, long questions, long exclamations) {
        if (statements + questions + exclamations > Edits.MAX_ADDED_FOR_LENGTH) return null;
        List<String> added = new ArrayList<>();
        List<String> fillers = Edits.fillers(response, Vocabulary.ENGLISH.size());
        for (int i = 0; i < statements; i++) added.add(fillers.get(i % fillers.size()));
        for (int i = 0; i < questions; i++) added.add(Edits.inCaseOf(response, Vocabulary.QUESTIONS.get(i % Vocabulary.QUESTIONS.size())));
        for (int i = 0; i < exclamations; i++) added.add(Edits.inCaseOf(response, Vocabulary.EXCLAMATIONS.get(i % Vocabulary.EXCLAMATIONS.size())));
        return new Edit(operation, Edits.appended(response, String.join(" ", added)));
    }

    /** Each statement and question. */
    public List<Span> spans(String response, TextTools text) {
        return typed(response, text, ".?", "twice as many statements as questions");
    }

    /** A question added at the end. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(adding("add_question", response, 0, 1, 0)), r -> !isFollowedBy(r, text));
    }

    /** Statements or questions added at the end until there are two statements to each question. */
    public List<Edit> repairs(String response, TextTools text) {
        int[] sentences = text.sentenceBounds(response);
        long statements = endingWith(response, sentences, '.');
        long questions = endingWith(response, sentences, '?');
        long target = Math.max(questions, (statements + 1) / 2);
        return Edits.verified(Collections.singletonList(adding("add_sentences", response, 2 * target - statements, target - questions, 0)),
                r -> isFollowedBy(r, text));
    }

    /** Adds statements and English questions until Punkt's sentences end in '.' and '?' two to one (at least one '?'). */
    private enum Sampling implements Sketch<SentenceTypeRatio> {
        INSTANCE;

        public void length(Draft d) {
            for (int round = 0; round < 6; round++) {
                String witness = d.witness().render();
                int[] sentences = d.text().sentenceBounds(witness);
                long statements = endingWith(witness, sentences, '.');
                long questions = endingWith(witness, sentences, '?');
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
