package dev.jack.pipeline.stage;

import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PairFormat;
import dev.jack.core.data.PreferencePair;
import dev.jack.core.text.Thinking;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import dev.jack.core.synth.DifficultyThresholds;
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
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ablations on a synthetic run whose right matching is worked out by hand: five prompts with two constraints
 * each (rewards 0, 0.5, 1), four samples each, and a tree search's pairs and journal.
 *
 * <pre>
 * key  sample rewards     pass@1  tier (0.3,0.7)   high-contrast pairs (2 per prompt)   low-contrast pairs
 *  1   1, 1, 0.5, 0       0.50    moderate          gap 1, gap 0.5                       gap 0.5, gap 1
 *  2   1, 0.5, 0, 0       0.25    hard              gap 1, gap 0.5                       gap 0.5
 *  3   1, 1, 1, 0.5       0.75    easy              gap 0.5                              gap 0.5
 *  4   0.5 x4             0       hard              -                                    -
 *  5   1 x4               1       easy              -                                    -
 * </pre>
 */
class AblateStageTest {
    @TempDir
    Path dir;

    static final double[][] REWARDS = {{1, 1, 0.5, 0}, {1, 0.5, 0, 0}, {1, 1, 1, 0.5}, {0.5, 0.5, 0.5, 0.5}, {1, 1, 1, 1}};

    static String prompt(long key) {
        return "Write a long and careful essay number " + key + " about the history of rivers and mountains please.";
    }

