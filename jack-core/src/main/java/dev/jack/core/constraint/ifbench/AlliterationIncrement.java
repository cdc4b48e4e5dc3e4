package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

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
            for (String w : PyText.split(PyText.lower(sentence))) {
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
}
