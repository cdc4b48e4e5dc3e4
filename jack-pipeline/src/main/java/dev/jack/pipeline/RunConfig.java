package dev.jack.pipeline;

import dev.jack.core.Choices;
import dev.jack.core.OptionException;
import dev.jack.core.curate.MinimalEdits;
import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.Decontamination;
import dev.jack.core.data.PairFormat;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.DifficultyThresholds;
import dev.jack.judge.CritiqueSet;
import dev.jack.judge.LlamaGuard;
import dev.jack.llm.OpenAiBackend;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.config.ConfigException;
import dev.jack.pipeline.config.ConfigFile;
import dev.jack.pipeline.config.Section;
import dev.jack.pipeline.stage.AblateStage;
import dev.jack.pipeline.stage.CritiquesStage;
import dev.jack.pipeline.stage.Decontaminate;
import dev.jack.pipeline.stage.EditStage;
import dev.jack.pipeline.stage.GuardStage;
import dev.jack.pipeline.stage.MctsStage;
import dev.jack.pipeline.stage.ReportStage;
import dev.jack.pipeline.stage.RsStage;
import dev.jack.pipeline.stage.SampleStage;
import dev.jack.pipeline.stage.ScoreStage;
import dev.jack.pipeline.stage.SynthStage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jack run}'s config, bound to the stages' options records. The schema (README, "The whole run"): top-level
 * {@code out_dir}, {@code seed}, {@code prompts}, {@code punkt_dir}, {@code stages}, and one section per stage
 * ({@code model}, {@code synth}, {@code sample}, {@code score}, {@code curate.rs}, {@code curate.edit},
 * {@code curate.mcts}, {@code ablate}, {@code report}) whose keys are the stage's options in snake case; the judges:
 * {@code judge} (the model that judges for {@code curate.rs.quality_floor} and {@code critiques}; default:
 * {@code model}), {@code guard} (Llama Guard 3's model keys and screening options, for the {@code guard_prompts} and
 * {@code guard_pairs} stages) and {@code critiques}; and {@code spark} for a run on a cluster ({@link ClusterOptions}).
 * Without {@code stages}, the judge stages run when their section is given. Everything is checked when the file is
 * read, before any stage runs: a bad value is one error {@code file:line: section.key: expected ..., got ...}.
 *
 * @param places where each key given in the file is ({@code sample.n} → {@code run.yaml:14}), to name it in errors
 */
