package dev.jack.core.curate;

import dev.jack.core.SharedData;
import dev.jack.core.constraint.Broken;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.constraint.ifeval.IfevalCatalog;
import dev.jack.core.constraint.ifeval.NumberOfPlaceholders;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.ResponseFile;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.synth.BaseTask;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.Hardness;
import dev.jack.core.synth.SynthStats;
import dev.jack.core.synth.SynthesizedPrompt;
import dev.jack.core.synth.Synthesizer;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Minimal-edit pairs on two corpora, every pair verified again here: the chosen response follows every constraint
 * (strict), the rejected one fails exactly the named constraint (strict and loose) and follows the others.
 */
class MinimalEditsTest {
    static final Verifier VERIFIER = new Verifier(new TextTools(PunktParameters::english));

    /** Checks one pair from scratch and counts it under its constraint id and direction. */
    private static void verify(List<Constraint> constraints, MinimalEdits.Pair p, boolean loose, Map<String, Integer> counts) {
        Verdicts chosen = VERIFIER.verify(constraints, p.chosen());
        Verdicts rejected = VERIFIER.verify(constraints, p.rejected());
        String where = constraints.get(p.constraint()).id() + " " + p.operation() + "\nchosen: " + p.chosen() + "\nrejected: " + p.rejected();
        assertTrue(chosen.allStrict(), "the chosen response follows every constraint: " + where);
        assertFalse(rejected.strict().get(p.constraint()), "the rejected one fails the named constraint (strict): " + where);
        if (loose) assertFalse(rejected.loose().get(p.constraint()), "the rejected one fails the named constraint (loose): " + where);
        for (int j = 0; j < constraints.size(); j++) {
            if (j != p.constraint()) assertTrue(rejected.strict().get(j), "the rejected one follows " + constraints.get(j).id() + ": " + where);
        }
        assertEquals(chosen, p.chosenVerdicts());
        assertEquals(rejected, p.rejectedVerdicts());
        assertNotEquals(p.chosen(), p.rejected());
        counts.merge(constraints.get(p.constraint()).id() + " " + p.direction(), 1, Integer::sum);
    }

    @Test
    void everySynthesizedConstraintCanBeBrokenOnWitnessesAndEveryPairIsVerified() {
        List<SynthesizedPrompt> prompts = new ArrayList<>();
        Synthesizer.Options options = new Synthesizer.Options(3, 1, 4, Difficulty.MIXED, Hardness.defaults(), Set.of());
        new Synthesizer(BaseTask.builtIn(), options, VERIFIER.text(), new SynthStats()).run(1500, 1, prompts::add);
        Map<String, Integer> counts = new TreeMap<>();
        int flat = 0;
        for (SynthesizedPrompt p : prompts) {
            // A witness follows every constraint: every sample of such a prompt would score the same.
            List<MinimalEdits.Pair> pairs = MinimalEdits.pairs(p.key(), p.constraints(), List.of(p.witness()), VERIFIER,
                    new MinimalEdits.Options(MinimalEdits.Mode.BOTH, 1, 1, false));
            for (MinimalEdits.Pair pair : pairs) verify(p.constraints(), pair, false, counts);
            if (!pairs.isEmpty()) flat++;
        }
        for (String id : Synthesizer.synthesized(IfevalCatalog.SOURCE)) {
            if (id.equals(ResponseLanguage.ID)) continue;
            assertTrue(counts.getOrDefault(id + " BREAK", 0) > 0, "no break pair for " + id + ": " + counts);
        }
        assertTrue(flat > prompts.size() * 0.97, flat + " of " + prompts.size() + " witnesses gave a pair: " + counts);
    }

