package dev.jack.pipeline.stage;

import dev.jack.core.UserException;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.curate.MinimalEdits;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.CurationStats;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PairFormat;
import dev.jack.core.data.PassRates;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.DifficultyThresholds;
import dev.jack.core.synth.Hardness;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.IntRange;
import dev.jack.pipeline.StageContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jack score's pass rates and spans, jack curate edit's verified pairs, and jack synth's measured tiers and decontamination. */
class StudyStagesTest {
    @TempDir
    Path dir;

    final StringWriter console = new StringWriter();
    final StageContext context = new StageContext(Map.of(), new PrintWriter(console, true), new PrintWriter(new StringWriter(), true), false);

    private Path prompts() throws IOException {
        return Files.write(dir.resolve("prompts.jsonl"), List.of(
                "{\"key\": 1, \"prompt\": \"Say it.\", \"instruction_id_list\": [\"punctuation:no_comma\", \"length_constraints:number_words\"], "
                        + "\"kwargs\": [{}, {\"num_words\": 5, \"relation\": \"less than\"}]}",
                "{\"key\": 2, \"prompt\": \"Drink.\", \"instruction_id_list\": [\"keywords:existence\"], \"kwargs\": [{\"keywords\": [\"tea\"]}]}",
                "{\"key\": 3, \"prompt\": \"Greet.\", \"instruction_id_list\": [\"startend:end_checker\"], \"kwargs\": [{\"end_phrase\": \"Bye now.\"}]}"));
    }

