package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.TextAnalysis;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * format:emoji — every Punkt sentence, with ASCII punctuation deleted and stripped, ends in an emoji:
 * its last or second-to-last code point is one of emoji 2.15.0's single-code-point emoji, or else the
 * next sentence's first code point is. Keycaps and flags pass or fail by which of their code points
 * are in that table; an empty sentence fails.
 */
public record EmojiSentences() implements Constraint {
    public static final String ID = "format:emoji";

    public static final ConstraintType<EmojiSentences> TYPE = ConstraintType.builder(ID, EmojiSentences::parse)
            .example(new EmojiSentences())
            .analyses(TextAnalysis.SENTENCES, TextAnalysis.EMOJI)
            .build();

    private static EmojiSentences parse(Kwargs k) {
        return new EmojiSentences();
    }

    public ConstraintType<EmojiSentences> type() { return TYPE; }



    public String description() {
        return "Please use an emoji at the end of every sentence.";
    }


    public boolean isFollowedBy(String response, TextTools text) {
        List<String> sentences = text.sentences(response);
        for (int i = 0; i < sentences.size(); i++) {
            String stripped = PyText.strip(PyText.removePunctuation(sentences.get(i)));
            if (stripped.isEmpty()) return false;
            int last = stripped.codePointBefore(stripped.length());
            int beforeLast = stripped.length() > Character.charCount(last)
                    ? stripped.codePointBefore(stripped.length() - Character.charCount(last)) : last;
            if (text.isEmoji(last) || text.isEmoji(beforeLast)) continue;
            if (i == sentences.size() - 1) return false;
            String next = PyText.strip(PyText.removePunctuation(sentences.get(i + 1)));
            if (next.isEmpty() || !text.isEmoji(next.codePointAt(0))) return false;
        }
        return true;
    }
}
