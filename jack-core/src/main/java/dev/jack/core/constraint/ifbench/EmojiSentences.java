package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.EndChecker;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.Postscript;
import dev.jack.core.constraint.ifeval.RepeatPrompt;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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
            .conflict(JsonFormat.ID, "JSON escapes the emoji")
            .conflict(Postscript.ID, "an emoji after P.S. would break the marker")
            .conflict(EndChecker.ID, "the end phrase must end the response exactly, without an emoji")
            .conflict(RepeatPrompt.ID, "the request must be repeated exactly, without emoji")
            .conflict(PunctuationCover.ID, "an emoji would split the interrobang")
            .hardness(0.5)
            .phrasings("Please use an emoji at the end of every sentence.",
                    "End each of your sentences with an emoji.",
                    "Every sentence you write must finish with an emoji.")
            .synthesis(85, () -> Sampling.INSTANCE)
            .build();

    private static EmojiSentences parse(Kwargs k) {
        return new EmojiSentences();
    }

    public ConstraintType<EmojiSentences> type() { return TYPE; }

    public String description() {
        return "Please use an emoji at the end of every sentence.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int[] sentences = text.sentenceBounds(response);
        for (int k = 0; k < sentences.length; k += 2) {
            // The reference's s = sentence with string.punctuation removed, stripped: its last two code points are the
            // last one that is neither punctuation nor space and the nearest non-punctuation one before it (a space
            // there, or none, adds nothing: no space is an emoji), found in place (code points as the sentence alone
            // has them: a surrogate is paired only within it).
            int start = sentences[k];
            int at = sentences[k + 1];
            int last = -1;
            while (at > start) {
                int cp = codePointBefore(response, at, start);
                at -= Character.charCount(cp);
                if (!isPunctuation(cp) && !PyText.isSpace(cp)) {
                    last = cp;
                    break;
                }
            }
            if (last < 0) return false;
            int beforeLast = last;
            while (at > start) {
                int cp = codePointBefore(response, at, start);
                at -= Character.charCount(cp);
                if (!isPunctuation(cp)) {
                    beforeLast = cp;
                    break;
                }
            }
            if (text.isEmoji(last) || text.isEmoji(beforeLast)) continue;
            if (k + 2 == sentences.length) return false;
            int first = firstKept(response, sentences[k + 2], sentences[k + 3]);
            if (first < 0 || !text.isEmoji(first)) return false;
        }
        return true;
    }

    /** {@code text.substring(start).codePointBefore(at - start)}: the code point before {@code at}, not reaching before start. */
    private static int codePointBefore(String text, int at, int start) {
        char c = text.charAt(at - 1);
        if (Character.isLowSurrogate(c) && at - 2 >= start && Character.isHighSurrogate(text.charAt(at - 2))) {
            return Character.toCodePoint(text.charAt(at - 2), c);
        }
        return c;
    }

    /**
     * Punkt's sentences that end without an emoji (each checked alone) and are not followed by one that starts with an
     * emoji, as {@code [start, end)}.
     */
    private List<int[]> withoutEmoji(String response, TextTools text) {
        List<int[]> sentences = text.sentenceSpans(response);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            int[] s = sentences.get(i);
            if (isFollowedBy(response.substring(s[0], s[1]), text)) continue;
            int next = i + 1 < sentences.size() ? firstKept(response, sentences.get(i + 1)[0], sentences.get(i + 1)[1]) : -1;
            if (next < 0 || !text.isEmoji(next)) out.add(s);
        }
        return out;
    }

    /** Each sentence without an emoji at its end, or, with none, the whole text. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.failingOrWhole(response, withoutEmoji(response, text), "sentence without an emoji at its end", "every sentence ends with an emoji");
    }

    /** A sentence without an emoji added at the end. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(Edits.appending("add_sentence", response, "That is all.")), r -> !isFollowedBy(r, text));
    }

    /** An emoji (the first synthesis uses) put before the closing punctuation of each sentence without one. */
    public List<Edit> repairs(String response, TextTools text) {
        StringBuilder edited = new StringBuilder(response);
        for (int[] s : withoutEmoji(response, text).reversed()) {
            int at = s[1];
            while (at > s[0] && isPunctuation(response.charAt(at - 1))) at--;
            edited.insert(at, " " + EMOJI.getFirst());
        }
        return Edits.verified(List.of(new Edit("add_emojis", edited.toString())), r -> isFollowedBy(r, text));
    }

    /**
     * The first code point of text[from, to) that is neither in string.punctuation nor a space (a surrogate paired only
     * within the range); -1 when there is none.
     */
    private static int firstKept(String text, int from, int to) {
        for (int i = from; i < to; ) {
            char c = text.charAt(i);
            int cp = Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))
                    ? Character.toCodePoint(c, text.charAt(i + 1)) : c;
            if (!isPunctuation(cp) && !PyText.isSpace(cp)) return cp;
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static boolean isPunctuation(int cp) {
        return cp < 128 && PyText.isPunctuation((char) cp);
    }

    private static final List<String> EMOJI = List.of("\uD83D\uDE0A", "\uD83C\uDF1F", "\uD83C\uDF89", "\uD83D\uDE42", "\uD83C\uDF3F", "\u2728");
    /** A sentence's final mark: the emoji goes before it. */
    private static final Pattern SENTENCE_END = Pattern.compile("([.?!])(?=\\s|$)");

    /**
     * One emoji before every sentence-final mark of the text (a wrapper, so it reaches the lines other constraints
     * add; its order puts it before the quotation wrappers).
     */
    private enum Sampling implements Sketch<EmojiSentences> {
        INSTANCE;

        public void content(Draft d) {
            String emoji = " " + d.pick(EMOJI) + "$1";
            d.witness().wrap(body -> SENTENCE_END.matcher(body).replaceAll(emoji));
        }

        public EmojiSentences finish(Draft d) {
            return new EmojiSentences();
        }
    }
}
