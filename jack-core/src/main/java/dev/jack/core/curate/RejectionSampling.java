package dev.jack.core.curate;

import dev.jack.core.Choices;
import dev.jack.core.data.CurationStats;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.text.Thinking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Preference pairs from n scored samples of one prompt, with a declared contrast: HIGH pairs the best
 * with the worst, LOW pairs adjacent reward levels (the smallest gap that is not zero), MIXED draws
 * HIGH for a set share of prompts. A pair never has equal rewards and its gap is at least the minimum;
 * a sample is used in one pair at most; choices among equals are drawn from a seed (or, with a
 * judge, the best-judged sample is chosen and the worst-judged rejected). A sample that may not be
 * chosen ({@link Flaw}) can still be rejected: the chosen one is the first choosable sample of its level.
 */
public final class RejectionSampling {
    public enum Contrast { HIGH, LOW, MIXED }

    /** A scored sample: its index among the prompt's samples, its reward, and whether it may be chosen. */
    public record Sample(int index, double reward, boolean choosable) {}

    /** A pair of sample indices, the contrast that made it, and both rewards. */
    public record Pair(int chosen, int rejected, double chosenReward, double rejectedReward, Contrast contrast) {}

    public record Options(Contrast contrast, double highShare, double minGap, int maxPairs, long seed) {
        public Options {
            if (maxPairs < 1) throw new IllegalArgumentException("at most pairs per prompt must be at least 1");
            if (minGap < 0) throw new IllegalArgumentException("the minimum gap must not be negative");
        }
    }

    private RejectionSampling() {}

    /**
     * What curating a scored file gave: the pairs (in prompt order, then pair order), prompts seen, prompts without a
     * pair, pairs dropped under the quality floor, samples read (each one LLM call) and their generated tokens, and the
     * samples that could not be chosen, by flaw.
     */
    public record Curated(List<PreferencePair> pairs, int prompts, int withoutPair, int belowFloor, long samples, long generatedTokens,
                          Map<Flaw, Integer> excluded) {
        /** The stats file's content for these pairs. */
        public CurationStats stats(Contrast contrast) {
            return CurationStats.rs(Choices.label(contrast), prompts, withoutPair, pairs.size(), samples, generatedTokens, Flaw.counts(excluded));
        }
    }