public record RunConfig(Path file, Path outDir, long seed, Path prompts, Path punktDir, Set<Step> steps, ModelOptions model,
                        SynthStage.Options synth, int synthThreads, SampleStage.Options sample, ScoreStage.Options score, RsStage.Options rs,
                        EditStage.Options edit, MctsStage.Options mcts, int parallelPrompts, AblateStage.Options ablate, ReportStage.Options report,
                        ModelOptions judge, ModelOptions guardModel, GuardStage.Options guard, CritiquesStage.Options critiques, boolean critiquesJoint,
                        ClusterOptions cluster, Map<String, String> places) {
    /** The pipeline's stages, in the order they run. */
    public enum Step { SYNTH, GUARD_PROMPTS, SAMPLE, SCORE, RS, EDIT, MCTS, GUARD_PAIRS, CRITIQUES, ABLATE, REPORT }

    /** The stages that run when the config names none: all but the judges, which run when their section is given. */
    private static final Set<Step> JUDGES = EnumSet.of(Step.GUARD_PROMPTS, Step.GUARD_PAIRS, Step.CRITIQUES);


    /** Each stage's config section. */
    static String section(Step step) {
        return switch (step) {
            case RS -> "curate.rs";
            case EDIT -> "curate.edit";
            case MCTS -> "curate.mcts";
            case GUARD_PROMPTS, GUARD_PAIRS -> "guard";
            default -> Choices.label(step);
        };
    }

    /**
     * Reads and checks a config file; {@code outDir} (may be null) overrides its {@code out_dir}.
     *
     * @throws dev.jack.core.UserException naming the file, line and key of the first problem
     */
    public static RunConfig read(Path file, Path outDir) {
        Section top = ConfigFile.read(file);
        Path dir = top.path("out_dir", Path.of("out/run"));
        long seed = top.wholeLong("seed", 1);
        Path prompts = top.path("prompts", null);
        Path punktDir = top.path("punkt_dir", null);
        List<String> names = top.texts("stages", null);
        Section modelSection = top.section("model");
        Section synthSection = top.section("synth");
        Section sampleSection = top.section("sample");
        Section scoreSection = top.section("score");
        Section curate = top.section("curate");
        Section rsSection = curate.section("rs");
        Section editSection = curate.section("edit");
        Section mctsSection = curate.section("mcts");
        Section ablateSection = top.section("ablate");
        Section reportSection = top.section("report");
        Section judgeSection = top.section("judge");
        Section guardSection = top.section("guard");
        Section critiquesSection = top.section("critiques");
        Section sparkSection = top.section("spark");
        top.build(() -> null);
        curate.build(() -> null);
        if (prompts != null && !Files.isRegularFile(prompts)) throw top.errorAt("prompts", "no such file: " + prompts);
        if (punktDir != null && !Files.isDirectory(punktDir.resolve("english"))) {
            throw top.errorAt("punkt_dir", punktDir + (Files.isDirectory(punktDir) ? " is not a punkt_tab folder (it has no english/ folder)"
                    : " does not exist (give the punkt_tab folder that holds english/)"));
        }

        Set<Step> steps = EnumSet.noneOf(Step.class);
        if (names == null) {
            steps.addAll(Arrays.asList(Step.values()));
            steps.removeAll(JUDGES);
            if (guardSection.present()) steps.addAll(List.of(Step.GUARD_PROMPTS, Step.GUARD_PAIRS));
            if (critiquesSection.present()) steps.add(Step.CRITIQUES);
        } else for (String name : names) {
            try {
                steps.add(Choices.parse(Step.class, name));
            } catch (IllegalArgumentException e) {
                throw top.errorAt("stages", e.getMessage());
            }
        }
        if (prompts != null) steps.remove(Step.SYNTH);

        ModelOptions model = modelSection.build(() -> modelOptions(modelSection, new ModelOptions(ModelOptions.EMBEDDED, "tiny", "OPENAI_API_KEY", 64,
                300, 6, false, false, null)));
        ModelOptions judge = judgeSection.build(() -> modelOptions(judgeSection, model));
        GuardStage.Options[] guard = {null};
        ModelOptions guardModel = guardSection.build(() -> {
            guard[0] = new GuardStage.Options("prompt", List.of("chosen", "rejected"), guardSection.flag("drop", true), guardSection.whole("max_tokens", 20),
                    guardSection.choice("prompt_format", LlamaGuard.PromptFormat.class, LlamaGuard.PromptFormat.MESSAGES),
                    guardSection.text("categories", "auto"), guardSection.texts("exclude_categories", List.of()), guardSection.optionalNumber("threshold"));
            return modelOptions(guardSection, new ModelOptions(judge.backend(), null, judge.apiKeyEnv(), judge.concurrency(), judge.timeout(),
                    judge.maxAttempts(), judge.noModelCheck(), judge.stream(), judge.idleTimeout()));
        });
        for (Section s : List.of(modelSection, judgeSection, guardSection)) {
            ModelOptions m = s == modelSection ? model : s == judgeSection ? judge : guardModel;
            if (m.localFile() != null && !Files.isRegularFile(m.localFile())) {
                throw s.errorAt("model", "no such GGUF file: " + m.localFile() + " (give a path, hf://OWNER/REPO/FILE.gguf or tiny)");
            }
        }
        if ((steps.contains(Step.GUARD_PROMPTS) || steps.contains(Step.GUARD_PAIRS)) && guardModel.model() == null) {
            throw guardSection.errorAt("model", "give the Llama Guard 3 model that screens (guard.model, and guard.backend for its server)");
        }
        if (steps.contains(Step.GUARD_PAIRS) && !steps.contains(Step.RS) && !steps.contains(Step.EDIT) && !steps.contains(Step.MCTS)) {
            throw top.errorAt("stages", "guard_pairs screens the pairs of rs, edit or mcts; add one of them");
        }
        if (steps.contains(Step.CRITIQUES) && !steps.contains(Step.RS) && !steps.contains(Step.EDIT) && !steps.contains(Step.MCTS)) {
            throw top.errorAt("stages", "critiques are written for the pairs of rs, edit or mcts; add one of them");
        }
        boolean[] joint = {false};
        CritiquesStage.Options critiques = critiquesSection.build(() -> {
            joint[0] = critiquesSection.flag("joint", false);
            return new CritiquesStage.Options(critiquesSection.whole("m", 4), critiquesSection.number("temperature", 1.0),
                    critiquesSection.choice("refine", CritiqueSet.Refine.class, CritiqueSet.Refine.NONE), critiquesSection.whole("k", 2),
                    existingDir(critiquesSection, "prompts_dir"), seed, critiquesSection.whole("max_tokens", 1024),
                    critiquesSection.choice("format", PairFormat.class, PairFormat.STRINGS));
        });
        int[] threads = {0};
        SynthStage.Options synth = synthSection.build(() -> {
            threads[0] = synthSection.whole("threads", Runtime.getRuntime().availableProcessors());
            Check.atLeast("threads", threads[0], 1);
            return new SynthStage.Options(synthSection.whole("count", 100), seed, synthSection.range("constraints", SynthStage.Options.DEFAULT_CONSTRAINTS),
                    synthSection.choice("difficulty", Difficulty.class, Difficulty.MIXED), existing(synthSection, "hardness"),
                    existing(synthSection, "tasks"), synthSection.text("task_field", "prompt"), false, 0.1, 0, punktDir,
                    decontaminate(synthSection), thresholds(synthSection, null),
                    synthSection.text("catalog", SynthStage.Options.DEFAULT_CATALOG), synthSection.text("holdout_catalog", null));
        });
        SampleStage.Options sample = sampleSection.build(() -> new SampleStage.Options(sampleSection.whole("n", 8),
                sampleSection.choice("endpoint", OpenAiBackend.Endpoint.class, OpenAiBackend.Endpoint.CHAT), sampleSection.text("system", null),
                sampleSection.number("temperature", 1.0), sampleSection.optionalNumber("top_p"), sampleSection.optionalWhole("top_k"),
                sampleSection.whole("max_tokens", 1024), seed, sampleSection.optionalWhole("logprobs")));
        ScoreStage.Options score = scoreSection.build(() -> new ScoreStage.Options(scoreSection.choice("reward", Reward.class, Reward.STRICT),
                scoreSection.flag("all_or_nothing", false), scoreSection.choice("thinking", Thinking.class, Thinking.STRIP), punktDir,
                scoreSection.flag("spans", false),
                scoreSection.choice("verifier", ScoreStage.Verification.class, ScoreStage.Verification.IFEVAL), scoreSection.text("labels_field", null)));
        // The pairs hold the thinking as it was scored unless a curation section says otherwise.
        RsStage.Options rs = rsSection.build(() -> new RsStage.Options(
                rsSection.choice("contrast", RejectionSampling.Contrast.class, RejectionSampling.Contrast.HIGH), rsSection.number("high_share", 0.5),
                rsSection.number("min_gap", 0), rsSection.whole("max_pairs", 1), seed, rsSection.choice("format", PairFormat.class, PairFormat.STRINGS),
                rsSection.flag("parquet", false), rsSection.optionalNumber("quality_floor"), rsSection.choice("thinking", Thinking.class, score.thinking()),
                rsSection.flag("allow_truncated", false)));
        EditStage.Options edit = editSection.build(() -> new EditStage.Options(editSection.choice("mode", MinimalEdits.Mode.class, MinimalEdits.Mode.BOTH),
                editSection.whole("max_pairs", 1), seed, score.reward(), score.allOrNothing(), editSection.choice("format", PairFormat.class, rs.format()),
                editSection.flag("parquet", rs.parquet()), punktDir, editSection.choice("thinking", Thinking.class, score.thinking()),
                editSection.flag("allow_truncated", false)));
        int[] parallel = {0};
        MctsStage.Options mcts = mctsSection.build(() -> {
            parallel[0] = mctsSection.whole("parallel_prompts", 4);
            Check.atLeast("parallel_prompts", parallel[0], 1);
            return new MctsStage.Options(mctsSection.choice("preset", MctsStage.Preset.class, MctsStage.Preset.DEFAULT), mctsSection.optionalWhole("k"),
                    mctsSection.optionalWhole("k_root"), mctsSection.optionalWhole("simulations_root"), mctsSection.optionalWhole("simulations"),
                    mctsSection.optionalWhole("depth"), mctsSection.number("exploration", 1.0),
                    mctsSection.choice("prior", MctsStage.Prior.class, MctsStage.Prior.UNIFORM), mctsSection.number("min_q_gap", 0.1),
                    mctsSection.whole("max_pairs", 4), mctsSection.range("step_tokens", MctsStage.Options.DEFAULT_STEP_TOKENS),
                    mctsSection.number("temperature", 1.0), mctsSection.optionalNumber("top_p"), mctsSection.whole("max_tokens", 512), score.reward(),
                    score.allOrNothing(), seed, mctsSection.optionalWhole("limit"), mctsSection.choice("format", PairFormat.class, PairFormat.STRINGS),
                    mctsSection.flag("parquet", false), punktDir, mctsSection.choice("thinking", Thinking.class, score.thinking()),
                    mctsSection.flag("allow_truncated", false));
        });
        // The ablations pair with curate.rs's configuration unless this section says otherwise: one configuration, one function.
        AblateStage.Options ablate = ablateSection.build(() -> new AblateStage.Options(AblateStage.Options.pairing(ablateSection.whole("max_pairs", rs.maxPairs()),
                ablateSection.number("min_gap", rs.minGap()), ablateSection.number("high_share", rs.highShare()), seed,
                ablateSection.choice("format", PairFormat.class, rs.format()), ablateSection.flag("parquet", rs.parquet()),
                ablateSection.choice("thinking", Thinking.class, rs.thinking()), ablateSection.flag("allow_truncated", rs.allowTruncated())),
                ablateSection.number("gap_bin", AblateStage.Options.DEFAULT_GAP_BIN),
                ablateSection.choice("prefix_control", AblateStage.PrefixControl.class, AblateStage.PrefixControl.DEPTH0), ablateSection.flag("match_length", false),
                ablateSection.number("length_tolerance", AblateStage.Options.DEFAULT_LENGTH_TOLERANCE),
                ablateSection.choice("difficulty_by", AblateStage.DifficultyBy.class, AblateStage.DifficultyBy.MEASURED),
                thresholds(ablateSection, DifficultyThresholds.DEFAULT), budget(ablateSection), decontaminate(ablateSection)));
        // A system prompt has no place in the strings format: say so now, not after sampling.
        if (sample.system() != null) {
            if (steps.contains(Step.RS) && rs.format() == PairFormat.STRINGS) throw formatError(rsSection, "curate.rs");
            if (steps.contains(Step.EDIT) && edit.format() == PairFormat.STRINGS) throw formatError(editSection, "curate.edit");
            if (steps.contains(Step.ABLATE) && ablate.pairing().format() == PairFormat.STRINGS) throw formatError(ablateSection, "ablate");
        }
        ReportStage.Options report = reportSection.build(() -> new ReportStage.Options(reportSection.whole("sample", 40), seed, punktDir,
                thresholds(reportSection, ablate.thresholds())));
        ClusterOptions cluster = sparkSection.build(() -> new ClusterOptions(sparkSection.text("out_dir", null), sparkSection.text("prompts", null),
                sparkSection.whole("partitions", 0), sparkSection.choice("format", ClusterOptions.Format.class, ClusterOptions.Format.JSONL)));

        Map<String, String> places = new LinkedHashMap<>();
        for (Section s : List.of(top, modelSection, synthSection, sampleSection, scoreSection, curate, rsSection, editSection, mctsSection, ablateSection,
                reportSection, judgeSection, guardSection, critiquesSection, sparkSection)) {
            places.putAll(s.places());
        }
        return new RunConfig(file, outDir != null ? outDir : dir, seed, prompts, punktDir, steps, model, synth, threads[0], sample, score, rs, edit,
                mcts, parallel[0], ablate, report, judge, guardModel, guard[0], critiques, joint[0], cluster, places);
    }

    /** A model section's keys, each defaulting to {@code otherwise}'s. */
    private static ModelOptions modelOptions(Section s, ModelOptions otherwise) {
        Double idleTimeout = s.optionalNumber("idle_timeout");
        return new ModelOptions(s.textOrList("backend", otherwise.backend()), s.text("model", otherwise.model()), s.text("api_key_env", otherwise.apiKeyEnv()),
                s.whole("concurrency", otherwise.concurrency()), s.number("timeout", otherwise.timeout()), s.whole("max_attempts", otherwise.maxAttempts()),
                s.flag("no_model_check", otherwise.noModelCheck()), s.flag("stream", otherwise.stream()),
                idleTimeout != null ? idleTimeout : otherwise.idleTimeout());
    }

    private static Path existingDir(Section section, String key) {
        Path p = section.path(key, null);
        if (p != null && !Files.isDirectory(p)) throw section.errorAt(key, "no such folder: " + p);
        return p;
    }

    private static ConfigException formatError(Section section, String name) {
        return section.errorAt("format", "sample.system is set, and the strings format has no place for a system prompt: set " + name
                + ".format: messages (each pair's prompt then holds the system turn)");
    }

    /** A section's {@code decontaminate} (a list of evaluation sets), {@code decontaminate_ngram} and {@code decontaminate_share}. */
    private static Decontaminate decontaminate(Section section) {
        return new Decontaminate(section.texts("decontaminate", List.of()), section.whole("decontaminate_ngram", Decontamination.DEFAULT_NGRAM),
                section.number("decontaminate_share", Decontamination.DEFAULT_SHARE));
    }

    /** A section's {@code difficulty_thresholds}, {@code HARD_BELOW,EASY_FROM}. */
    private static DifficultyThresholds thresholds(Section section, DifficultyThresholds otherwise) {
        String text = section.text("difficulty_thresholds", null);
        if (text == null) return otherwise;
        try {
            return DifficultyThresholds.parse(text);
        } catch (IllegalArgumentException e) {
            throw new OptionException("difficulty_thresholds", e.getMessage());
        }
    }

    /** A section's {@code budget}: generated tokens per prompt, or null. */
    private static Long budget(Section section) {
        Integer tokens = section.optionalWhole("budget");
        return tokens == null ? null : tokens.longValue();
    }

    private static Path existing(Section section, String key) {
        Path p = section.path(key, null);
        if (p != null && !Files.isRegularFile(p)) throw section.errorAt(key, "no such file: " + p);
        return p;
    }

    /**
     * Where an option of a stage is set: {@code run.yaml:14: sample.n}, looked up in the stage's section, then the
     * model and score sections it also reads, then the top level; {@code run.yaml: sample.n} when the file leaves it
     * at its default.
     */
    public String where(Step step, String key) {
        List<String> candidates = new ArrayList<>(List.of(section(step) + "." + key));
        if (step == Step.RS || step == Step.CRITIQUES) candidates.add("judge." + key);
        candidates.addAll(List.of("model." + key, "score." + key, key));
        for (String c : candidates) if (places.containsKey(c)) return places.get(c) + ": " + c;
        return file + ": " + (key.equals("punkt_dir") || key.equals("seed") ? key : section(step) + "." + key);
    }
}
