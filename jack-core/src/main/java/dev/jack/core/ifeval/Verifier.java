package dev.jack.core.ifeval;

import dev.jack.core.UserException;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.ifeval.LooseVariantsFail;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * IFEval's strict and loose verification, which IFBench's scorer ({@code evaluation_lib.py}) repeats
 * exactly. Strict checks the response as is; loose passes a constraint if any of eight variants passes
 * (the response, without its first line, without its last, without both, each also with every '*'
 * removed; the line-dropping ones stripped). A response that is blank after stripping follows nothing.
 * Loose variants are only built when some strict check fails, since the response itself is one of them, and only as
 * far as a failing check needs them.
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
        Analyses analyses = new Analyses();
        for (Constraint c : constraints) analyses.add(c);
        text.prepareFor(analyses.needed);
    }

    /** {@link #prepareFor(Collection)} for every constraint of these prompts. */
    public void prepareForPrompts(Collection<IfevalPrompt> prompts) {
        Analyses analyses = new Analyses();
        for (IfevalPrompt p : prompts) for (Constraint c : p.constraints()) analyses.add(c);
        text.prepareFor(analyses.needed);
    }

    /**
     * The analyses of constraints' types, each type's set added once (a prompt file repeats a few dozen types, and
     * adding each constraint's set allocated an iterator per constraint: 54,100 prompts, twice per run).
     */
    private static final class Analyses {
        final Set<TextAnalysis> needed = EnumSet.noneOf(TextAnalysis.class);
        private final Set<ConstraintType> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        void add(Constraint c) {
            if (seen.add(c.type())) needed.addAll(c.type().analyses());
        }
    }

    /**
     * The strict and loose verdicts of each constraint on the response. A checker that throws (any runtime exception,
     * or a stack overflow) makes that constraint not followed and is listed in {@link Verdicts#errors()}; the other
     * constraints are still checked. A failing constraint that says its loose variants fail too ({@link LooseVariantsFail})
     * is not checked on them. Analyses are shared among this row's checks only ({@link TextTools#forgetRecent}).
     *
     * @throws UserException when a model a checker needs cannot be had (e.g. a Punkt folder without its files)
     */
    public Verdicts verify(List<Constraint> constraints, String response) {
        text.forgetRecent();
        Boolean[] strict = new Boolean[constraints.size()];
        Boolean[] loose = new Boolean[constraints.size()];
        List<String> errors = List.of();
        LooseVariants variants = null;
        // Checked once: a blank response follows nothing, whatever the constraint.
        boolean blank = PyText.isBlank(response);
        // Whether the response has no loose variant that a check could pass (then loose is strict).
        boolean noVariants = blank;
        for (int i = 0; i < strict.length; i++) {
            Constraint c = constraints.get(i);
            boolean s = false;
            boolean l = false;
            try {
                s = !blank && c.isFollowedBy(response, text);
                l = s;
                // A failing "at least" count that no variant can raise fails on them all (LooseVariantsFail).
                if (!s && !noVariants && !(c instanceof LooseVariantsFail f && f.variantsFailWith(response))) {
                    if (variants == null) {
                        noVariants = !anyVariantNotBlank(response);
                        if (!noVariants) variants = new LooseVariants(response);
                    }
                    // Built as far as a check needs them: the first variant that passes ends the search.
                    for (int k = 0; k < LooseVariants.COUNT && !l && variants != null; k++) {
                        String v = variants.get(k);
                        if (v != null) l = !variants.isBlank(k) && c.isFollowedBy(v, text);
                    }
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
            return !PyText.isBlank(response) && c.isFollowedBy(response, text);
        } catch (UserException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    /**
     * The loose variants other than the response itself, without duplicates. The reference joins
     * {@code response.split("\n")} without its first line, its last, or both; those are the text after the first
     * newline, before the last, and between the two, cut out here without splitting (a response of 100,000 lines
     * would otherwise cost as much as checking it).
     */
    public static List<String> looseVariants(String response) {
        LooseVariants all = new LooseVariants(response);
        List<String> variants = new ArrayList<>(LooseVariants.COUNT);
        for (int k = 0; k < LooseVariants.COUNT; k++) if (all.get(k) != null) variants.add(all.get(k));
        return List.copyOf(variants);
    }

    /**
     * False when every loose variant of the (not blank) response is blank, so none can pass: a response without a newline
     * and without a '*' has only its line-dropping variants, each empty. Two scans eight chars at a time, where building the
     * variants costs a table and a comparison each. True means only that some variant may be not blank.
     */
    static boolean anyVariantNotBlank(String response) {
        return PyText.indexOf(response, '\n', 0) >= 0 || PyText.indexOf(response, '*', 0) >= 0;
    }

    /**
     * One response's loose variants, in {@link #looseVariants}' order, each built (and checked for blankness) when first
     * asked for: a row whose failing checks pass on an early variant never builds the later ones.
     */
    private static final class LooseVariants {
        static final int COUNT = 7;
        private final String response;
        private final int first;
        private final int last;
        /** Without a '*', each star-removing candidate repeats the response or a line-dropping one, and is not built. */
        private final boolean hasStar;
        /** Each candidate once built, whether it is kept (repeats neither the response nor a kept one), whether blank. */
        private final String[] candidates = new String[COUNT];
        private final boolean[] kept = new boolean[COUNT];
        private final boolean[] blank = new boolean[COUNT];
        private int built;

        LooseVariants(String response) {
            this.response = response;
            this.first = PyText.indexOf(response, '\n', 0);
            this.last = first < 0 ? -1 : response.lastIndexOf('\n');
            this.hasStar = PyText.indexOf(response, '*', 0) >= 0;
        }

        /** The k-th candidate, or null where it repeats the response or an earlier variant. */
        String get(int k) {
            while (built <= k) {
                if (!hasStar && (built == 0 || built > 3)) {
                    kept[built++] = false;
                    continue;
                }
                String v = candidate(built);
                // Duplicates found by equals, not by hashing: hashing reads every char of each variant, where equals
                // mostly stops at a differing length.
                boolean repeated = v.equals(response);
                for (int j = 0; j < built && !repeated; j++) repeated = kept[j] && v.equals(candidates[j]);
                candidates[built] = v;
                kept[built] = !repeated;
                blank[built] = !repeated && PyText.isBlank(v);
                built++;
            }
            return kept[k] ? candidates[k] : null;
        }

        /** Whether the k-th candidate, already asked for, is blank (a blank response follows nothing). */
        boolean isBlank(int k) {
            return blank[k];
        }

        private String candidate(int k) {
            return switch (k) {
                case 0 -> PyText.without(response, '*');
                case 1 -> first < 0 ? "" : stripped(first + 1, response.length());
                case 2 -> last < 0 ? "" : stripped(0, last);
                case 3 -> first < last ? stripped(first + 1, last) : "";
                default -> PyText.without(candidates[k - 3], '*');
            };
        }

        /**
         * {@code PyText.strip(response.substring(from, to))}, cut out once. Char by char: every whitespace character is
         * in the BMP, and no surrogate is whitespace.
         */
        private String stripped(int from, int to) {
            while (from < to && PyText.isSpace(response.charAt(from))) from++;
            while (to > from && PyText.isSpace(response.charAt(to - 1))) to--;
            return response.substring(from, to);
        }
    }
}
