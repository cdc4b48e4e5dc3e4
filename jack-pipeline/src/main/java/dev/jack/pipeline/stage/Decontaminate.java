package dev.jack.pipeline.stage;

import dev.jack.core.OptionException;
import dev.jack.core.data.Decontamination;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.StageContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The decontamination {@code jack synth} and {@code jack ablate} take: evaluation sets ({@code ifeval}, {@code ifbench}
 * or file paths: see {@link dev.jack.core.data.DataLocations#evaluationSet}), the n-gram length and the share of an
 * evaluation prompt's n-grams that makes a training prompt overlap it ({@link Decontamination}). No sets: none.
 */
public record Decontaminate(List<String> sets, int ngram, double share) {
    public static final Decontaminate NONE = new Decontaminate(List.of(), Decontamination.DEFAULT_NGRAM, Decontamination.DEFAULT_SHARE);
    private static final Set<String> NAMED = Set.of("ifeval", "ifbench");

    public Decontaminate {
        sets = List.copyOf(sets);
        Check.atLeast("decontaminate_ngram", ngram, 1);
        if (!(share > 0 && share <= 1)) throw new OptionException("decontaminate_share", "expected a number > 0 and <= 1, got " + share);
    }

    public boolean active() {
        return !sets.isEmpty();
    }

    /** The sets given as files (named sets come from Jack's cache). */
    public List<Path> files() {
        return sets.stream().filter(s -> !NAMED.contains(s)).map(Path::of).toList();
    }

    /** The index of every set's prompts, read now; null when there are no sets. */
    public Decontamination load(StageContext context) {
        if (!active()) return null;
        List<String> prompts = new ArrayList<>();
        for (String set : sets) prompts.addAll(Decontamination.readPrompts(context.data().evaluationSet(set, context::note)));
        return Decontamination.of(prompts, ngram, share);
    }
}
