package dev.jack.core.synth;

import dev.jack.core.Seeds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Train and test splits for measuring generalization: base tasks are divided between them (never
 * shared); optionally a share of the allowed constraint pairs is kept out of the train split, so the test
 * split can contain combinations training never saw; and optionally whole catalogs are (IFBench's
 * constraints are a test of generalization to constraints never trained on, as its authors intend).
 */
public final class SplitPlan {
    private SplitPlan() {}

    /**
     * One output: its name ("" for a single file), base tasks, prompt count, the pairs it must avoid, and
     * the constraint ids it draws from ({@link Synthesizer.Options#constraints()}).
     */
    public record Part(String name, List<BaseTask> tasks, int count, Set<String> heldOutPairs, List<String> constraints) {
        public Part {
            tasks = List.copyOf(tasks);
            heldOutPairs = Set.copyOf(heldOutPairs);
            constraints = List.copyOf(constraints);
        }
    }

    /**
     * A train and a test part. The train part draws from {@code constraints} without {@code heldOutConstraints}
     * and avoids {@code holdoutPairs} of its allowed pairs; the test part draws from both lists (so a held-out
     * catalog need not be in {@code constraints}) and avoids nothing.
     *
     * @throws IllegalArgumentException when either part would get no base task
     */
    public static List<Part> trainTest(List<BaseTask> tasks, int count, double testFraction, double holdoutPairs, long seed,
                                       List<String> constraints, List<String> heldOutConstraints) {
        List<BaseTask> train = new ArrayList<>();
        List<BaseTask> test = new ArrayList<>();
        for (BaseTask t : tasks) (Seeds.unit(seed, t.text().hashCode()) < testFraction ? test : train).add(t);
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("too few base tasks (" + tasks.size() + ") to split at " + testFraction);
        }
        List<String> trainConstraints = constraints.stream().filter(id -> !heldOutConstraints.contains(id)).toList();
        Set<String> testConstraints = new LinkedHashSet<>(constraints);
        testConstraints.addAll(heldOutConstraints);
        Set<String> heldOut = new HashSet<>();
        for (String pair : SynthStats.allowedPairs(trainConstraints)) {
            if (Seeds.unit(seed + 1, pair.hashCode()) < holdoutPairs) heldOut.add(pair);
        }
        int testCount = (int) Math.round(count * testFraction);
        return List.of(new Part("train", train, count - testCount, heldOut, trainConstraints),
                new Part("test", test, testCount, Set.of(), List.copyOf(testConstraints)));
    }
}