    /**
     * Pairs for every prompt of a scored file (samples grouped by key, in file order): the one function behind
     * {@code jack curate rs} and {@code jack ablate}'s contrast variants. The optional judge score breaks ties among
     * equal rewards and, with a quality floor, drops pairs whose chosen response scores below it. A pair's prompt is
     * the conversation its samples were drawn from (their system prompt included); its chosen and rejected texts are
     * the responses as {@code thinking} has them (both the same way).
     *
     * @param screen a sample's flaw, which keeps it from being chosen (null: it may be); null screens nothing
     * @throws IllegalArgumentException when a paired sample has no prompt
     */
    public static Curated curate(Map<Long, List<ScoredSample>> byKey, Options options, Thinking thinking, Function<ScoredSample, Flaw> screen,
                                 ToDoubleFunction<ScoredSample> judge, Double qualityFloor) {
        Map<Flaw, Integer> excluded = new EnumMap<>(Flaw.class);
        List<PreferencePair> out = new ArrayList<>();
        int withoutPair = 0;
        int belowFloor = 0;
        long generatedTokens = 0;
        long sampleCount = 0;
        for (Map.Entry<Long, List<ScoredSample>> e : byKey.entrySet()) {
            List<ScoredSample> rows = e.getValue();
            sampleCount += rows.size();
            long promptTokens = rows.stream().mapToLong(r -> r.sample().completionTokens() == null ? 0 : r.sample().completionTokens()).sum();
            generatedTokens += promptTokens;
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Flaw flaw = screen == null ? null : screen.apply(rows.get(i));
                if (flaw != null) excluded.merge(flaw, 1, Integer::sum);
                samples.add(new Sample(i, rows.get(i).reward(), flaw == null));
            }
            List<Pair> pairs = pairs(e.getKey(), samples, options, judge == null ? null : s -> judge.applyAsDouble(rows.get(s.index())));
            if (pairs.isEmpty()) withoutPair++;
            for (Pair p : pairs) {
                if (qualityFloor != null && judge.applyAsDouble(rows.get(p.chosen())) < qualityFloor) {
                    belowFloor++;
                    continue;
                }
                out.add(pair(rows.get(p.chosen()), rows.get(p.rejected()), p, thinking).withCost(rows.size(), promptTokens));
            }
        }
        return new Curated(out, byKey.size(), withoutPair, belowFloor, sampleCount, generatedTokens, excluded);
    }

    private static PreferencePair pair(ScoredSample chosen, ScoredSample rejected, Pair p, Thinking thinking) {
        var c = chosen.sample();
        var r = rejected.sample();
        if (c.prompt() == null) throw new IllegalArgumentException("sample " + c.key() + "/" + c.sampleIndex() + " has no prompt");
        return new PreferencePair(c.system(), c.prompt(), thinking.apply(c.reasoningContent(), c.response()),
                thinking.apply(r.reasoningContent(), r.response()), c.key(), chosen.instructionIds(), p.chosenReward(), p.rejectedReward(),
                chosen.rewardStrict(), rejected.rewardStrict(), chosen.rewardLoose(), rejected.rewardLoose(), Choices.label(p.contrast()), "rs",
                0, 0, 0, c.finishReason(), r.finishReason(), new PreferencePair.Sampled(c.sampleIndex(), r.sampleIndex(), c.seed(), r.seed(), c.params()), null, null, null);
    }

    /**
     * Pairs for one prompt (its key seeds the choices); empty when all samples score the same. The
     * optional judge scores samples to break ties among equal rewards.
     */
    public static List<Pair> pairs(long key, List<Sample> samples, Options o, ToDoubleFunction<Sample> judge) {
        SplittableRandom rng = new SplittableRandom(dev.jack.core.Seeds.prompt(o.seed(), key));
        Contrast contrast = o.contrast() != Contrast.MIXED ? o.contrast() : rng.nextDouble() < o.highShare() ? Contrast.HIGH : Contrast.LOW;
        // Reward levels, high to low; within a level, the order ties are broken in.
        TreeMap<Double, List<Sample>> levels = new TreeMap<>(Comparator.reverseOrder());
        for (Sample s : samples) levels.computeIfAbsent(s.reward(), r -> new ArrayList<>()).add(s);
        if (levels.size() < 2) return List.of();
        for (List<Sample> level : levels.values()) order(level, rng, judge);
        List<Pair> pairs = new ArrayList<>();
        List<Double> rewards = new ArrayList<>(levels.keySet());
        while (pairs.size() < o.maxPairs()) {
            Pair next = contrast == Contrast.HIGH ? highest(levels, rewards, o.minGap()) : closest(levels, rewards, o.minGap());
            if (next == null) break;
            pairs.add(new Pair(next.chosen(), next.rejected(), next.chosenReward(), next.rejectedReward(), contrast));
        }
        return pairs;
    }

    /** Shuffles a level by the seed, then (with a judge) sorts it best-judged first. */
    private static void order(List<Sample> level, SplittableRandom rng, ToDoubleFunction<Sample> judge) {
        for (int i = level.size() - 1; i > 0; i--) java.util.Collections.swap(level, i, rng.nextInt(i + 1));
        if (judge != null) level.sort(Comparator.comparingDouble(judge).reversed());
    }

    /** Best remaining choosable against worst remaining, if their gap is big enough; takes both out. */
    private static Pair highest(Map<Double, List<Sample>> levels, List<Double> rewards, double minGap) {
        Double top = null;
        Double bottom = null;
        for (double r : rewards) if (!levels.get(r).isEmpty()) {
            if (top == null && choosable(levels.get(r)) >= 0) top = r;
            bottom = r;
        }
        if (top == null || top.equals(bottom) || top - bottom < minGap) return null;
        return take(levels, top, bottom);
    }

    /**
     * The two adjacent remaining levels with the smallest gap that is at least minGap (and above 0), the upper one
     * holding a choosable sample.
     */
    private static Pair closest(Map<Double, List<Sample>> levels, List<Double> rewards, double minGap) {
        List<Double> present = rewards.stream().filter(r -> !levels.get(r).isEmpty()).toList();
        Double hi = null;
        Double lo = null;
        for (int i = 0; i + 1 < present.size(); i++) {
            double gap = present.get(i) - present.get(i + 1);
            if (gap > 0 && gap >= minGap && (hi == null || gap < hi - lo) && choosable(levels.get(present.get(i))) >= 0) {
                hi = present.get(i);
                lo = present.get(i + 1);
            }
        }
        return hi == null ? null : take(levels, hi, lo);
    }

    /** The position of a level's first choosable sample, or -1. */
    private static int choosable(List<Sample> level) {
        for (int i = 0; i < level.size(); i++) if (level.get(i).choosable()) return i;
        return -1;
    }

    private static Pair take(Map<Double, List<Sample>> levels, double hi, double lo) {
        List<Sample> high = levels.get(hi);
        Sample chosen = high.remove(choosable(high));
        List<Sample> low = levels.get(lo);
        Sample rejected = low.removeLast();
        return new Pair(chosen.index(), rejected.index(), hi, lo, null);
    }
}
