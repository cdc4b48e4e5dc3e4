package dev.jack.pipeline;

import dev.jack.core.UserException;
import dev.jack.core.curate.MinimalEdits;
import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.PairFormat;
import dev.jack.core.synth.DifficultyThresholds;
import dev.jack.pipeline.stage.AblateStage;
import dev.jack.pipeline.stage.Decontaminate;
import dev.jack.pipeline.stage.EditStage;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.stage.MctsStage;
import dev.jack.pipeline.stage.ScoreStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run config binds to the stages' options, and every mistake is one line naming the file, the line and the key. */
class RunConfigTest {
    @TempDir
    Path dir;

    private RunConfig read(String yaml) throws IOException {
        return RunConfig.read(Files.writeString(dir.resolve("run.yaml"), yaml), null);
    }

    private String error(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("run.yaml"), yaml);
        return assertThrows(UserException.class, () -> RunConfig.read(file, null)).getMessage().replace(file.toString(), "run.yaml");
    }

    @Test
    void theExampleConfigBindsToTheStagesOptions() {
        RunConfig c = RunConfig.read(Path.of("..", "examples", "run.yaml"), null);
        assertEquals(Path.of("out/run"), c.outDir());
        assertEquals(40, c.synth().count());
        assertEquals(new IntRange(1, 3), c.synth().constraints());
        assertEquals(8, c.sample().n());
        assertEquals(128, c.sample().maxTokens());
        assertEquals(RejectionSampling.Contrast.HIGH, c.rs().contrast());
        assertEquals(MctsStage.Preset.LEAN, c.mcts().preset());
        assertEquals(new IntRange(8, 32), c.mcts().stepTokens());
        assertEquals(20, c.mcts().limit());
        assertNull(c.mcts().k(), "not given: the preset's");
        assertEquals("tiny", c.model().model());
        assertEquals(40, c.report().sample());
    }

    @Test
    void theAblationsPairWithTheRsSectionsConfiguration() throws IOException {
        RunConfig c = read("curate:\n  rs: {max_pairs: 2, min_gap: 0.25, format: messages}\n");
        assertEquals(2, c.ablate().pairing().maxPairs());
        assertEquals(0.25, c.ablate().pairing().minGap());
        assertEquals(PairFormat.MESSAGES, c.ablate().pairing().format());
        assertEquals(3, read("curate:\n  rs: {max_pairs: 2}\nablate: {max_pairs: 3}\n").ablate().pairing().maxPairs(), "unless ablate says otherwise");
    }

    @Test
    void synthAndScoreTakeTheCatalogAndTheVerifier() throws IOException {
        RunConfig c = read("synth: {catalog: all, holdout_catalog: ifbench}\nscore: {verifier: ifevalg, labels_field: ground_truth}\n");
        assertEquals("all", c.synth().catalog());
        assertEquals("ifbench", c.synth().holdoutCatalog());
        assertEquals(ScoreStage.Verification.IFEVALG, c.score().verifier());
        assertEquals("ground_truth", c.score().labelsField());
        assertEquals("ifeval", read("seed: 2\n").synth().catalog(), "IFEval's by default");
        String unknown = error("synth: {catalog: ifbenc}\n");
        assertTrue(unknown.startsWith("run.yaml:1: synth.catalog: unknown catalog \"ifbenc\": choose ifeval, ifbench, ifevalg") && unknown.endsWith(" or all"), unknown);
        assertEquals("run.yaml:1: score.reward: IFEvalG's verifier has no loose mode, so its reward is strict; got mean",
                error("score: {verifier: ifevalg, reward: mean}\n"));
    }

    @Test
    void theStudySettingsAreRead() throws IOException {
        RunConfig c = read("""
                score: {reward: loose, spans: true}
                synth: {decontaminate: [ifeval, eval.jsonl], decontaminate_ngram: 8, difficulty_thresholds: "0.2,0.6"}
                curate:
                  rs: {format: messages}
                  edit: {mode: repair, max_pairs: 2}
                ablate: {gap_bin: 0.25, prefix_control: rs, match_length: true, length_tolerance: 0.2, difficulty_by: prior, budget: 4000,
                         decontaminate: [ifbench]}
                """);
        assertTrue(c.score().spans());
        assertEquals(new Decontaminate(List.of("ifeval", "eval.jsonl"), 8, 0.5), c.synth().decontaminate());
        assertEquals(new DifficultyThresholds(0.2, 0.6), c.synth().thresholds());
        assertEquals(new EditStage.Options(MinimalEdits.Mode.REPAIR, 2, 1, Reward.LOOSE, false, PairFormat.MESSAGES, false, null, Thinking.STRIP, false),
                c.edit(), "the score section's reward, curate.rs's format");
        AblateStage.Options a = c.ablate();
        assertEquals(List.of(0.25, 0.2), List.of(a.gapBin(), a.lengthTolerance()));
        assertEquals(AblateStage.PrefixControl.RS, a.prefixControl());
        assertTrue(a.matchLength());
        assertEquals(AblateStage.DifficultyBy.PRIOR, a.difficultyBy());
        assertEquals(4000L, a.budget());
        assertEquals(List.of("ifbench"), a.decontaminate().sets());
        assertEquals(DifficultyThresholds.DEFAULT, c.report().thresholds(), "the report bins as the ablations do");
        assertTrue(c.steps().contains(RunConfig.Step.EDIT), "edit runs with the other stages");
    }

    @Test
    void badValuesNameTheFileTheLineTheKeyAndWhatIsAllowed() throws IOException {
        assertEquals("run.yaml:3: sample.n: expected a whole number >= 1, got \"eight\"", error("seed: 1\nsample:\n  n: eight\n"));
        assertEquals("run.yaml:2: sample.n: expected a whole number >= 1, got 0", error("sample:\n  n: 0\n"));
        assertEquals("run.yaml:2: curate.rs.contrast: expected one of high, low, mixed, got \"hihg\"", error("curate:\n  rs: {contrast: hihg}\n"));
        assertEquals("run.yaml:1: curate.mcts.preset: expected one of default, lean, got \"fast\"", error("curate: {mcts: {preset: fast}}\n"));
        assertEquals("run.yaml:2: score.reward: expected one of strict, loose, mean, got 1", error("score:\n  reward: 1\n"));
        assertEquals("run.yaml:1: curate.mcts.step_tokens: expected a number or a range MIN-MAX such as 1-6, got \"8..32\"",
                error("curate: {mcts: {step_tokens: 8..32}}\n"));
        assertEquals("run.yaml:1: curate.rs.high_share: expected a number from 0 to 1, got 1.5", error("curate: {rs: {high_share: 1.5}}\n"));
        assertEquals("run.yaml:1: sample.top_p: expected a number from 0 to 1, got \"high\"", error("sample: {top_p: high}\n"));
        assertEquals("run.yaml:2: report.sample: expected a whole number >= 0, got a list", error("report:\n  sample: [1, 2]\n"));
        assertEquals("run.yaml:1: stages: expected one of synth, guard_prompts, sample, score, rs, edit, mcts, guard_pairs, critiques, ablate, report, got \"curate\"", error("stages: [sample, curate]\n"));
        assertEquals("run.yaml:1: ablate.difficulty_thresholds: expected two pass rates HARD_BELOW,EASY_FROM such as 0.3,0.7 (0 <= HARD_BELOW <= EASY_FROM <= 1), "
                + "got \"0.8,0.2\"", error("ablate: {difficulty_thresholds: \"0.8,0.2\"}\n"));
        assertEquals("run.yaml:1: curate.edit.mode: expected one of break, repair, both, got \"fix\"", error("curate: {edit: {mode: fix}}\n"));
        assertEquals("run.yaml:1: ablate.prefix_control: expected one of depth0, rs, got \"none\"", error("ablate: {prefix_control: none}\n"));
        assertEquals("run.yaml:1: synth.decontaminate_share: expected a number > 0 and <= 1, got 0.0", error("synth: {decontaminate_share: 0}\n"));
    }

    @Test
    void timeoutsAreFiniteSecondsAndStreamingMapsOntoTheClient() throws IOException {
        assertEquals("run.yaml:1: model.timeout: expected a number from 0.001 to 1000000000, got 0", error("model: {timeout: 0}\n"));
        assertEquals("run.yaml:1: model.timeout: expected a number from 0.001 to 1000000000, got Infinity", error("model: {timeout: .inf}\n"));
        assertEquals("run.yaml:1: model.timeout: expected a number from 0.001 to 1000000000, got NaN", error("model: {timeout: .nan}\n"));
        assertEquals("run.yaml:1: model.idle_timeout: expected a number from 0.001 to 1000000000, got -1", error("model: {stream: true, idle_timeout: -1}\n"));
        RunConfig c = read("model: {stream: true, idle_timeout: 2.5}\n");
        assertEquals(true, c.model().stream());
        assertEquals(2.5, c.model().idleTimeout());
        assertNull(read("seed: 1\n").model().idleTimeout(), "the client's default");
    }

    @Test
    void aSystemPromptNeedsTheMessagesFormatAndTheThinkingIsHandledAlike() throws IOException {
        assertEquals("run.yaml:2: curate.rs.format: sample.system is set, and the strings format has no place for a system prompt: set curate.rs.format:"
                + " messages (each pair's prompt then holds the system turn)", error("sample: {system: You are a pirate.}\ncurate: {rs: {format: strings}}\n"));
        assertEquals("run.yaml:3: ablate.format: sample.system is set, and the strings format has no place for a system prompt: set ablate.format:"
                        + " messages (each pair's prompt then holds the system turn)",
                error("sample: {system: You are a pirate.}\ncurate: {rs: {format: messages}}\nablate: {format: strings}\n"));
        assertEquals("run.yaml:2: curate.edit.format: sample.system is set, and the strings format has no place for a system prompt: set curate.edit.format:"
                        + " messages (each pair's prompt then holds the system turn)",
                error("sample: {system: You are a pirate.}\ncurate: {rs: {format: messages}, edit: {format: strings}}\n"));
        RunConfig pirate = read("sample: {system: You are a pirate.}\ncurate: {rs: {format: messages}}\n");
        assertEquals(PairFormat.MESSAGES, pirate.ablate().pairing().format(), "ablate follows curate.rs");
        assertEquals(PairFormat.MESSAGES, pirate.edit().format(), "curate.edit follows curate.rs");
        RunConfig kept = read("score: {thinking: keep}\ncurate: {rs: {allow_truncated: true}}\n");
        assertEquals(Thinking.KEEP, kept.rs().thinking(), "the pairs hold what was scored");
        assertEquals(Thinking.KEEP, kept.mcts().thinking());
        assertEquals(Thinking.KEEP, kept.ablate().pairing().thinking());
        assertEquals(true, kept.ablate().pairing().allowTruncated());
        assertEquals(false, kept.mcts().allowTruncated());
        assertEquals(Thinking.KEEP, kept.edit().thinking());
        assertEquals(false, kept.edit().allowTruncated());
        assertEquals(true, read("curate: {edit: {allow_truncated: true}}\n").edit().allowTruncated());
        assertEquals(Thinking.STRIP, read("seed: 1\n").score().thinking(), "strip by default");
    }

    /** Several servers as a YAML list or one text; the spark section's keys, checked like the others. */
    @Test
    void serverListsAndTheSparkSection() throws IOException {
        RunConfig c = read("model:\n  backend:\n    - http://a:8000\n    - http://b:8000\n  model: m\n  concurrency: 8\n"
                + "spark:\n  out_dir: hdfs://nn:8020/jack/run\n  partitions: 64\n  format: parquet\n");
        assertEquals("http://a:8000,http://b:8000", c.model().backend());
        assertEquals(16, c.model().inFlight(), "8 per server");
        assertEquals("servers m", c.model().identity(), "a fleet's list may change between runs");
        assertEquals(new ClusterOptions("hdfs://nn:8020/jack/run", null, 64, ClusterOptions.Format.PARQUET), c.cluster());
        assertEquals(ClusterOptions.DEFAULT, read("seed: 1\n").cluster());
        assertEquals("http://a:8000,http://b:8000", read("model: {backend: 'http://a:8000,http://b:8000', model: m}\n").model().backend());
        assertEquals("run.yaml:1: model.backend: expected embedded or a server URL with its scheme, such as http://127.0.0.1:8000, got \"b:8000\"",
                error("model: {backend: [http://a:8000, b:8000], model: m}\n"));
        assertEquals("run.yaml:2: spark.partitions: expected a whole number >= 0, got -1", error("spark:\n  partitions: -1\n"));
    }

    @Test
    void unknownAndDuplicateKeysAreRefused() throws IOException {
        assertEquals("run.yaml:2: sample.temprature: unknown key (known here: endpoint, logprobs, max_tokens, n, system, temperature, top_k, top_p)",
                error("sample:\n  temprature: 0.7\n"));
        assertEquals("run.yaml:3: seed: duplicate key (first given at line 1)", error("seed: 1\nout_dir: x\nseed: 2\n"));
        assertEquals("run.yaml:1: sampel: unknown key (known here: ablate, critiques, curate, guard, judge, model, out_dir, prompts, punkt_dir, report, sample, score, seed, spark, stages, synth)",
                error("sampel: {n: 2}\n"));
    }

    @Test
    void filesAndServersAreCheckedBeforeAnyStageRuns() throws IOException {
        assertEquals("run.yaml:1: punkt_dir: nowhere does not exist (give the punkt_tab folder that holds english/)", error("punkt_dir: nowhere\n"));
        assertEquals("run.yaml:1: prompts: no such file: missing.jsonl", error("prompts: missing.jsonl\n"));
        assertEquals("run.yaml:2: model.backend: expected embedded or a server URL with its scheme, such as http://127.0.0.1:8000, got \"localhost:8000\"",
                error("model:\n  backend: localhost:8000\n  model: m\n"));
        assertEquals("run.yaml:1: model.model: no such GGUF file: nope.gguf (give a path, hf://OWNER/REPO/FILE.gguf or tiny)",
                error("model: {backend: embedded, model: nope.gguf}\n"));
    }
}
