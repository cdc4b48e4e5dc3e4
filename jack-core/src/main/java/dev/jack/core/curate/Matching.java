package dev.jack.core.curate;

import dev.jack.core.Seeds;
import dev.jack.core.data.PreferencePair;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How the ablations make their arms comparable: every arm of a comparison keeps, for each group (a prompt, a
 * reward-gap bin, or both), as many pairs as the arm with the fewest there, so the arms end with the same groups and
 * the same count in each; which pairs a larger arm keeps is drawn from the seed. Arms keep their pairs' order.
 */
public final class Matching {
    private Matching() {}

    /** The reward-gap bin of a gap: {@code floor(gap / width)}, a hair of slack so that 0.3 / 0.1 lands in bin 3. */
    public static int gapBin(double gap, double width) {
        return (int) Math.floor(gap / width + 1e-9);
    }

    /** Group key: a prompt and a gap bin. */
    private record PromptBin(long key, int bin) implements Comparable<PromptBin> {
        public int compareTo(PromptBin o) {
            return key != o.key ? Long.compare(key, o.key) : Integer.compare(bin, o.bin);
        }
    }

    /** Per prompt: every arm keeps its first pairs of the prompt, as many as the arm with the fewest has (0 when one has none). */
    public static List<List<PreferencePair>> byPrompt(List<List<PreferencePair>> arms) {
        return match(arms, PreferencePair::key, null);
    }

    /** Per prompt and gap bin (bins {@code width} wide): the same count in every arm, drawn by the seed. */
    public static List<List<PreferencePair>> byPromptAndGap(List<List<PreferencePair>> arms, double width, long seed) {
        return match(arms, p -> new PromptBin(p.key(), gapBin(p.rewardGap(), width)), seed);
    }

    /**
     * Per gap bin only (the arms hold different prompts, as difficulty tiers do): the same count in every arm that has
     * pairs at all, drawn by the seed; an empty arm stays empty and does not empty the others.
     */
    public static List<List<PreferencePair>> byGap(List<List<PreferencePair>> arms, double width, long seed) {
        List<List<PreferencePair>> nonEmpty = arms.stream().filter(a -> !a.isEmpty()).toList();
        List<List<PreferencePair>> matched = match(nonEmpty, p -> gapBin(p.rewardGap(), width), seed);
        List<List<PreferencePair>> out = new ArrayList<>();
        int next = 0;
        for (List<PreferencePair> arm : arms) out.add(arm.isEmpty() ? List.of() : matched.get(next++));
        return out;
    }

    /**
     * Keeps the pairs whose chosen and rejected responses differ in length by at most {@code tolerance} of the longer
     * one (in characters), the length control DPO data needs since DPO learns length.
     */
    public static List<PreferencePair> similarLength(List<PreferencePair> pairs, double tolerance) {
        return pairs.stream().filter(p -> Math.abs(p.chosen().length() - p.rejected().length())
                <= tolerance * Math.max(p.chosen().length(), p.rejected().length())).toList();
    }

    /** Each arm's pairs that fall in the groups every arm has, as many per group as the arm with the fewest there. */
    private static <G extends Comparable<G>> List<List<PreferencePair>> match(List<List<PreferencePair>> arms, Function<PreferencePair, G> group,
                                                                             Long seed) {
        List<Map<G, List<Integer>>> grouped = new ArrayList<>();
        for (List<PreferencePair> arm : arms) {
            Map<G, List<Integer>> byGroup = new TreeMap<>();
            for (int i = 0; i < arm.size(); i++) byGroup.computeIfAbsent(group.apply(arm.get(i)), g -> new ArrayList<>()).add(i);
            grouped.add(byGroup);
        }
        TreeMap<G, Integer> counts = new TreeMap<>();
        if (!grouped.isEmpty()) {
            for (G g : grouped.getFirst().keySet()) {
                int min = Integer.MAX_VALUE;
                for (Map<G, List<Integer>> arm : grouped) min = Math.min(min, arm.getOrDefault(g, List.of()).size());
                if (min > 0) counts.put(g, min);
            }
        }
        List<List<PreferencePair>> out = new ArrayList<>();
        for (int a = 0; a < arms.size(); a++) {
            Random random = seed == null ? null : Seeds.shuffler(seed + a);
            List<Integer> kept = new ArrayList<>();
            for (Map.Entry<G, Integer> e : counts.entrySet()) {
                List<Integer> members = new ArrayList<>(grouped.get(a).get(e.getKey()));
                if (random != null) Collections.shuffle(members, random);
                kept.addAll(members.subList(0, e.getValue()));
            }
            Collections.sort(kept);
            List<PreferencePair> arm = arms.get(a);
            out.add(kept.stream().map(arm::get).toList());
        }
        return out;
    }
}
