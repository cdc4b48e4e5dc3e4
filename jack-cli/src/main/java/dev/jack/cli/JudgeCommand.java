package dev.jack.cli;

import dev.jack.judge.AccuracyJudge;
import dev.jack.judge.CritiqueSet;
import dev.jack.pipeline.IntRange;
import dev.jack.pipeline.stage.AccuracyStage;
import dev.jack.pipeline.stage.CritiquesStage;
import dev.jack.pipeline.stage.CrossEvalStage;
import dev.jack.pipeline.stage.GuardStage;
import dev.jack.pipeline.stage.RationaleStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jack judge}: LLM judges, reward accuracy, CrossEval-style evaluation and Llama Guard screening (the judge stages). */
@Command(name = "judge", mixinStandardHelpOptions = true, description = "Judges beyond verifiers.",
        subcommands = {JudgeCommand.Accuracy.class, JudgeCommand.CrossEvalCommand.class, JudgeCommand.Guard.class,
                JudgeCommand.Critiques.class, JudgeCommand.Rationale.class})
final class JudgeCommand {
    @ParentCommand
    Main main;

    /** {@code jack judge accuracy}: {@link AccuracyStage}. */
    @Command(name = "accuracy", mixinStandardHelpOptions = true,
            description = "Reward accuracy on preference pairs (prompt, chosen, rejected, subset), RewardBench style; Jack's pairs files are accepted as they are.")
    static final class Accuracy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        JudgeCommand judge;

        @Mixin
        ModelFlags model;