    /**
     * Prompts that mix IFEval's constraints with IFBench's and IFEvalG's give verified pairs, named by constraints of
     * every catalog (IFEvalG's 29 and some of IFBench's have edits of their own), and an edit is kept only when it leaves
     * the other constraints' verdicts as they were; every span lies in the witness.
     */
    @Test
    void mixedCatalogPromptsGivePairsThatKeepTheOtherCatalogsVerdicts() {
        List<SynthesizedPrompt> prompts = new ArrayList<>();
        Synthesizer.Options options = new Synthesizer.Options(5, 2, 4, Difficulty.MIXED, Hardness.defaults(), Set.of(), Synthesizer.catalog(Synthesizer.ALL));
        new Synthesizer(BaseTask.builtIn(), options, VERIFIER.text(), new SynthStats()).run(800, 1, prompts::add);
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Integer> bySource = new TreeMap<>();
        int mixed = 0;
        int paired = 0;
        for (SynthesizedPrompt p : prompts) {
            List<String> sources = p.constraints().stream().map(c -> ConstraintRegistry.source(c.id())).toList();
            if (!sources.contains(IfevalCatalog.SOURCE) || sources.stream().allMatch(IfevalCatalog.SOURCE::equals)) continue;
            mixed++;
            List<MinimalEdits.Pair> pairs = MinimalEdits.pairs(p.key(), p.constraints(), List.of(p.witness()), VERIFIER,
                    new MinimalEdits.Options(MinimalEdits.Mode.BOTH, 1, 1, false));
            for (MinimalEdits.Pair pair : pairs) {
                verify(p.constraints(), pair, false, counts);
                bySource.merge(sources.get(pair.constraint()), 1, Integer::sum);
            }
            if (!pairs.isEmpty()) paired++;
            for (Constraint c : p.constraints()) {
                for (var span : c.spans(p.witness(), VERIFIER.text())) assertTrue(span.end() <= p.witness().length(), c.id() + " " + span);
            }
        }
        assertTrue(mixed > 200, mixed + " mixed prompts");
        assertTrue(paired > mixed * 0.9, paired + " of " + mixed + " mixed prompts gave a pair: " + counts);
        assertTrue(bySource.keySet().containsAll(List.of("ifeval", "ifevalg", "ifbench")), "pairs by the named constraint's catalog: " + bySource);
        System.out.println("mixed-catalog witnesses: " + paired + " of " + mixed + " give a pair; by catalog " + bySource);
    }

    @Test
    void realResponsesGiveBreaksAndRepairsAndEveryPairIsVerified() {
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(SharedData.require("ifeval/input_data.jsonl"));
        ResponseFile responses = ResponseFile.read(SharedData.require("ifeval/responses_gpt4.jsonl"));
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Integer> looseCounts = new TreeMap<>();
        for (IfevalPrompt p : prompts) {
            String response = responses.require(p);
            for (boolean loose : new boolean[] {false, true}) {
                for (MinimalEdits.Pair pair : MinimalEdits.pairs(p.key(), p.constraints(), List.of(response), VERIFIER,
                        new MinimalEdits.Options(MinimalEdits.Mode.BOTH, 1, 1, loose))) {
                    verify(p.constraints(), pair, loose, loose ? looseCounts : counts);
                }
            }
        }
        // One response per prompt: most give a pair either way; the loose requirement costs a few.
        int strictPairs = counts.values().stream().mapToInt(Integer::intValue).sum();
        int loosePairs = looseCounts.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(strictPairs > 450 && loosePairs > 420 && loosePairs <= strictPairs, strictPairs + " and " + loosePairs + " pairs: " + counts);
        long repaired = counts.entrySet().stream().filter(e -> e.getKey().endsWith("REPAIR")).count();
        assertTrue(repaired >= 8, "repairs of at least 8 kinds of constraint: " + counts);
    }

    /** Cutting 19,999 of 20,000 placeholders takes a few tries (doubling, then bisecting), and cuts as many as one at a time would. */
    @Test
    void manyUnitsAreCutAsOneAtATimeWouldCutThem() {
        String response = "[a] ".repeat(20_000);
        List<Constraint> constraints = List.of(new NumberOfPlaceholders(2));
        List<MinimalEdits.Pair> pairs = MinimalEdits.pairs(1, constraints, List.of(response), VERIFIER, new MinimalEdits.Options(MinimalEdits.Mode.BREAK, 1, 1, false));
        assertEquals(1, pairs.size());
        String rejected = pairs.getFirst().rejected();
        assertEquals(1, (rejected.length() - rejected.replace("[a]", "").length()) / 3, "the fewest cuts that break at least 2: one placeholder left");
        verify(constraints, pairs.getFirst(), false, new TreeMap<>());
    }

    /** A constraint whose edit code throws: that response gets no pair, and the run goes on. */
    @Test
    void editCodeThatThrowsGivesNoPair() {
        assertEquals(List.of(), MinimalEdits.pairs(1, List.of(new Broken(true)), List.of("a response"), VERIFIER,
                new MinimalEdits.Options(MinimalEdits.Mode.BREAK, 1, 1, false)));
    }
}