    private Path samples() throws IOException {
        String[][] responses = {{"a b", "a, b", "one two three four five six", "\uD83D\uDE00, x"}, {"tea time", "coffee"}, {"Hello. Bye now.", "Hello. Bye now."}};
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < responses.length; k++) {
            for (int i = 0; i < responses[k].length; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", (long) k + 1);
                row.put("sample_index", (long) i);
                row.put("response", responses[k][i]);
                row.put("finish_reason", "stop");
                row.put("completion_tokens", 7L);
                rows.add(PyJson.dumps(row));
            }
        }
        return Files.write(dir.resolve("samples.jsonl"), rows);
    }

    @Test
    void scoreWritesPassRatesAsComputedByHandAndSpansInCodePoints() throws IOException {
        Path scored = dir.resolve("scored.jsonl");
        new ScoreStage(prompts(), samples(), scored, new ScoreStage.Options(Reward.STRICT, false, Thinking.STRIP, null, true, ScoreStage.Verification.IFEVAL, null)).run(context);
        List<PassRates> rates = PassRates.readAll(dir.resolve("scored.pass_rates.jsonl"));
        // Key 1: only "a b" follows both; no_comma holds for 2 of 4, fewer than 5 words for 3 of 4.
        assertEquals(new PassRates(1, List.of("punctuation:no_comma", "length_constraints:number_words"), 4, 1, 1, List.of(2, 3), List.of(2, 3),
                (1 + 0.5 + 0.5 + 0.5) / 4), rates.get(0));
        assertEquals(0.25, rates.get(0).passAt1());
        assertEquals(1.0, rates.get(0).passAtN());
        assertEquals(List.of(0.5), List.of(rates.get(1).passAt1()));
        assertEquals(1.0, rates.get(2).passAt1(), "both samples pass");
        Map<?, ?> first = (Map<?, ?>) Json.parse(Files.readAllLines(dir.resolve("scored.pass_rates.jsonl")).getFirst());
        assertEquals(List.of(0.5, 0.75), first.get("constraint_pass_at_1"));

        List<String> lines = Files.readAllLines(scored);
        Map<?, ?> emoji = (Map<?, ?>) Json.parse(lines.get(3));
        // The emoji is one code point (two UTF-16 units): the comma is at offset 1, as Python indexes the string.
        assertEquals(List.of(List.of(Map.of("start", 1L, "end", 2L, "label", "comma")), List.of(Map.of("start", 3L, "end", 4L, "label", "1 words"))),
                emoji.get("spans"));
        new ScoreStage(prompts(), samples(), dir.resolve("plain.jsonl"), new ScoreStage.Options(Reward.STRICT, false, Thinking.STRIP, null)).run(context);
        assertFalse(Files.readString(dir.resolve("plain.jsonl")).contains("\"spans\""), "spans only when asked");
    }

    @Test
    void editPairsAreVerifiedAndFlatPromptsGiveThem() throws IOException {
        Path prompts = prompts();
        Path scored = dir.resolve("scored.jsonl");
        new ScoreStage(prompts, samples(), scored, new ScoreStage.Options(Reward.STRICT, false, Thinking.STRIP, null)).run(context);
        Path out = dir.resolve("pairs-edit.jsonl");
        new EditStage(prompts, scored, out, new EditStage.Options(MinimalEdits.Mode.BOTH, 2, 1, Reward.STRICT, false, PairFormat.STRINGS, false, null,
                Thinking.STRIP, false))
                .run(context);
        List<PreferencePair> pairs = JsonlReader.readAll(out, PreferencePair::read);
        Map<Long, IfevalPrompt> byKey = ScoreStage.promptsByKey(prompts);
        Verifier verifier = new Verifier(new TextTools(PunktParameters::english));
        for (PreferencePair p : pairs) {
            List<Constraint> constraints = byKey.get(p.key()).constraints();
            Map<?, ?> edit = (Map<?, ?>) p.other().get("edit");
            int i = byKey.get(p.key()).instructionIds().indexOf((String) edit.get("constraint"));
            Verdicts chosen = verifier.verify(constraints, p.chosen());
            Verdicts rejected = verifier.verify(constraints, p.rejected());
            assertTrue(MinimalEdits.differsOnlyIn(chosen, rejected, i, false), p.toString());
            assertEquals(1.0, p.chosenReward());
            assertEquals("edit", p.method());
            PreferencePair.Sampled origin = (PreferencePair.Sampled) p.origin();
            assertEquals(origin.chosenSampleIndex(), origin.rejectedSampleIndex(), "both texts come from one sample");
        }
        assertTrue(pairs.stream().anyMatch(p -> p.key() == 3), "prompt 3's samples all scored the same, and it still gives a pair");
        assertTrue(pairs.stream().anyMatch(p -> "repair".equals(((Map<?, ?>) p.other().get("edit")).get("direction"))), "a repair: " + pairs);
        CurationStats stats = CurationStats.readFor(out);
        assertEquals("edit", stats.method());
        assertEquals(pairs.size(), stats.pairs());
        assertTrue(console.toString().contains("of the 1 prompts whose samples all scored the same gave a pair"), console.toString());
    }

    /** One no_comma prompt drawn with a system prompt: a reasoning sample, a truncated one, one with a control token. */
    private Path[] realisticEditInput() throws IOException {
        Path prompts = Files.write(dir.resolve("p4.jsonl"), List.of(
                "{\"key\": 4, \"prompt\": \"Be calm.\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}"));
        String[][] samples = {{"<think>hmm, let me think</think>\n\nall good here", "stop"}, {"fine words here", "length"}, {"nice day<|eot_id|>", "stop"}};
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < samples.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", 4L);
            row.put("sample_index", (long) i);
            row.put("params", Map.of("system", "Be brief."));
            row.put("prompt", "Be calm.");
            row.put("response", samples[i][0]);
            row.put("finish_reason", samples[i][1]);
            rows.add(PyJson.dumps(row));
        }
        return new Path[] {prompts, Files.write(dir.resolve("s4.jsonl"), rows)};
    }

    private List<PreferencePair> edit(Path[] input, String out, Thinking thinking, boolean allowTruncated, PairFormat format) {
        new EditStage(input[0], input[1], dir.resolve(out), new EditStage.Options(MinimalEdits.Mode.BOTH, 3, 1, Reward.STRICT, false, format, false, null,
                thinking, allowTruncated)).run(context);
        return JsonlReader.readAll(dir.resolve(out), PreferencePair::read);
    }

    @Test
    void editLeavesFlawedResponsesOutEditsTheAnswerAndKeepsTheSystemPrompt() throws IOException {
        Path[] input = realisticEditInput();
        List<PreferencePair> pairs = edit(input, "strip.jsonl", Thinking.STRIP, false, PairFormat.MESSAGES);
        assertEquals(1, pairs.size(), "the truncated and the control-token samples are never edited: " + pairs);
        PreferencePair p = pairs.getFirst();
        assertEquals(0L, ((PreferencePair.Sampled) p.origin()).chosenSampleIndex());
        assertEquals("all good here", p.chosen(), "the answer, thinking stripped (whose comma does not count)");
        assertFalse(p.rejected().contains("<think>"), p.rejected());
        assertEquals("Be brief.", p.system());
        assertEquals(Map.of("truncated", 1, "empty", 0, "control_tokens", 1), CurationStats.readFor(dir.resolve("strip.jsonl")).excluded());
        assertTrue(console.toString().contains("samples never chosen: 2 (1 truncated, 0 empty, 1 control_tokens)"), console.toString());

        List<PreferencePair> all = edit(input, "all.jsonl", Thinking.STRIP, true, PairFormat.MESSAGES);
        assertEquals(List.of(0L, 1L, 2L), all.stream().map(q -> ((PreferencePair.Sampled) q.origin()).chosenSampleIndex()).toList(), "--allow-truncated");
        assertEquals(0, CurationStats.readFor(dir.resolve("all.jsonl")).excludedTotal());

        // Kept, the thinking is checked too: its comma fails no_comma, and the repair takes it out.
        PreferencePair kept = edit(input, "keep.jsonl", Thinking.KEEP, false, PairFormat.MESSAGES).getFirst();
        assertEquals("<think>hmm let me think</think>\n\nall good here", kept.chosen());
        assertEquals("<think>hmm, let me think</think>\n\nall good here", kept.rejected());

        UserException e = assertThrows(UserException.class, () -> edit(input, "strings.jsonl", Thinking.STRIP, false, PairFormat.STRINGS));
        assertTrue(e.getMessage().contains("--format messages"), e.getMessage());
    }

    @Test
    void spansAreOnTheCheckedAnswer() throws IOException {
        Path[] input = realisticEditInput();
        Path scored = dir.resolve("s4-scored.jsonl");
        new ScoreStage(input[0], input[1], scored, new ScoreStage.Options(Reward.STRICT, false, Thinking.STRIP, null, true, ScoreStage.Verification.IFEVAL, null)).run(context);
        Map<?, ?> reasoning = (Map<?, ?>) Json.parse(Files.readAllLines(scored).getFirst());
        assertEquals(List.of(List.of()), reasoning.get("spans"), "the comma in the thinking is not checked");
        new ScoreStage(input[0], input[1], scored, new ScoreStage.Options(Reward.STRICT, false, Thinking.KEEP, null, true, ScoreStage.Verification.IFEVAL, null)).run(context);
        reasoning = (Map<?, ?>) Json.parse(Files.readAllLines(scored).getFirst());
        assertEquals(List.of(List.of(Map.of("start", 10L, "end", 11L, "label", "comma"))), reasoning.get("spans"), "kept, it is");
    }

    @Test
    void synthMeasuresTiersFromPassRatesAndDropsWhatOverlapsEvaluationPrompts() throws IOException {
        // Measured pass rates for three constraints; the rest keep their priors.
        Path rates = dir.resolve("scored.pass_rates.jsonl");
        Files.writeString(rates, PyJson.dumps(new PassRates(1, List.of("punctuation:no_comma", "detectable_format:title", "startend:quotation"), 10, 1, 1,
                List.of(9, 2, 5), List.of(9, 2, 5), 0.5).toJson()) + "\n");
        Path out = dir.resolve("prompts.jsonl");
        DifficultyThresholds thresholds = new DifficultyThresholds(0.3, 0.7);
        new SynthStage(out, null, null, new SynthStage.Options(150, 3, new IntRange(1, 3), Difficulty.MODERATE, rates, null, "prompt", false, 0.1, 0,
                null, null, thresholds, SynthStage.Options.DEFAULT_CATALOG, null), 2).run(context);
        Hardness hardness = Hardness.read(rates);
        assertEquals(0.8, hardness.of("detectable_format:title"), 1e-12);
        Map<?, ?> stats = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("prompts.stats.json")));
        assertTrue((Long) stats.get("dropped_outside_difficulty_tier") > 0, stats.toString());
        for (String line : Files.readAllLines(out)) {
            Map<?, ?> row = (Map<?, ?>) Json.parse(line);
            double predicted = 1;
            for (Object id : (List<?>) row.get("instruction_id_list")) predicted *= 1 - hardness.of((String) id);
            assertEquals(predicted, (Double) row.get("predicted_pass_rate"), 1e-12);
            assertTrue(predicted >= 0.3 && predicted < 0.7, line);
            assertEquals("moderate", row.get("difficulty"));
        }

        List<String> tasks = List.of("Describe a quiet morning in a small fishing village near the sea during autumn.",
                "Explain how a bicycle gear system helps a rider climb steep hills.", "Write a note to a neighbor about a lost cat.",
                "Plan a picnic for four friends in a city park.", "Review a cookbook of simple soups.");
        Path taskFile = Files.write(dir.resolve("tasks.txt"), tasks);
        Path eval = Files.write(dir.resolve("eval.txt"), List.of("Please " + tasks.get(0) + " Use no commas.", "Write a note to a neighbor about a lost cat."));
        Path decontaminated = dir.resolve("clean.jsonl");
        new SynthStage(decontaminated, null, null, new SynthStage.Options(30, 3, new IntRange(1, 2), Difficulty.MIXED, null, taskFile, "prompt", false,
                0.1, 0, null, new Decontaminate(List.of(eval.toString()), 13, 0.5), null, SynthStage.Options.DEFAULT_CATALOG, null), 2).run(context);
        for (String line : Files.readAllLines(decontaminated)) {
            assertFalse(line.contains("fishing village") || line.contains("lost cat"), line);
        }
        Map<?, ?> d = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(dir.resolve("clean.stats.json")))).get("decontamination");
        assertEquals(2L, d.get("base_tasks_dropped"));
        assertEquals(2L, d.get("eval_prompts"));
    }
}
