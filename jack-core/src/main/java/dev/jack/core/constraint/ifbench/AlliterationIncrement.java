package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * sentence:alliteration_increment — each Punkt sentence scores higher than the one before (the first
 * must score above -1). A sentence's score counts its lower-cased words (leading ASCII punctuation
 * stripped) that share their first character with a neighbour: 2 for each new run, 1 per extension.
 */
public record AlliterationIncrement() implements Constraint {
    public static final String ID = "sentence:alliteration_increment";

    public static final ConstraintType<AlliterationIncrement> TYPE = ConstraintType.builder(ID, AlliterationIncrement::parse)
            .example(new AlliterationIncrement())
            .analyses(TextAnalysis.SENTENCES)
            .alone("its sentences' alliteration is counted word by word, which other constraints' sentences would break")
            .hardness(0.85)
            .phrasings("Each sentence must have a longer sequence of consecutive alliterative words than the previous one.",
                    "Make every sentence contain a longer run of words starting with the same letter than the sentence before it.",
                    "Build up alliteration: each sentence needs a longer chain of consecutive words sharing a first letter than the last.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static AlliterationIncrement parse(Kwargs k) {
        return new AlliterationIncrement();
    }

    public ConstraintType<AlliterationIncrement> type() { return TYPE; }

    public String description() {
        return "Each sentence must have a longer sequence of consecutive alliterative words than the previous one.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int previous = -1;
        for (String sentence : text.sentences(response)) {
            List<String> words = new ArrayList<>();
            for (String w : PyText.words(PyText.lower(sentence))) {
                String clean = PyText.lstrip(w, PyText.PUNCTUATION_AND_SPACE);
                if (!clean.isEmpty()) words.add(clean);
            }
            int score = 0;
            boolean inRun = false;
            for (int i = 0; i + 1 < words.size(); i++) {
                if (words.get(i).codePointAt(0) == words.get(i + 1).codePointAt(0)) {
                    score += inRun ? 1 : 2;
                    inRun = true;
                } else {
                    inRun = false;
                }
            }
            if (score <= previous) return false;
            previous = score;
        }
        return true;
    }

    /** Words sharing a first letter, for runs of up to eight. */
    private static final List<List<String>> RUNS = List.of(
            List.of("big", "brown", "bears", "bounce", "boldly", "beside", "blue", "boats"),
            List.of("seven", "silver", "swans", "swim", "softly", "south", "slowly", "still"),
            List.of("pretty", "pink", "pigs", "play", "past", "purple", "ponds", "patiently"),
            List.of("many", "merry", "mice", "move", "more", "mostly", "midnight", "meadows"),
            List.of("five", "fast", "foxes", "find", "fresh", "fields", "far", "forests"));

    /** A sentence without alliteration, then sentences whose runs have 2, 3, 4... words, each ending in "today". */
    private enum Sampling implements Sketch<AlliterationIncrement> {
        INSTANCE;

        public void content(Draft d) {
            List<String> sentences = new ArrayList<>();
            sentences.add("We rest.");
            List<List<String>> runs = d.pickDistinct(RUNS, d.between(2, 4));
            for (int i = 0; i < runs.size(); i++) {
                String run = String.join(" ", runs.get(i).subList(0, i + 2));
                sentences.add(Character.toUpperCase(run.charAt(0)) + run.substring(1) + " today.");
            }
            d.witness().setText(String.join(" ", sentences));
        }

        public AlliterationIncrement finish(Draft d) {
            return new AlliterationIncrement();
        }
    }
}
