package dev.jack.cli;

import dev.jack.core.data.PairFormat;
import dev.jack.judge.AccuracyJudge;
import dev.jack.judge.CritiqueSet;
import dev.jack.judge.CrossEval;
import dev.jack.judge.LlamaGuard;
import dev.jack.judge.RewardBench;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

        @Option(names = "--sections", paramLabel = "FILE", description = "JSON object: section -> list of subsets, or {\"sections\": {...}, \"example_counts\": {subset: n}} to weigh subsets by given counts. Default: one section per subset, or RewardBench's with --rewardbench.")
        Path sections;

        @Option(names = "--rewardbench", paramLabel = "VERSION", description = "The pairs are laid out as RewardBench's: v1 (its sections and example-count weights built in) or v2 (best-of-4 rows with chosen and rejected lists; Ties scored by its own rule).")
        RewardBench.Version rewardbench;

        @Option(names = "--seed", defaultValue = "1", description = "Seed for A/B order and sampling (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--max-tokens", defaultValue = "1024", description = "Longest answer the judge may write (default: ${DEFAULT-VALUE}); a cut-off answer has no verdict.")
        int maxTokens;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Report JSON.")
        Path out;

        @Override
        public Integer call() {
            return judge.main.run(spec, new AccuracyStage(pairs, rewards, sections, out,
                    new AccuracyStage.Options(mode, bothOrders, seed, maxTokens, rewardbench), model.options()));
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

        @Option(names = "--table", required = true, paramLabel = "FILE", description = "The CrossEval table as JSONL with the released fields (see the README).")
        Path table;

        @Option(names = "--field", paramLabel = "NAME=FIELD", description = "A released field held under another name in --table (repeatable), e.g. l1_category=area.")
        Map<String, String> fields = new LinkedHashMap<>();

        @Option(names = "--responses", paramLabel = "FILE", description = "The model's responses: JSONL with prompt_id and response.")
        Path responses;

        @Option(names = "--agreement", description = "Also judge every reference (leaving it out of the prompt) and report judge-human agreement.")
        boolean agreement;

        @Option(names = "--attachments", paramLabel = "DIR", description = "Folder holding the attached files under their file names (else they are downloaded once into Jack's cache).")
        Path attachments;

        @Option(names = "--prompts-dir", paramLabel = "DIR", description = "Folder whose crosseval-system.txt or crosseval.txt replace Jack's judge prompts.")
        Path promptsDir;

        @Option(names = "--seed", defaultValue = "42", description = "The judge's seed, the same for every request, as in the reference (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--max-tokens", defaultValue = "4096", description = "Longest answer the judge may write (default: ${DEFAULT-VALUE}, the reference's).")
        int maxTokens;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Report JSON; the ratings and explanations go to OUT.items.jsonl beside it.")
        Path out;

        @Override
        public Integer call() {
            return judge.main.run(spec, new CrossEvalStage(table, responses, out, new CrossEvalStage.Options(new CrossEval.Layout(fields), agreement, seed,
                    maxTokens, attachments, promptsDir), model.options()));
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

        @Option(names = "--prompt-format", defaultValue = "messages", description = "messages (the conversation as chat messages; the server's template builds the task) or raw (Jack renders the task and sends it through the completions endpoint) (default: ${DEFAULT-VALUE}).")
        LlamaGuard.PromptFormat promptFormat;

        @Option(names = "--categories", defaultValue = "auto", paramLabel = "auto|8b|1b|FILE", description = "Hazard categories: 8b (Llama Guard 3 8B's S1-S14), 1b (1B's S1-S13), auto (by the model's name), or a JSON file of code -> name (needs --prompt-format raw) (default: ${DEFAULT-VALUE}).")
        String categories;

        @Option(names = "--exclude-categories", split = ",", paramLabel = "CODES", description = "Codes left out of the prompt, e.g. S6,S8 (needs --prompt-format raw).")
        List<String> excludeCategories = new ArrayList<>();

        @Option(names = "--threshold", paramLabel = "P", description = "Unsafe when P(unsafe), read from the first answer token's logprobs, is at least P (default: the model's answer decides).")
        Double threshold;

        @Option(names = "--max-tokens", defaultValue = "20", description = "Longest answer Llama Guard may write (default: ${DEFAULT-VALUE}).")
        int maxTokens;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The dataset with a \"safety\" field per row.")
        Path out;

        @Override
        public Integer call() {
            return judge.main.run(spec, new GuardStage("judge-guard", List.of(input), List.of(out), new GuardStage.Options(promptField, responseFields, drop,
                    maxTokens, promptFormat, categories, excludeCategories, threshold), model.options()));
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

        @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "JSONL with prompt, chosen, rejected (and optionally id); Jack's pairs files are accepted. Repeatable: ids are then prefixed with the file's name.")
        List<Path> pairs;

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

        @Option(names = "--joint", paramLabel = "DIR", description = "Also write Critic-RM's joint training data here: critique_generation.jsonl, preferences.jsonl, stats.json.")
        Path joint;

        @Option(names = "--format", defaultValue = "strings", description = "The joint data's TRL format: strings or messages (default: ${DEFAULT-VALUE}).")
        PairFormat format;

        @Override
        public Integer call() {
            return judge.main.run(spec, new CritiquesStage(pairs, out, joint, new CritiquesStage.Options(m, temperature, refine, k, promptsDir, seed, maxTokens,
                    format), model.options()));
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
