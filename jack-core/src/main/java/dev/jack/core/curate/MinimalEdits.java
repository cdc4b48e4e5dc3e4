package dev.jack.core.curate;

import dev.jack.core.Seeds;
import dev.jack.core.UserException;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.Edit;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.PyText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Verified minimal-edit preference pairs from real responses: the response and a copy of it edited so that it differs
 * in exactly one constraint. From a response that follows every constraint (strict), a <em>break</em> edit makes the
 * rejected one ({@link Constraint#breaks}); from one that fails exactly one constraint (strict and loose), a
 * <em>repair</em> edit makes the chosen one ({@link Constraint#repairs}). Every candidate edit is checked with every
 * constraint of the prompt, and a pair is kept only when the chosen response follows all of them (strict) and the
 * rejected one fails the named constraint (strict, and with {@code loose} also under IFEval's loose checking, so that
 * a loose reward cannot tie them) while following all the others (strict): see {@link #differsOnlyIn}. So prompts whose samples all scored the same still give pairs. Which constraint is tried
 * first is drawn from the seed and the prompt's key; responses are tried in their order, each used once.
 */
public final class MinimalEdits {
    private MinimalEdits() {}

    /** Which edits to make: breaks, repairs, or both. */
    public enum Mode { BREAK, REPAIR, BOTH }

    /** How a pair was made: by breaking a response that followed every constraint, or repairing one that failed one. */
    public enum Direction { BREAK, REPAIR }

    /**
     * The edits to make, pairs per prompt at most (at least 1), the seed, and whether the rejected response must fail
     * the named constraint under loose checking too (for loose rewards).
     */
    public record Options(Mode mode, int maxPairs, long seed, boolean loose) {
        public Options {
            if (maxPairs < 1) throw new IllegalArgumentException("at most pairs per prompt must be at least 1");
        }
    }

    /**
     * One verified pair: the index of the response it came from, the index of the constraint the two differ in, the
     * edit's operation, its direction, both texts and both verdicts.
     */
    public record Pair(int response, int constraint, String operation, Direction direction, String chosen, String rejected,
                       Verdicts chosenVerdicts, Verdicts rejectedVerdicts) {}

    /**
     * Whether {@code rejected} differs from {@code chosen} in constraint {@code i} only: chosen follows every
     * constraint (strict), rejected fails constraint i (strict, and with {@code loose} also loose) and follows every
     * other one (strict).
     */
    public static boolean differsOnlyIn(Verdicts chosen, Verdicts rejected, int i, boolean loose) {
        if (!chosen.allStrict() || rejected.strict().get(i) || loose && rejected.loose().get(i)) return false;
        for (int j = 0; j < rejected.strict().size(); j++) if (j != i && !rejected.strict().get(j)) return false;
        return true;
    }

    /**
     * The verified pairs of one prompt's responses, at most {@code maxPairs}, in the order the responses come; a null or
     * blank response gives none (a caller leaves out a response it may not use as null, keeping the indices).
     */
    public static List<Pair> pairs(long key, List<Constraint> constraints, List<String> responses, Verifier verifier, Options options) {
        return pairs(key, constraints, responses, responses.stream().map(r -> verifier.verify(constraints, r == null ? "" : r)).toList(), verifier, options);
    }

    /** As {@link #pairs(long, List, List, Verifier, Options)}, with the responses' verdicts already at hand. */
    public static List<Pair> pairs(long key, List<Constraint> constraints, List<String> responses, List<Verdicts> verdicts, Verifier verifier,
                                   Options options) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) order.add(i);
        SplittableRandom rng = new SplittableRandom(Seeds.prompt(options.seed(), key));
        for (int i = order.size() - 1; i > 0; i--) Collections.swap(order, i, rng.nextInt(i + 1));
        List<Pair> pairs = new ArrayList<>();
        for (int r = 0; r < responses.size() && pairs.size() < options.maxPairs(); r++) {
            String response = responses.get(r);
            Verdicts v = verdicts.get(r);
            // A verdict that a checker could not give is no ground for a verified pair.
            if (response == null || PyText.isBlank(response) || !v.errors().isEmpty()) continue;
            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < constraints.size(); i++) if (!v.strict().get(i)) failed.add(i);
            Pair pair = null;
            if (failed.isEmpty() && options.mode() != Mode.REPAIR) {
                // Rotate so that a prompt's later pairs start at other constraints.
                for (int k = 0; k < order.size() && pair == null; k++) {
                    int i = order.get((k + pairs.size()) % order.size());
                    Constraint c = constraints.get(i);
                    pair = verified(constraints, verifier, options, r, i, Direction.BREAK, response, v, candidates(() -> c.breaks(response, verifier.text())));
                }
            } else if (failed.size() == 1 && !(options.loose() && v.loose().get(failed.getFirst())) && options.mode() != Mode.BREAK) {
                int i = failed.getFirst();
                Constraint c = constraints.get(i);
                pair = verified(constraints, verifier, options, r, i, Direction.REPAIR, response, v, candidates(() -> c.repairs(response, verifier.text())));
            }
            if (pair != null) pairs.add(pair);
        }
        return pairs;
    }

    /**
     * A constraint's candidate edits, or none when its edit code throws: like a checker that throws ({@link Verifier}),
     * one response can never stop a run; it just gives no pair.
     */
    private static List<Edit> candidates(Supplier<List<Edit>> edits) {
        try {
            return edits.get();
        } catch (UserException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    /** The first candidate edit that passes {@link #differsOnlyIn}, as a pair; null when none does. */
    private static Pair verified(List<Constraint> constraints, Verifier verifier, Options options, int r, int i, Direction direction, String response,
                                 Verdicts original, List<Edit> candidates) {
        for (Edit e : candidates) {
            if (e.response().equals(response) || PyText.isBlank(e.response())) continue;
            Verdicts edited = verifier.verify(constraints, e.response());
            if (!edited.errors().isEmpty()) continue;
            if (direction == Direction.BREAK && differsOnlyIn(original, edited, i, options.loose())) {
                return new Pair(r, i, e.operation(), direction, response, e.response(), original, edited);
            }
            if (direction == Direction.REPAIR && differsOnlyIn(edited, original, i, options.loose())) {
                return new Pair(r, i, e.operation(), direction, e.response(), response, edited, original);
            }
        }
        return null;
    }
}
