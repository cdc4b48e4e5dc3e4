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
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * letters:letter_counting — the response has less than / at least N ASCII letters. The reference takes
 * any relation text and answers None (not followed) for one other than "less than" and "at least".
 */
public record LetterCounting(int n, String relation) implements Constraint {
    public static final String ID = "letters:letter_counting";

    public static final ConstraintType<LetterCounting> TYPE = ConstraintType.builder(ID, LetterCounting::parse)
            .parameters(Parameter.integer("N", 1), Parameter.string("relation"))
            .example(new LetterCounting(91, "less than"))
            .conflict(ResponseLanguage.ID, "letters are counted from a to z, which a response in another script may not have")
            .hardness(0.5)
            .phrasings("Answer with {relation} {N} letters.",
                    "Your response should contain {relation} {N} letters (a to z, either case).",
                    "Use {relation} {N} letters in total.")
            .synthesis(900, () -> Sampling.INSTANCE)
            .build();

    private static LetterCounting parse(Kwargs k) {
        return new LetterCounting(k.integer("N", 1, Kwargs.RANDOM_IF_ZERO), k.nonEmpty("relation"));
    }

    public ConstraintType<LetterCounting> type() { return TYPE; }

    public String description() {
        return "Answer with " + relation + " " + n + " letters.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n, "relation", relation);
    }

    /** The ASCII letters a-z and A-Z. */
    private static int letters(String response) {
        return (int) response.chars().filter(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')).count();
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int letters = letters(response);
        return switch (relation) {
            case "at least" -> letters >= n;
            case "less than" -> letters < n;
            default -> false;
        };
    }

    /** "Less than" and too many: from the N-th ASCII letter on; otherwise the first to the last letter (and where more would go). */
    public List<Span> spans(String response, TextTools text) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < response.length(); i++) if ((response.charAt(i) | 0x20) >= 'a' && (response.charAt(i) | 0x20) <= 'z') at.add(i);
        if (relation.equals("less than") && at.size() >= n) {
            return List.of(new Span(at.get(n - 1), at.getLast() + 1, "letters " + n + " to " + at.size() + " (fewer than " + n + " allowed)"));
        }
        List<Span> out = new ArrayList<>(2);
        if (!at.isEmpty()) out.add(new Span(at.getFirst(), at.getLast() + 1, at.size() + " letters"));
        if (relation.equals("at least") && at.size() < n) out.add(Span.missing(Edits.textEnd(response), (n - at.size()) + " more letters (at least " + n + " needed)"));
        return out;
    }

    /** Whole sentences cut ("at least") or added ("less than"); none for another relation, which never passes. */
    public List<Edit> breaks(String response, TextTools text) {
        if (!relation.equals("at least") && !relation.equals("less than")) return List.of();
        return Edits.verified(Edits.bySentences(response, text, relation.equals("at least"), r -> !isFollowedBy(r, text)), r -> !isFollowedBy(r, text));
    }

    /** The reverse of {@link #breaks}. */
    public List<Edit> repairs(String response, TextTools text) {
        if (!relation.equals("at least") && !relation.equals("less than")) return List.of();
        return Edits.verified(Edits.bySentences(response, text, relation.equals("less than"), r -> isFollowedBy(r, text)), r -> isFollowedBy(r, text));
    }

    /** Read off the final witness: "at least" half to all of its a-z letters, "less than" 1 to 60 more than it has. */
    private enum Sampling implements Sketch<LetterCounting> {
        INSTANCE;

        public LetterCounting finish(Draft d) {
            int letters = letters(d.witnessText());
            Relation relation = d.relation();
            if (relation == Relation.LESS_THAN) return new LetterCounting(letters + d.between(1, 60), relation.text());
            return letters == 0 ? null : new LetterCounting(d.between((letters + 1) / 2, letters), relation.text());
        }
    }
}
