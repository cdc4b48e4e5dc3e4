package dev.jack.pipeline.stage;

import dev.jack.core.Choices;
import dev.jack.core.curate.Flaw;
import dev.jack.core.curate.MinimalEdits;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.CurationStats;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PairFormat;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.data.Sample;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * {@code jack curate edit}: verified minimal-edit pairs ({@link MinimalEdits}) from the sampled responses of each
 * prompt: a real response and a copy edited to break one constraint it followed (or to repair the one it failed), kept
 * only when the checkers confirm the two differ in that constraint alone. Written as TRL rows like {@code curate rs}'s,
 * with {@code method} and {@code contrast} {@code edit}, the shared prefix of the two texts, both the sample's index
 * and seed (the same), and {@code edit}: the constraint, the operation and the direction ({@code break} or
 * {@code repair}); the run's counts in {@code OUT.stats.json}. Responses are verified again, so a samples file works
 * as well as a scored one. What is checked, edited and paired is each response as {@code thinking} has it ({@link
 * Thinking}: with strip, the final answer; with keep, the whole text, {@code reasoning_content} put back in front), as
 * {@code jack score} and {@code jack curate mcts} check it. A response cut off at the token limit, with an empty answer
 * or with control-token text ({@link Flaw}) is not used at all unless {@code allowTruncated}: both texts of an edit pair
 * come from it, so its flaw would be in the chosen one; the stats count these responses in {@code excluded_from_chosen}.
 * A pair's prompt is the conversation its sample was drawn from, system prompt included.
 */
public record EditStage(Path prompts, Path scored, Path out, Options options) implements Stage {
    /**
     * Which edits (break, repair, both), pairs per prompt at most, the seed (which constraint is tried first), the reward
     * written in the rows and whether it is all or nothing (with a loose reward the rejected response must also fail
     * loose checking), the output format, Parquet, the Punkt folder (null: Jack's own), what happens to a reasoning
     * model's thinking (in checking, editing and the pairs), and whether flawed responses may be used.
     */
    public record Options(MinimalEdits.Mode mode, int maxPairs, long seed, Reward reward, boolean allOrNothing, PairFormat format, boolean parquet,
                          Path punktDir, Thinking thinking, boolean allowTruncated) {
        public Options {
            Check.atLeast("max_pairs", maxPairs, 1);
        }
    }

    @Override
    public String name() {
        return "edit";
    }

    @Override
    public Record settings() {
        return options;
    }

    @Override
    public List<Path> inputs() {
        return Inputs.of(prompts, scored, Inputs.punkt(options.punktDir()));
    }

    @Override
    public List<Path> outputs() {
        return List.of(out, CurationStats.pathFor(out), Inputs.replaceJsonl(out, ".parquet"));
    }

    /**
     * One prompt's outcome: its pairs, whether all its samples scored the same, the samples left out, by flaw, and the
     * checks that could not run on its responses.
     */
    private record Outcome(List<PreferencePair> pairs, boolean flat, Map<Flaw, Integer> excluded, List<String> checkerErrors) {}

    @Override
    public Status run(StageContext context) {
        Map<Long, IfevalPrompt> byKey = ScoreStage.promptsByKey(prompts);
        Map<Long, List<Sample>> samples = new LinkedHashMap<>();
        JsonlReader.forEach(scored, row -> {
            Sample s = Sample.read(row);
            if (!byKey.containsKey(s.key())) throw row.error("key", "no prompt with key " + s.key() + " in " + prompts);
            if (s.response() == null) throw row.error("response", "is missing");
            if (s.prompt() != null && !s.prompt().equals(byKey.get(s.key()).prompt())) {
                throw row.error("prompt", "is not the prompt with key " + s.key() + " in " + prompts + " (sampled from another version of the prompts?)");
            }
            options.format().checkHolds(s.system());
            samples.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);
        });
        Verifier verifier = new Verifier(context.text(options.punktDir()));
        List<Long> keys = List.copyOf(samples.keySet());
        Outcome[] outcomes = new Outcome[keys.size()];
        MinimalEdits.Options edits = new MinimalEdits.Options(options.mode(), options.maxPairs(), options.seed(), options.reward() == Reward.LOOSE);
        IntStream.range(0, keys.size()).parallel().forEach(i -> outcomes[i] = edit(byKey.get(keys.get(i)), samples.get(keys.get(i)), verifier, edits));

