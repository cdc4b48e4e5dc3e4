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
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** change_case:capital_word_frequency — less than / at least N all-capital words, tokenized like nltk.word_tokenize. */
public record CapitalWordFrequency(int capitalFrequency, Relation capitalRelation) implements Constraint {
    public static final String ID = "change_case:capital_word_frequency";

    /** All-capital words synthesis writes. */
    private static final List<String> CAPITAL_WORDS = List.of("KEY", "NOTE", "REAL", "GOOD", "BIG", "HELPFUL", "IMPORTANT",
            "ALWAYS", "NEVER", "NOW", "TODAY", "SIMPLE", "CLEAR", "TRUE", "BEST", "FIRST", "LAST", "NEW");

    public static final ConstraintType<CapitalWordFrequency> TYPE = ConstraintType.builder(ID, CapitalWordFrequency::parse)
            .parameters(Parameter.integer("capital_frequency", 0), Parameter.relation("capital_relation"))
            .example(new CapitalWordFrequency(3, Relation.AT_LEAST))
            .analyses(TextAnalysis.WORD_TOKENS)
            .hardness(0.6)
            .phrasings("In your response, words with all capital letters should appear {capital_relation} {capital_frequency} {times}.",
                    "Use {capital_relation} {capital_frequency} {words} written entirely in capital letters.",
                    "Include {capital_relation} {capital_frequency} fully capitalized {words}.")
            .synthesis(200, Sampling::new)
            .build();

    private static CapitalWordFrequency parse(Kwargs k) {
        return new CapitalWordFrequency(k.integer("capital_frequency", 0), k.relation("capital_relation"));
    }

    public ConstraintType<CapitalWordFrequency> type() { return TYPE; }

    public String description() {
        return "In your response, words with all capital letters should appear " + capitalRelation.text() + " " + capitalFrequency + " times.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return capitalRelation.holds(countCapitalWords(response, text), capitalFrequency);
    }

    private static int countCapitalWords(String response, TextTools text) {
        return text.countUpperWordTokens(response);
    }

    /** Where the all-capital word tokens are, as {start, end}. */
    private static List<int[]> capitalWords(String response, TextTools text) {
        List<String> tokens = text.wordTokenize(response);
        List<int[]> found = new ArrayList<>();
        for (int[] t : text.wordTokenSpans(response)) if (PyText.isUpper(tokens.get(t[2]))) found.add(new int[] {t[0], t[1]});
        return found;
    }

    /** Each all-capital word; with "less than" and too many, those from the N-th on. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.counted(capitalWords(response, text), capitalRelation, capitalFrequency, "capital word", Edits.textEnd(response));
    }

    /**
     * Fewer: capital words written with only their first letter capital ("NOTE" to "Note"; one-letter ones
     * lowercased), the last longer ones first. More: the longest lowercase words written in capitals.
     */
    private List<Edit> change(String response, TextTools text, boolean fewer, Predicate<String> done) {
        List<int[]> targets = new ArrayList<>();
        if (fewer) {
            List<int[]> capitals = capitalWords(response, text);
            for (int i = capitals.size() - 1; i >= 0; i--) if (capitals.get(i)[1] - capitals.get(i)[0] > 1) targets.add(capitals.get(i));
            for (int i = capitals.size() - 1; i >= 0; i--) if (capitals.get(i)[1] - capitals.get(i)[0] == 1) targets.add(capitals.get(i));
        } else {
            for (int[] w : PyText.wordRuns(response)) {
                String word = response.substring(w[0], w[1]);
                if (w[1] - w[0] >= 3 && word.chars().allMatch(Character::isLetter) && !PyText.isUpper(word)) targets.add(w);
            }
            targets.sort(Comparator.comparingInt((int[] w) -> w[0] - w[1]));
        }
        String edited = response;
        for (int[] t : targets) {
            String word = edited.substring(t[0], t[1]);
            String changed = !fewer ? word.toUpperCase(Locale.ROOT) : word.length() == 1 ? PyText.lower(word) : word.charAt(0) + PyText.lower(word.substring(1));
            edited = Edits.replace(edited, t[0], t[1], changed);
            if (changed.length() != word.length()) return List.of();
            if (done.test(edited)) return List.of(new Edit(fewer ? "lowercase_capital_words" : "capitalize_words", edited));
        }
        return List.of();
    }

    public List<Edit> breaks(String response, TextTools text) {
        return change(response, text, capitalRelation == Relation.AT_LEAST, r -> !isFollowedBy(r, text));
    }

    public List<Edit> repairs(String response, TextTools text) {
        return change(response, text, capitalRelation == Relation.LESS_THAN, r -> isFollowedBy(r, text));
    }

    public Map<String, Object> kwargs() {
        return Map.of("capital_frequency", capitalFrequency, "capital_relation", capitalRelation.text());
    }

    /** "At least" 1-8: a sentence of that many capital words; "less than" 1-5 above the final count (at least 2). */
    private static final class Sampling implements Sketch<CapitalWordFrequency> {
        private Relation relation;
        private int capitals;

        public void content(Draft d) {
            relation = d.relation();
            if (relation == Relation.LESS_THAN) return;
            capitals = d.between(1, 8);
            List<String> words = new ArrayList<>();
            for (int c = 0; c < capitals; c++) words.add(d.pick(CAPITAL_WORDS));
            d.addSentence("Keep these words in mind: " + String.join(" ", words) + ".");
        }

        public CapitalWordFrequency finish(Draft d) {
            if (relation == Relation.LESS_THAN) capitals = Math.max(2, countCapitalWords(d.witnessText(), d.text()) + d.between(1, 5));
            return new CapitalWordFrequency(capitals, relation);
        }
    }
}
