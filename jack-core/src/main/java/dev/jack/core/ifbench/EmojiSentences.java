package dev.jack.core.ifbench;

import dev.jack.core.text.Emoji;
import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Set;

/**
 * format:emoji — every Punkt sentence, with ASCII punctuation deleted and stripped, ends in an emoji:
 * its last or second-to-last code point is one of emoji 2.15.0's single-code-point emoji, or else the
 * next sentence's first code point is. Keycaps and flags pass or fail by which of their code points
 * are in that table; an empty sentence fails.
 */
public record EmojiSentences() implements Checker {
    public static final String ID = "format:emoji";

    static EmojiSentences parse(Args a) {
        return new EmojiSentences();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Please use an emoji at the end of every sentence.";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES, Analysis.EMOJI);
    }

    public boolean check(String response, Analyses text) {
        List<String> sentences = text.sentences(response);
        for (int i = 0; i < sentences.size(); i++) {
            String stripped = PyText.strip(PyStr.removePunctuation(sentences.get(i)));
            if (stripped.isEmpty()) return false;
            int last = stripped.codePointBefore(stripped.length());
            int beforeLast = stripped.length() > Character.charCount(last)
                    ? stripped.codePointBefore(stripped.length() - Character.charCount(last)) : last;
            if (Emoji.isEmoji(last) || Emoji.isEmoji(beforeLast)) continue;
            if (i == sentences.size() - 1) return false;
            String next = PyText.strip(PyStr.removePunctuation(sentences.get(i + 1)));
            if (next.isEmpty() || !Emoji.isEmoji(next.codePointAt(0))) return false;
        }
        return true;
    }
}