    private Path scored() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int k = 1; k <= REWARDS.length; k++) {
            for (int i = 0; i < 4; i++) {
                double r = REWARDS[k - 1][i];
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", (long) k);
                row.put("sample_index", (long) i);
                row.put("prompt", prompt(k));
                // Key 1's worst sample is long: the one pair the length filter should notice.
                row.put("response", k == 1 && i == 3 ? "response " + k + "-" + i + " that goes on and on for a long while" : "response " + k + "-" + i);
                row.put("finish_reason", "stop");
                row.put("completion_tokens", 10L);
                row.put("seed", (long) (10 * k + i));
                row.put("instruction_id_list", List.of("a:x", "b:y"));
                List<Boolean> verdicts = r == 1 ? List.of(true, true) : r == 0.5 ? List.of(true, false) : List.of(false, false);
                row.put("strict", verdicts);
                row.put("loose", verdicts);
                row.put("reward_strict", r);
                row.put("reward_loose", r);
                row.put("reward", r);
                rows.add(PyJson.dumps(row));
            }
        }
        return Files.write(dir.resolve("scored.jsonl"), rows);
    }

    private static String treePair(long key, int depth, double chosen, double rejected) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("prompt", prompt(key));
        row.put("chosen", "tree good " + key + " " + depth);
        row.put("rejected", "tree bad! " + key + " " + depth);
        row.put("key", key);
        row.put("chosen_reward", chosen);
        row.put("rejected_reward", rejected);
        row.put("contrast", "tree");
        row.put("method", "mcts");
        row.put("depth", (long) depth);
        row.put("shared_prefix_chars", depth == 0 ? 0L : 12L);
        row.put("shared_prefix_tokens", depth == 0 ? 0L : 3L);
        return PyJson.dumps(row);
    }

    /** Tree pairs: key 1 shares prefixes at gap 0.5 but its depth-0 pair has gap 1; key 2 has both at 0.5; key 3 only a depth-0 pair. */
    private Path mcts() throws IOException {
        Path file = Files.write(dir.resolve("mcts.jsonl"), List.of(treePair(1, 1, 1, 0.5), treePair(1, 2, 0.5, 0), treePair(1, 0, 1, 0),
                treePair(2, 1, 1, 0.5), treePair(2, 0, 0.5, 0), treePair(3, 0, 1, 0.5)));
        long[] spent = {30, 100, 10, 25, 1000};
        List<String> journal = new ArrayList<>();
        for (int k = 1; k <= 5; k++) journal.add("{\"key\": " + k + ", \"llm_calls\": 3, \"generated_tokens\": " + spent[k - 1] + ", \"nodes\": 4, \"pairs\": []}");
        Files.write(dir.resolve("mcts.jsonl.journal.jsonl"), journal);
        return file;
    }

    private Map<?, ?> ablate(Path scored, Path mcts, String out, AblateStage.Options options, StringWriter console) throws IOException {
        StageContext context = new StageContext(Map.of(), new PrintWriter(console, true), new PrintWriter(new StringWriter(), true), false);
        new AblateStage(scored, mcts, null, dir.resolve(out), options).run(context);
        return (Map<?, ?>) Json.parse(Files.readString(dir.resolve(out).resolve("ablations.json")));
    }

    private List<PreferencePair> variant(String out, String name) {
        return JsonlReader.readAll(dir.resolve(out).resolve(name + ".jsonl"), PreferencePair::read);
    }

    /** Pairs per prompt key, and each pair's gap, in order. */
    private static Map<Long, List<Double>> gaps(List<PreferencePair> pairs) {
        Map<Long, List<Double>> out = new TreeMap<>();
        for (PreferencePair p : pairs) out.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.rewardGap());
        return out;
    }

    static final RsStage.Options PAIRING = AblateStage.Options.pairing(2, 0, 0.5, 7, PairFormat.STRINGS, false, Thinking.STRIP, false);

    static AblateStage.Options options(AblateStage.PrefixControl control, boolean matchLength, Long budget, Decontaminate decontaminate) {
        return new AblateStage.Options(PAIRING, 0.1, control, matchLength, 0.1, AblateStage.DifficultyBy.MEASURED, DifficultyThresholds.DEFAULT,
                budget, decontaminate);
    }

    @Test
    void eachComparisonIsMatchedAsWorkedOutByHand() throws IOException {
        Path scored = scored();
        StringWriter console = new StringWriter();
        Map<?, ?> doc = ablate(scored, mcts(), "a", options(AblateStage.PrefixControl.DEPTH0, false, 50L, null), console);
        Map<?, ?> variants = (Map<?, ?>) doc.get("variants");
        assertEquals(List.of("contrast-high", "contrast-low", "contrast-mixed", "quality-perfect", "quality-relative", "prefix-shared", "prefix-none",
                "difficulty-easy", "difficulty-moderate", "difficulty-hard", "budget-rs", "budget-mcts"), List.copyOf(variants.keySet()));

        // Contrast: prompts 1-3 in every arm, as many pairs per prompt as the arm with fewest (key 2: low has 1).
        for (String arm : List.of("contrast-high", "contrast-low", "contrast-mixed")) {
            Map<Long, List<Double>> g = gaps(variant("a", arm));
            assertEquals(List.of(1L, 2L, 3L), List.copyOf(g.keySet()), arm);
            assertEquals(List.of(2, 1, 1), g.values().stream().map(List::size).toList(), arm);
        }
        assertEquals(List.of(1.0), gaps(variant("a", "contrast-high")).get(2L), "high keeps key 2's first pair, best against worst");
        Map<?, ?> contrastCounts = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) doc.get("comparisons")).get("contrast")).get("pairs");
        assertEquals(Map.of("candidates", 5L, "kept", 4L), contrastCounts.get("contrast-high"));

        // Quality: only key 2 has both a perfect chosen response and a merely better one at the same gap (0.5).
        List<PreferencePair> perfect = variant("a", "quality-perfect");
        List<PreferencePair> relative = variant("a", "quality-relative");
        assertEquals(1, perfect.size());
        assertEquals(1, relative.size());
        assertEquals(List.of(2L, 1.0, 0.5), List.of(perfect.getFirst().key(), perfect.getFirst().chosenReward(), perfect.getFirst().rejectedReward()));
        assertEquals(List.of(2L, 0.5, 0.0), List.of(relative.getFirst().key(), relative.getFirst().chosenReward(), relative.getFirst().rejectedReward()));

        // Prefix against the same searches' depth-0 pairs: key 2 alone matches (key 1's depth-0 gap is 1, key 3 has no shared prefix).
        assertEquals(Map.of(2L, List.of(0.5)), gaps(variant("a", "prefix-shared")));
        assertEquals(Map.of(2L, List.of(0.5)), gaps(variant("a", "prefix-none")));
        assertEquals(0, variant("a", "prefix-none").getFirst().depth());

        // Difficulty by measured pass@1: one pair of gap 0.5 per tier (the only bin all three have).
        assertEquals(Map.of(3L, List.of(0.5)), gaps(variant("a", "difficulty-easy")));
        assertEquals(Map.of(1L, List.of(0.5)), gaps(variant("a", "difficulty-moderate")));
        assertEquals(Map.of(2L, List.of(0.5)), gaps(variant("a", "difficulty-hard")));
        Map<?, ?> difficulty = (Map<?, ?>) ((Map<?, ?>) doc.get("comparisons")).get("difficulty");
        assertEquals(Map.of("easy", 2L, "moderate", 1L, "hard", 2L), difficulty.get("prompts_per_tier"));
        assertEquals(0.5, ((Map<?, ?>) variants.get("difficulty-moderate")).get("mean_pass_at_1"));

        // Budget 50: keys 1, 3, 4 (their searches spent 30, 10, 25); RS gets key 1's first 3 samples, key 3's first, key 4's first 2.
        assertEquals(Map.of(1L, List.of(0.5)), gaps(variant("a", "budget-rs")));
        assertEquals(Map.of(1L, List.of(0.5, 0.5, 1.0), 3L, List.of(0.5)), gaps(variant("a", "budget-mcts")));
        Map<?, ?> budget = (Map<?, ?>) ((Map<?, ?>) doc.get("comparisons")).get("budget");
        assertEquals(3L, budget.get("prompts"));
        assertEquals(2L, budget.get("prompts_over_budget"));
        Map<?, ?> tokens = (Map<?, ?>) budget.get("mean_tokens_per_prompt");
        assertEquals(20.0, (Double) tokens.get("budget-rs"), 1e-12);
        assertEquals(65.0 / 3, (Double) tokens.get("budget-mcts"), 1e-12);
        assertEquals(30L, variant("a", "budget-rs").getFirst().promptGeneratedTokens(), "the cut prompt's cost");

        // Every variant reports its length bias: chosen minus rejected characters.
        List<PreferencePair> high = variant("a", "contrast-high");
        double bias = high.stream().mapToDouble(p -> p.chosen().length() - p.rejected().length()).average().orElseThrow();
        assertEquals(bias, (Double) ((Map<?, ?>) variants.get("contrast-high")).get("length_bias_chars"), 1e-12);
        assertTrue(console.toString().contains("difficulty-moderate"), console.toString());
    }

    @Test
    void theControlCanBeRejectionSamplingAndLengthCanBeMatched() throws IOException {
        Path scored = scored();
        Map<?, ?> doc = ablate(scored, mcts(), "rs", options(AblateStage.PrefixControl.RS, true, null, null), new StringWriter());
        // Against high-contrast RS pairs: keys 1 and 2 both have a gap-0.5 pair on each side.
        assertEquals(Map.of(1L, List.of(0.5), 2L, List.of(0.5)), gaps(variant("rs", "prefix-shared")));
        assertEquals("rs", variant("rs", "prefix-none").getFirst().method());
        for (Object name : ((Map<?, ?>) doc.get("variants")).keySet()) {
            for (PreferencePair p : variant("rs", (String) name)) {
                assertTrue(Math.abs(p.chosen().length() - p.rejected().length()) <= 0.1 * Math.max(p.chosen().length(), p.rejected().length()), name + ": " + p);
            }
        }
        Map<?, ?> contrast = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) doc.get("comparisons")).get("contrast")).get("pairs");
        assertEquals(4L, ((Map<?, ?>) contrast.get("contrast-high")).get("similar_length"), "key 1's pair against its long response is left out");
        assertTrue(((String) ((Map<?, ?>) ((Map<?, ?>) doc.get("comparisons")).get("contrast")).get("held_fixed")).contains("similar length"));
    }

    @Test
    void decontaminationDropsTheOverlappingPromptEverywhere() throws IOException {
        Path eval = Files.writeString(dir.resolve("eval.txt"), prompt(3) + "\nAn unrelated evaluation prompt about something else entirely.\n");
        Map<?, ?> doc = ablate(scored(), mcts(), "d", options(AblateStage.PrefixControl.DEPTH0, false, null,
                new Decontaminate(List.of(eval.toString()), 13, 0.5)), new StringWriter());
        Map<?, ?> d = (Map<?, ?>) doc.get("decontamination");
        assertEquals(1L, d.get("prompts_dropped"));
        assertEquals(List.of(3L), d.get("dropped_keys"));
        assertEquals(2L, d.get("eval_prompts"));
        for (Object name : ((Map<?, ?>) doc.get("variants")).keySet()) {
            assertTrue(variant("d", (String) name).stream().noneMatch(p -> p.key() == 3L), name + " holds no pair of prompt 3");
        }
    }

    @Test
    void withMaxPairsOneTheHighContrastVariantIsCurateRs() throws IOException {
        Path scored = scored();
        StageContext context = new StageContext(Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), false);
        RsStage.Options rs = new RsStage.Options(RejectionSampling.Contrast.HIGH, 0.5, 0, 1, 7, PairFormat.STRINGS, false, null, Thinking.STRIP, false);
        new RsStage(scored, dir.resolve("pairs-rs.jsonl"), rs, null).run(context);
        new AblateStage(scored, null, null, dir.resolve("one"), new AblateStage.Options(rs)).run(context);
        assertArrayEquals(Files.readAllBytes(dir.resolve("pairs-rs.jsonl")), Files.readAllBytes(dir.resolve("one/contrast-high.jsonl")),
                "one function, one configuration");
        // One pair per prompt leaves no gap bin that all three tiers share: each tier is empty, and still written and listed.
        Map<?, ?> variants = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(dir.resolve("one/ablations.json")))).get("variants");
        for (String tier : List.of("easy", "moderate", "hard")) {
            assertEquals("", Files.readString(dir.resolve("one/difficulty-" + tier + ".jsonl")), "an empty variant is still a file");
            assertEquals(0L, ((Map<?, ?>) variants.get("difficulty-" + tier)).get("pairs"));
        }
    }
}
