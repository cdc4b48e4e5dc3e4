package dev.jack.core.ifeval;

import dev.jack.core.UserException;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * IFEval's strict and loose verification, which IFBench's scorer ({@code evaluation_lib.py}) repeats
 * exactly. Strict checks the response as is; loose passes a constraint if any of eight variants passes
 * (the response, without its first line, without its last, without both, each also with every '*'
 * removed; the line-dropping ones stripped). A response that is blank after stripping follows nothing.
 * Loose variants are only built when some strict check fails, since the response itself is one of them.
 */
public final class Verifier {
    private final TextTools text;

    public Verifier(TextTools text) {
        this.text = text;
    }

    public TextTools text() {
        return text;
    }

    /** Starts loading, in the background, the models behind the text analyses these constraints' checkers use. */
    public void prepareFor(Collection<? extends Constraint> constraints) {
        Set<TextAnalysis> analyses = EnumSet.noneOf(TextAnalysis.class);
        for (Constraint c : constraints) analyses.addAll(c.type().analyses());
        text.prepareFor(analyses);
    }

    /**
     * The strict and loose verdicts of each constraint on the response. A checker that throws (any runtime exception,
     * or a stack overflow) makes that constraint not followed and is listed in {@link Verdicts#errors()}; the other
     * constraints are still checked. Analyses are shared among this row's checks only ({@link TextTools#forgetRecent}).
     *
     * @throws UserException when a model a checker needs cannot be had (e.g. a Punkt folder without its files)
     */
    public Verdicts verify(List<Constraint> constraints, String response) {
        text.forgetRecent();
        Boolean[] strict = new Boolean[constraints.size()];
        Boolean[] loose = new Boolean[constraints.size()];
        List<String> errors = List.of();
        List<String> variants = null;
        // Checked once: a blank response follows nothing, whatever the constraint.
        boolean blank = PyText.isBlank(response);
        for (int i = 0; i < strict.length; i++) {
            Constraint c = constraints.get(i);
            boolean s = false;
            boolean l = false;
            try {
                s = !blank && c.isFollowedBy(response, text);
                l = s;
                if (!s) {
                    if (variants == null) variants = looseVariants(response);
                    for (String v : variants) if (l = check(c, v)) break;
                }
            } catch (UserException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                // A stack overflow too: java.util.regex recurses once per repetition of some patterns, so a long enough
                // response can exhaust any stack.
                if (errors.isEmpty()) errors = new ArrayList<>();
                errors.add(c.id() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            strict[i] = s;
            loose[i] = l;
        }
        // List.of over the arrays: Verdicts' List.copyOf then keeps them as they are.
        return new Verdicts(List.of(strict), List.of(loose), errors);
    }

    /**
     * Whether the response follows the constraint under the strict checker; a checker that throws counts as not followed.
     *
     * @throws UserException as {@link #verify} does
     */
    public boolean follows(Constraint c, String response) {
        try {
            return check(c, response);
        } catch (UserException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    private boolean check(Constraint c, String response) {
        return !PyText.isBlank(response) && c.isFollowedBy(response, text);
    }

    /**
     * The loose variants other than the response itself, without duplicates. The reference joins
     * {@code response.split("\n")} without its first line, its last, or both; those are the text after the first
     * newline, before the last, and between the two, cut out here without splitting (a response of 100,000 lines
     * would otherwise cost as much as checking it).
     */
    public static List<String> looseVariants(String response) {
        int first = response.indexOf('\n');
        int last = response.lastIndexOf('\n');
        String removeFirst = first < 0 ? "" : PyText.strip(response.substring(first + 1));
        String removeLast = last < 0 ? "" : PyText.strip(response.substring(0, last));
        String removeBoth = first < last ? PyText.strip(response.substring(first + 1, last)) : "";
        String[] candidates = {response.replace("*", ""), removeFirst, removeLast, removeBoth,
                removeFirst.replace("*", ""), removeLast.replace("*", ""), removeBoth.replace("*", "")};
        // Duplicates found by equals, not by hashing: hashing reads every char of each variant, where equals mostly
        // stops at a differing length.
        List<String> variants = new ArrayList<>(candidates.length);
        for (String v : candidates) if (!v.equals(response) && !variants.contains(v)) variants.add(v);
        return List.copyOf(variants);
    }
}