        List<PreferencePair> pairs = new ArrayList<>();
        int withoutPair = 0;
        int flat = 0;
        int flatWithPair = 0;
        long calls = 0;
        long tokens = 0;
        Map<String, Integer> byConstraint = new TreeMap<>();
        Map<Flaw, Integer> excluded = new EnumMap<>(Flaw.class);
        for (int i = 0; i < outcomes.length; i++) {
            List<Sample> rows = samples.get(keys.get(i));
            calls += rows.size();
            tokens += rows.stream().mapToLong(r -> r.completionTokens() == null ? 0 : r.completionTokens()).sum();
            pairs.addAll(outcomes[i].pairs());
            outcomes[i].excluded().forEach((flaw, n) -> excluded.merge(flaw, n, Integer::sum));
            if (outcomes[i].pairs().isEmpty()) withoutPair++;
            if (outcomes[i].flat()) {
                flat++;
                if (!outcomes[i].pairs().isEmpty()) flatWithPair++;
            }
            for (PreferencePair p : outcomes[i].pairs()) byConstraint.merge(String.valueOf(((Map<?, ?>) p.other().get("edit")).get("constraint")), 1, Integer::sum);
        }
        Arrays.stream(outcomes).flatMap(o -> o.checkerErrors().stream()).sorted()
                .forEach(e -> context.note("warning: " + e + " (counted as not followed; no edit pair made from that response)"));
        CurationStats stats = new CurationStats("edit", "edit", null, null, keys.size(), withoutPair, pairs.size(), null, null, calls, tokens,
                pairs.isEmpty() ? null : (double) calls / pairs.size(), pairs.isEmpty() ? null : (double) tokens / pairs.size(), Flaw.counts(excluded));
        Pairs.write(out, pairs, options.format(), options.parquet(), stats);
        context.out().printf("%d prompts: %d pairs, %d prompts without a pair; %d of the %d prompts whose samples all scored the same gave a pair; wrote %s and %s%n",
                keys.size(), pairs.size(), withoutPair, flatWithPair, flat, out, CurationStats.pathFor(out));
        if (!byConstraint.isEmpty()) context.out().println("  pairs by constraint: " + byConstraint);
        context.out().println(RsStage.excludedLine(stats, "samples", options.allowTruncated()));
        return Status.DONE;
    }

    private Outcome edit(IfevalPrompt prompt, List<Sample> rows, Verifier verifier, MinimalEdits.Options edits) {
        List<String> texts = rows.stream().map(s -> options.thinking().apply(s.reasoningContent(), s.response())).toList();
        List<Verdicts> verdicts = texts.stream().map(t -> verifier.verify(prompt.constraints(), t)).toList();
        List<String> checkerErrors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            for (String e : verdicts.get(i).errors()) checkerErrors.add("prompt key " + prompt.key() + ", sample " + rows.get(i).sampleIndex() + ": " + e);
        }
        // A flawed response is left out (null) of the edits, never out of the verdicts that say whether the prompt is flat.
        Map<Flaw, Integer> excluded = new EnumMap<>(Flaw.class);
        List<String> responses = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Flaw flaw = options.allowTruncated() ? null : ScoreStage.flaw(rows.get(i), null);
            if (flaw != null) excluded.merge(flaw, 1, Integer::sum);
            responses.add(flaw == null ? texts.get(i) : null);
        }
        boolean all = options.allOrNothing();
        boolean flat = verdicts.stream().map(v -> options.reward().of(v, all)).distinct().count() == 1;
        long tokens = rows.stream().mapToLong(r -> r.completionTokens() == null ? 0 : r.completionTokens()).sum();
        List<PreferencePair> pairs = new ArrayList<>();
        for (MinimalEdits.Pair p : MinimalEdits.pairs(prompt.key(), prompt.constraints(), responses, verdicts, verifier, edits)) {
            Sample s = rows.get(p.response());
            Verdicts c = p.chosenVerdicts();
            Verdicts r = p.rejectedVerdicts();
            Map<String, Object> edit = new LinkedHashMap<>();
            edit.put("constraint", prompt.instructionIds().get(p.constraint()));
            edit.put("operation", p.operation());
            edit.put("direction", Choices.label(p.direction()));
            int prefix = 0;
            while (prefix < Math.min(p.chosen().length(), p.rejected().length()) && p.chosen().charAt(prefix) == p.rejected().charAt(prefix)) prefix++;
            pairs.add(new PreferencePair(s.system(), s.prompt() != null ? s.prompt() : prompt.prompt(), p.chosen(), p.rejected(), prompt.key(), prompt.instructionIds(),
                    options.reward().of(c, all), options.reward().of(r, all), Reward.STRICT.of(c, all), Reward.STRICT.of(r, all), Reward.LOOSE.of(c, all),
                    Reward.LOOSE.of(r, all), "edit", "edit", 0, prefix, null, s.finishReason(), s.finishReason(),
                    new PreferencePair.Sampled(s.sampleIndex(), s.sampleIndex(), s.seed(), s.seed(), s.params()), null, null, Map.of("edit", edit))
                    .withCost(rows.size(), tokens));
        }
        return new Outcome(pairs, flat, excluded, checkerErrors);
    }
}
