package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * words:last_first — each Punkt sentence's last whitespace word (trailing ASCII punctuation and spaces
 * stripped) equals, ignoring case, the next sentence's first word (leading ones stripped).
 */
public record LastWordFirstNext() implements Constraint {
    public static final String ID = "words:last_first";

    public static final ConstraintType<LastWordFirstNext> TYPE = ConstraintType.builder(ID, LastWordFirstNext::parse)
            .example(new LastWordFirstNext())
            .analyses(TextAnalysis.SENTENCES)
            .build();

    private static LastWordFirstNext parse(Kwargs k) {
        return new LastWordFirstNext();
    }

    public ConstraintType<LastWordFirstNext> type() { return TYPE; }



    public String description() {
        return "The last word of each sentence must become the first word of the next sentence.";
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> sentences = text.sentences(response);
        for (int i = 0; i + 1 < sentences.size(); i++) {
            List<String> last = PyText.split(PyText.rstrip(sentences.get(i), PyText.PUNCTUATION_AND_SPACE));
            List<String> first = PyText.split(PyText.lstrip(sentences.get(i + 1), PyText.PUNCTUATION_AND_SPACE));
            if (last.isEmpty() || first.isEmpty()) return false;
            if (!PyText.lower(last.getLast()).equals(PyText.lower(first.getFirst()))) return false;
        }
        return true;
    }
}
