package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyChars;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * count:words_japanese — every N-th whitespace word (stripped of ASCII punctuation) that is not empty
 * and not all digits has a kana or CJK ideograph (U+3040–U+30FF, U+4E00–U+9FFF).
 */
public record NthWordJapanese(int n) implements Constraint {
    public static final String ID = "count:words_japanese";

    public static final ConstraintType<NthWordJapanese> TYPE = ConstraintType.builder(ID, NthWordJapanese::parse)
            .parameters(Parameter.integer("N", 1))
            .example(new NthWordJapanese(5))
            .alone("every N-th word is fixed, which other constraints' words would shift")
            .hardness(0.75)
            .phrasings("Every {N}th word of your response must be in Japanese.",
                    "Write in English, but make every {N}th word a Japanese word.",
                    "Counting the words of your answer, word {N}, word 2×{N} and so on must each be Japanese.")
            .synthesis(500, Sampling::new)
            .build();

    private static NthWordJapanese parse(Kwargs k) {
        return new NthWordJapanese(k.integer("N", 1, " (the reference divides by it)"));
    }

    public ConstraintType<NthWordJapanese> type() { return TYPE; }

    /** The reference's wording, including its ordinals that drop "word" ("Every 21st of your response"). */
    public String description() {
        String pattern = switch (n % 10) {
            case 1 -> "Every %dst of your response must be in Japanese.";
            case 2 -> "Every %dnd of your response must be in Japanese.";
            case 3 -> "Every %drd of your response must be in Japanese.";
            default -> "Every %dth word of your response must be in Japanese.";
        };
        return pattern.formatted(n);
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n);
    }

    private static boolean hasJapanese(String word) {
        return word.chars().anyMatch(c -> (c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF));
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // The words read one at a time: the first n-th word that is not Japanese ends the scan. An N below 1 (which parsing
        // refuses) indexes before the first word, as the list did.
        Objects.checkIndex(n - 1, Integer.MAX_VALUE);
        int index = 0;
        int end = 0;
        for (int start; (start = PyText.wordStart(response, end)) < response.length(); index++) {
            end = PyText.wordEnd(response, start);
            if (index % n != n - 1) continue;
            String word = PyText.stripPunctuation(response.substring(start, end));
            if (!word.isEmpty() && !PyChars.isDigits(word) && !hasJapanese(word)) return false;
        }
        return true;
    }

    /** Every n-th whitespace word that is not Japanese (checked alone, as a first word must be). */
    private List<int[]> notJapanese(String response, TextTools text) {
        List<int[]> words = Edits.whitespaceWords(response);
        NthWordJapanese alone = new NthWordJapanese(1);
        List<int[]> out = new ArrayList<>();
        for (int i = n - 1; i < words.size(); i += n) {
            int[] w = words.get(i);
            if (!alone.isFollowedBy(response.substring(w[0], w[1]), text)) out.add(w);
        }
        return out;
    }

    /** Each n-th word that is not Japanese, or, with none, the whole text. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.failingOrWhole(response, notJapanese(response, text), "n-th word not in Japanese", "every n-th word in Japanese");
    }

    /** The n-th word replaced with an English one, or English words added until there is an n-th. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> words = Edits.whitespaceWords(response);
        String edited = words.size() >= n ? Edits.replace(response, words.get(n - 1)[0], words.get(n - 1)[1], "no")
                : Edits.appended(response, String.join(" ", Collections.nCopies(n - words.size(), "no")));
        return Edits.verified(List.of(new Edit("add_english_word", edited)), r -> !isFollowedBy(r, text));
    }

    /** Each n-th word that is not Japanese replaced with a Japanese one (the first synthesis uses). */
    public List<Edit> repairs(String response, TextTools text) {
        StringBuilder edited = new StringBuilder(response);
        for (int[] w : notJapanese(response, text).reversed()) edited.replace(w[0], w[1], JAPANESE.getFirst());
        return Edits.verified(List.of(new Edit("replace_words", edited.toString())), r -> isFollowedBy(r, text));
    }

    private static final List<String> JAPANESE = List.of("\u65e5\u672c", "\u5c71", "\u5ddd", "\u82b1", "\u7a7a", "\u6d77", "\u68ee", "\u96e8");

    /** Three to five pool sentences with every N-th word (N from 2 to 8) replaced by a Japanese one, its punctuation kept. */
    private static final class Sampling implements Sketch<NthWordJapanese> {
        private int n;

        public void content(Draft d) {
            n = d.between(2, 8);
            List<String> words = new ArrayList<>();
            for (int i = d.between(3, 5); i > 0; i--) words.addAll(PyText.split(d.sentence()));
            for (int i = n - 1; i < words.size(); i += n) {
                String word = words.get(i);
                String trailing = word.substring(PyText.rstrip(word, PyText.PUNCTUATION).length());
                words.set(i, d.pick(JAPANESE) + trailing);
            }
            d.witness().setText(String.join(" ", words));
        }

        public NthWordJapanese finish(Draft d) {
            return new NthWordJapanese(n);
        }
    }
}