        @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "JSONL with prompt, chosen, rejected (strings or chat turns), and optionally subset and id; without a subset a row counts in one named after the file.")
        Path pairs;

        @Option(names = "--rewards", paramLabel = "FILE", description = "Precomputed rewards: JSONL with chosen_score and rejected_score per pair (by id, else by line).")
        Path rewards;

        @Option(names = "--judge", defaultValue = "pairwise", description = "With --backend: pairwise (win 1, loss 0, tie 0.5) or pointwise (scalar scores) (default: ${DEFAULT-VALUE}).")
        AccuracyJudge.Mode mode;

        @Option(names = "--both-orders", description = "Pairwise only: ask in both A/B orders and average.")
        boolean bothOrders;

        @Option(names = "--sections", paramLabel = "FILE", description = "JSON object: section -> list of subsets. Default: one section per subset.")
        Path sections;

        @Option(names = "--seed", defaultValue = "1", description = "Seed for A/B order and sampling (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--max-tokens", defaultValue = "1024", description = "Longest answer the judge may write (default: ${DEFAULT-VALUE}); a cut-off answer has no verdict.")
        int maxTokens;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Report JSON.")
        Path out;

        @Override
        public Integer call() {
            return judge.main.run(spec, new AccuracyStage(pairs, rewards, sections, out,
                    new AccuracyStage.Options(mode, bothOrders, seed, maxTokens), model.options()));
        }
    }

    /** {@code jack judge crosseval}: {@link CrossEvalStage}. */
    @Command(name = "crosseval", mixinStandardHelpOptions = true,
            description = "CrossEval-style evaluation: a judge rates responses against expert-rated references.")
    static final class CrossEvalCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        JudgeCommand judge;

        @Mixin
        ModelFlags model;

        @Option(names = "--table", required = true, paramLabel = "FILE", description = "The CrossEval table as JSONL (see the README for its columns).")
        Path table;

        @Option(names = "--responses", paramLabel = "FILE", description = "The model's responses: JSONL with prompt_id and response.")
        Path responses;

        @Option(names = "--agreement", description = "Also judge every reference (leaving it out of the prompt) and report judge-human agreement.")
        boolean agreement;

        @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--max-tokens", defaultValue = "2048", description = "Longest answer the judge may write (default: ${DEFAULT-VALUE}).")
        int maxTokens;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Report JSON.")
        Path out;

        @Override
        public Integer call() {
            return judge.main.run(spec, new CrossEvalStage(table, responses, out, new CrossEvalStage.Options(agreement, seed, maxTokens), model.options()));
        }
    }

    /** {@code jack judge guard}: {@link GuardStage}. */
    @Command(name = "guard", mixinStandardHelpOptions = true,
            description = "Screens prompts and responses with Llama Guard 3 (served at --backend): marks or drops unsafe rows.")
    static final class Guard implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        JudgeCommand judge;

        @Mixin
        ModelFlags model;

        @Option(names = "--input", required = true, paramLabel = "FILE", description = "Any Jack JSONL dataset.")
        Path input;

        @Option(names = "--prompt-field", defaultValue = "prompt", description = "Default: ${DEFAULT-VALUE}.")
        String promptField;

        @Option(names = "--response-fields", split = ",", defaultValue = "response,chosen,rejected",
                description = "Fields holding responses, checked when present (default: ${DEFAULT-VALUE}).")
        List<String> responseFields;

        @Option(names = "--drop", description = "Leave out rows where anything is unsafe (default: keep them, marked).")
        boolean drop;

        @Option(names = "--max-tokens", defaultValue = "20", description = "Longest answer Llama Guard may write (default: ${DEFAULT-VALUE}).")
        int maxTokens;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The dataset with a \"safety\" field per row.")
        Path out;

        @Override
        public Integer call() {
            return judge.main.run(spec, new GuardStage(input, out, new GuardStage.Options(promptField, responseFields, drop, maxTokens), model.options()));
        }
    }

    /** {@code jack judge critiques}: {@link CritiquesStage}. */
    @Command(name = "critiques", mixinStandardHelpOptions = true,
            description = "Builds a critique training set (Critic-RM style) from preference pairs: m critiques per response, kept when they agree with the preference, then refined.")
    static final class Critiques implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        JudgeCommand judge;

        @Mixin
        ModelFlags model;

        @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "JSONL with prompt, chosen, rejected (and optionally id); Jack's pairs files are accepted.")
        Path pairs;

        @Option(names = "--m", defaultValue = "4", description = "Critiques sampled per response (default: ${DEFAULT-VALUE}).")
        int m;

        @Option(names = "--temperature", defaultValue = "1.0", description = "Default: ${DEFAULT-VALUE}.")
        double temperature;

        @Option(names = "--refine", defaultValue = "none", description = "none, topk (keep --k by an LLM ranking) or merge (one summary critique) (default: ${DEFAULT-VALUE}).")
        CritiqueSet.Refine refine;

        @Option(names = "--k", defaultValue = "2", description = "Critiques kept per response with --refine topk (default: ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--prompts-dir", paramLabel = "DIR", description = "Folder whose pointwise.txt, rank.txt or merge.txt replace Jack's judge prompts.")
        Path promptsDir;

        @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--max-tokens", defaultValue = "1024", description = "Longest answer the judge may write (default: ${DEFAULT-VALUE}); a cut-off critique has no score.")
        int maxTokens;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Training rows: pair_id, side, prompt, response, critique, score.")
        Path out;

        @Override
        public Integer call() {
            return judge.main.run(spec, new CritiquesStage(pairs, out, new CritiquesStage.Options(m, temperature, refine, k, promptsDir, seed, maxTokens),
                    model.options()));
        }
    }

    /** {@code jack judge rationale}: {@link RationaleStage}. */
    @Command(name = "rationale", mixinStandardHelpOptions = true,
            description = "Rationale quality of critiques: comprehensiveness, sufficiency and leakage-adjusted simulatability.")
    static final class Rationale implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        JudgeCommand judge;

        @Mixin
        ModelFlags model;

        @Option(names = "--critiques", required = true, paramLabel = "FILE", description = "JSONL with prompt, response, critique and score (as jack judge critiques writes).")
        Path critiques;

        @Option(names = "--scale", defaultValue = "1-10", description = "The score scale (default: ${DEFAULT-VALUE}).")
        IntRange scale;

        @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds for the simulator, at least 2 (default: ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--max-tokens", defaultValue = "1024", description = "Longest answer the judge may write (default: ${DEFAULT-VALUE}).")
        int maxTokens;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Report JSON.")
        Path out;

        @Override
        public Integer call() {
            return judge.main.run(spec, new RationaleStage(critiques, out, new RationaleStage.Options(scale, folds, maxTokens), model.options()));
        }
    }
}
