package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.text.Literals;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * keywords:letter_frequency — a letter occurs less than / at least N times, ignoring case.
 * The older reference and lm-evaluation-harness (what most published IFEval numbers use) replace a target that
 * is not an ASCII letter a–z (e.g. "#", "é", "д") with a random letter, so their verdict varies between runs,
 * while current Google code counts it; Jack counts the given character itself, which is deterministic and what
 * the prompt asked for. Synthesis only targets a–z, which every scorer treats the same (a language without
 * a–z letters is therefore never drawn with this constraint: see {@link ResponseLanguage}).
 */
public record LetterFrequency(String letter, int letFrequency, Relation letRelation) implements Constraint, LooseVariantsFail {
    public static final String ID = "keywords:letter_frequency";

    /** The letters every IFEval scorer counts as given; synthesis targets no other. */
    public static final String TARGETS = "abcdefghijklmnopqrstuvwxyz";
    /** Letters whose counts synthesis may cap ("less than"): rare in {@link dev.jack.core.constraint.Vocabulary#ENGLISH}. */
    public static final String RARE_LETTERS = "jqxz";
    /** Letters whose counts synthesis may require ("at least") in English: common in its sentences. */
    public static final String COMMON_LETTERS = "aeinorst";

    public LetterFrequency {
        if (letter.codePointCount(0, letter.length()) != 1) {
            throw new ParameterException("letter", "must be a single character, got \"" + letter + "\"");
        }
        letter = PyText.lower(letter);
    }

    public static final ConstraintType<LetterFrequency> TYPE = ConstraintType.builder(ID, LetterFrequency::parse)
            .parameters(new Parameter("letter", "single character"), Parameter.integer("let_frequency", 0),
                    Parameter.relation("let_relation"))
            .example(new LetterFrequency("z", 3, Relation.LESS_THAN))
            .hardness(0.65)
            .phrasings("In your response, the letter {letter} should appear {let_relation} {let_frequency} {times}.",
                    "Use the letter \"{letter}\" {let_relation} {let_frequency} {times}.",
                    "Make sure the letter {letter} appears {let_relation} {let_frequency} {times} in your answer.")
            .synthesis(230, () -> Sampling.INSTANCE)
            .build();

    private static LetterFrequency parse(Kwargs k) {
        return new LetterFrequency(k.string("letter"), k.integer("let_frequency", 0), k.relation("let_relation"));
    }

    public ConstraintType<LetterFrequency> type() { return TYPE; }

    public String description() {
        return "In your response, the letter " + letter + " should appear " + letRelation.text() + " " + letFrequency + " times.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int count = 0;
        if (isAsciiLetter()) {
            count = PyText.countLowered(response, letter.charAt(0));  // IFEval's letters: no lowered copy of the response
        } else {
            String lower = PyText.lower(response);
            for (int at = lower.indexOf(letter); at >= 0; at = lower.indexOf(letter, at + letter.length())) count++;
        }
        return letRelation.holds(count, letFrequency);
    }

    /**
     * "At least" an ASCII letter only: its count ({@link PyText#countLowered}, char by char) in a loose variant, whose
     * chars are some of the response's, is no higher than in the response. Another letter is counted in the lower-cased
     * text, where taking out a '*' may join what was apart into the letter (two surrogates, or "i" and a combining dot
     * for "İ", whose lower case is those two).
     */
    public boolean variantsFailWith(String response) {
        return letRelation == Relation.AT_LEAST && isAsciiLetter();
    }

    /** Whether the letter is one of a-z, counted by {@link PyText#countLowered}. */
    private boolean isAsciiLetter() {
        return letter.length() == 1 && letter.charAt(0) >= 'a' && letter.charAt(0) <= 'z';
    }

    /** Where the letter occurs, ignoring case. */
    private List<int[]> occurrences(String response) {
        List<int[]> found = new ArrayList<>();
        for (int i = 0; i < response.length(); ) {
            int cp = response.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (PyText.lower(Character.toString(cp)).equals(letter)) found.add(new int[] {i, next});
            i = next;
        }
        return found;
    }

    /** Each occurrence of the letter; with "less than" and too many, those from the N-th on. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.counted(occurrences(response), letRelation, letFrequency, "letter " + letter, Edits.textEnd(response));
    }

    /** Fewer: words with the letter cut, the last first. More: sentences that have it added. */
    private List<Edit> change(String response, boolean fewer, Predicate<String> done) {
        if (fewer) return Edits.cutFromEnd("remove_words_with_letter", response, Edits.words(response, occurrences(response)), done);
        List<String> sentences = new ArrayList<>();
        List<String> keywords = Vocabulary.KEYWORDS.stream().filter(w -> w.contains(letter)).toList();
        for (int i = 0; i < keywords.size(); i++) {
            sentences.add(Edits.inCaseOf(response, Vocabulary.KEYWORD_SENTENCES.get(i % Vocabulary.KEYWORD_SENTENCES.size()).replace("{}", keywords.get(i))));
        }
        if (sentences.isEmpty()) sentences = Edits.fillers(response, Vocabulary.ENGLISH.size()).stream().filter(s -> PyText.lower(s).contains(letter)).toList();
        return sentences.isEmpty() ? List.of() : Edits.addUntil("add_words_with_letter", response, sentences, Edits.MAX_ADDED, done);
    }

    public List<Edit> breaks(String response, TextTools text) {
        return change(response, letRelation == Relation.AT_LEAST, r -> !isFollowedBy(r, text));
    }

    public List<Edit> repairs(String response, TextTools text) {
        return change(response, letRelation == Relation.LESS_THAN, r -> isFollowedBy(r, text));
    }

    public Map<String, Object> kwargs() {
        return Map.of("letter", letter, "let_frequency", letFrequency, "let_relation", letRelation.text());
    }

    /**
     * Read off the final witness: "less than" a rare letter's count plus 1-5; "at least" 1 up to a common
     * letter's count (capped at 40), or in another language one of the witness's own a–z letters.
     */
    private enum Sampling implements Sketch<LetterFrequency> {
        INSTANCE;

        public LetterFrequency finish(Draft d) {
            String witness = d.witnessText();
            Relation relation = d.relation();
            String letters = relation == Relation.LESS_THAN ? RARE_LETTERS
                    : d.language().equals("en") ? COMMON_LETTERS : lettersOf(witness);
            if (letters.isEmpty()) return null;
            String letter = String.valueOf(letters.charAt(d.nextInt(letters.length())));
            int present = Literals.countIgnoreCase(PyText.lower(witness), letter);
            if (relation == Relation.LESS_THAN) return new LetterFrequency(letter, present + d.between(1, 5), relation);
            if (present == 0) return null;
            return new LetterFrequency(letter, d.between(1, Math.min(present, 40)), relation);
        }

        /** The distinct a–z letters of a text (lowercased), in order of first occurrence, for text in other languages. */
        private static String lettersOf(String text) {
            StringBuilder letters = new StringBuilder();
            for (char ch : PyText.lower(text).toCharArray()) {
                if (TARGETS.indexOf(ch) >= 0 && letters.indexOf(String.valueOf(ch)) < 0) letters.append(ch);
            }
            return letters.toString();
        }
    }
}
