package dev.jack.core.synth;

import dev.jack.core.Seeds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Train and test splits for measuring generalization: base tasks are divided between them (never
 * shared), and optionally a share of the allowed constraint pairs is kept out of the train split, so
 * the test split can contain combinations training never saw.
 */
public final class SplitPlan {
    private SplitPlan() {}

    /** One output: its name ("" for a single file), base tasks, prompt count and pairs it must avoid. */
    public record Part(String name, List<BaseTask> tasks, int count, Set<String> heldOutPairs) {}

    public static List<Part> trainTest(List<BaseTask> tasks, int count, double testFraction, double holdoutPairs, long seed) {
        List<BaseTask> train = new ArrayList<>();
        List<BaseTask> test = new ArrayList<>();
        for (BaseTask t : tasks) (Seeds.unit(seed, t.text().hashCode()) < testFraction ? test : train).add(t);
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("too few base tasks (" + tasks.size() + ") to split at " + testFraction);
        }
        Set<String> heldOut = new HashSet<>();
        for (String pair : SynthStats.allowedPairs()) {
            if (Seeds.unit(seed + 1, pair.hashCode()) < holdoutPairs) heldOut.add(pair);
        }
        int testCount = (int) Math.round(count * testFraction);
        return List.of(new Part("train", train, count - testCount, Set.copyOf(heldOut)),
                new Part("test", test, testCount, Set.of()));
    }
}
