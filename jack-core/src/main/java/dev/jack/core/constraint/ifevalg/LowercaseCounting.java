package dev.jack.core.constraint.ifevalg;

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
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * count:lowercase_counting — at most N matches of {@code \b[a-z]+\b}, i.e. runs of word characters that
 * are all ASCII lower-case letters ("héllo" is none).
 */
public record LowercaseCounting(int n) implements Constraint {
    public static final String ID = "count:lowercase_counting";

    public static final ConstraintType<LowercaseCounting> TYPE = ConstraintType.builder(ID, LowercaseCounting::parse)
            .parameters(Parameter.integer("N", 1))
            .example(new LowercaseCounting(14))
            .hardness(0.55)
            .phrasings("In your response, all lowercase words should appear at most {N} times.",
                    "Use at most {N} all-lowercase words in your answer.",
                    "No more than {N} of your words may be written entirely in lowercase.")
            .synthesis(900, () -> Sampling.INSTANCE)
            .build();

    private static LowercaseCounting parse(Kwargs k) {
        return new LowercaseCounting(k.integer("N", 1, Kwargs.RANDOM_IF_ZERO));
    }

    public ConstraintType<LowercaseCounting> type() { return TYPE; }

    public String description() {
        return "In your response, all lowercase words should appear at most " + n + " times.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return lowercaseWords(response) <= n;
    }

    /** The {@code \w+} words made of a-z only. */
    private static int lowercaseWords(String response) {
        return (int) PyText.wordRunTexts(response).stream().filter(w -> w.chars().allMatch(c -> c >= 'a' && c <= 'z')).count();
    }

    /** The words {@code \\b[a-z]+\\b} the checker counts, as {@code [start, end)}. */
    private static List<int[]> lowercaseRuns(String response) {
        Matcher m = PyRegex.cached("\\b[a-z]+\\b", 0).matcher(response);
        List<int[]> out = new ArrayList<>();
        while (m.find()) out.add(new int[] {m.start(), m.end()});
        return out;
    }

    /** Too many: the lowercase words past N; otherwise all of them. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.counted(lowercaseRuns(response), Relation.LESS_THAN, n + 1, "lowercase word", Edits.textEnd(response));
    }

    /** Lowercase sentences added until there are more than N lowercase words. */
    public List<Edit> breaks(String response, TextTools text) {
        List<String> lowercase = Vocabulary.ENGLISH.stream().map(PyText::lower).toList();
        return Edits.verified(Edits.addUntil("add_sentences", response, lowercase, 60, r -> !isFollowedBy(r, text)), r -> !isFollowedBy(r, text));
    }

    /** The lowercase words past N capitalized, or sentences cut until N are left. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> runs = lowercaseRuns(response);
        StringBuilder edited = new StringBuilder(response);
        for (int i = n; i < runs.size(); i++) edited.setCharAt(runs.get(i)[0], Character.toUpperCase(response.charAt(runs.get(i)[0])));
        List<Edit> out = new ArrayList<>(List.of(new Edit("capitalize_words", edited.toString())));
        out.addAll(Edits.bySentences(response, text, true, r -> isFollowedBy(r, text)));
        return Edits.verified(out, r -> isFollowedBy(r, text));
    }

    /** Read off the final witness: its lowercase words, plus 0 to 10. */
    private enum Sampling implements Sketch<LowercaseCounting> {
        INSTANCE;

        public LowercaseCounting finish(Draft d) {
            return new LowercaseCounting(Math.max(1, lowercaseWords(d.witnessText()) + d.between(0, 10)));
        }
    }
}
