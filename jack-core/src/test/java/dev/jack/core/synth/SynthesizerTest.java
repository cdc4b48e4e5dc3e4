package dev.jack.core.synth;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.constraint.ifeval.ForbiddenWords;
import dev.jack.core.constraint.ifeval.KeywordsExistence;
import dev.jack.core.constraint.ifeval.LetterFrequency;
import dev.jack.core.constraint.ifeval.MultipleSections;
import dev.jack.core.constraint.ifeval.NthParagraphFirstWord;
import dev.jack.core.constraint.ifeval.NumberOfBulletLists;
import dev.jack.core.constraint.ifeval.NumberOfHighlightedSections;
import dev.jack.core.constraint.ifeval.NumberOfParagraphs;
import dev.jack.core.constraint.ifeval.NumberOfPlaceholders;
import dev.jack.core.constraint.ifeval.NumberOfSentences;
import dev.jack.core.constraint.ifeval.NumberOfWords;
import dev.jack.core.constraint.ifeval.RepeatPrompt;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.Json;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynthesizerTest {
    static final TextTools TEXT = WitnessChecks.TEXT;
    static final int LARGE = 20_000;
    static List<SynthesizedPrompt> large;
    static SynthStats largeStats;

    static List<SynthesizedPrompt> synthesize(int count, Synthesizer.Options options, SynthStats stats) {
        List<SynthesizedPrompt> out = new ArrayList<>();
        new Synthesizer(BaseTask.builtIn(), options, TEXT, stats).run(count, 1, out::add);
        return out;
    }

    static Synthesizer.Options options(long seed, int min, int max, Difficulty difficulty) {
        return new Synthesizer.Options(seed, min, max, difficulty, Hardness.defaults(), Set.of());
    }

    @BeforeAll
    static void largeRun() {
        largeStats = new SynthStats();
        large = synthesize(LARGE, options(7, 1, 6, Difficulty.MIXED), largeStats);
    }

    @Test
    void theCorpusHasThreeThousandDistinctTasksInTwelveCategories() {
        List<BaseTask> tasks = BaseTask.builtIn();
        assertTrue(tasks.size() >= 3000, "tasks: " + tasks.size());
        assertEquals(tasks.size(), tasks.stream().map(BaseTask::text).distinct().count());
        assertTrue(tasks.stream().map(BaseTask::category).distinct().count() >= 12);
        for (BaseTask t : tasks) {
            assertTrue(t.text().matches("[A-Z][^,0-9{}]*[.?]"), "a plain sentence without commas or digits: " + t.text());
            assertFalse(t.text().contains("  "), t.text());
        }
    }

    @Test
    void promptsAreUniqueAfterNormalization() {
        Set<String> seen = new HashSet<>();
        for (SynthesizedPrompt p : large) assertTrue(seen.add(p.prompt().toLowerCase().replaceAll("\\s+", " ")), p.prompt());
        assertEquals(LARGE, large.size());
    }

    @Test
    void everyWitnessPassesEveryConstraintAfterARoundTripThroughTheFileFormat(@TempDir Path dir) throws IOException {
        WitnessChecks.assertWitnessesPassAfterARoundTrip(large, dir);
    }

    @Test
    void forbiddenPairsNeverAppearAndEveryAllowedPairDoes() {
        for (SynthesizedPrompt p : large) {
            List<String> ids = p.instructionIds();
            assertEquals(ids.size(), new HashSet<>(ids).size(), "no constraint twice");
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    assertEquals(Optional.empty(), ConstraintRegistry.conflict(ids.get(i), ids.get(j)), ids.get(i) + " with " + ids.get(j));
                }
            }
        }
        List<String> missing = SynthStats.allowedPairs(Synthesizer.synthesized("ifeval")).stream().filter(pair -> !largeStats.pairCounts().containsKey(pair)).toList();
        assertTrue(missing.isEmpty(), "allowed pairs never drawn: " + missing);
        assertEquals(Synthesizer.synthesized("ifeval").size(), largeStats.constraintCounts().size(), "every constraint is used");
    }

    @Test
    void parametersStayInTheirRanges() {
        for (SynthesizedPrompt p : large) {
            Map<String, Map<String, Object>> kwargs = new java.util.HashMap<>();
            for (Constraint c : p.constraints()) kwargs.put(c.id(), c.kwargs());
            kwargs.forEach((id, k) -> {
                switch (id) {
                    case NumberOfParagraphs.ID -> assertRange(k.get("num_paragraphs"), 1, 5);
                    case NthParagraphFirstWord.ID -> {
                        assertRange(k.get("num_paragraphs"), 1, 5);
                        assertRange(k.get("nth_paragraph"), 1, (Integer) k.get("num_paragraphs"));
                    }
                    case NumberOfBulletLists.ID -> assertRange(k.get("num_bullets"), 1, 5);
                    case NumberOfHighlightedSections.ID -> assertRange(k.get("num_highlights"), 1, 4);
                    case NumberOfPlaceholders.ID -> assertRange(k.get("num_placeholders"), 1, 4);
                    case MultipleSections.ID -> assertRange(k.get("num_sections"), 2, 5);
                    case NumberOfWords.ID -> assertRange(k.get("num_words"), 5, 2000);
                    case NumberOfSentences.ID -> assertRange(k.get("num_sentences"), 1, 200);
                    case KeywordsExistence.ID -> assertTrue(((List<?>) k.get("keywords")).size() >= 2);
                    default -> { }
                }
            });
            if (kwargs.containsKey(KeywordsExistence.ID) && kwargs.containsKey(ForbiddenWords.ID)) {
                List<?> forbidden = (List<?>) kwargs.get(ForbiddenWords.ID).get("forbidden_words");
                for (Object kw : (List<?>) kwargs.get(KeywordsExistence.ID).get("keywords")) assertFalse(forbidden.contains(kw), p.prompt());
            }
            if (kwargs.containsKey(LetterFrequency.ID) && "less than".equals(kwargs.get(LetterFrequency.ID).get("let_relation"))) {
                assertTrue(LetterFrequency.RARE_LETTERS.contains((String) kwargs.get(LetterFrequency.ID).get("letter")));
            }
            if (kwargs.containsKey(RepeatPrompt.ID)) {
                assertTrue(p.prompt().startsWith(p.task().text()), "the request to repeat opens the prompt");
                assertEquals(p.task().text(), kwargs.get(RepeatPrompt.ID).get("prompt_to_repeat"));
            }
        }
    }

    /** Every IFEval scorer counts an a–z target as given (others get a random letter in the older reference and lm-evaluation-harness). */
    @Test
    void letterTargetsAreLettersEveryScorerAgreesOn() {
        int withLanguage = 0;
        for (SynthesizedPrompt p : large) {
            Map<String, Map<String, Object>> kwargs = new java.util.HashMap<>();
            for (Constraint c : p.constraints()) kwargs.put(c.id(), c.kwargs());
            if (!kwargs.containsKey(LetterFrequency.ID)) continue;
            String letter = (String) kwargs.get(LetterFrequency.ID).get("letter");
            assertTrue(letter.matches("[a-z]"), "target \"" + letter + "\" in " + p.prompt());
            if (kwargs.containsKey(ResponseLanguage.ID)) {
                withLanguage++;
                assertNotEquals("ru", kwargs.get(ResponseLanguage.ID).get("language"), "a script without a-z letters: " + p.prompt());
            }
        }
        assertTrue(withLanguage > 50, "letter frequency in another language is exercised: " + withLanguage);
    }

    private static void assertRange(Object value, int lo, int hi) {
        int v = (Integer) value;
        assertTrue(v >= lo && v <= hi, v + " not in " + lo + ".." + hi);
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        List<String> a = synthesize(2000, options(3, 1, 6, Difficulty.MIXED), new SynthStats()).stream().map(SynthesizedPrompt::toJsonLine).toList();
        List<String> b = synthesize(2000, options(3, 1, 6, Difficulty.MIXED), new SynthStats()).stream().map(SynthesizedPrompt::toJsonLine).toList();
        List<String> c = synthesize(2000, options(4, 1, 6, Difficulty.MIXED), new SynthStats()).stream().map(SynthesizedPrompt::toJsonLine).toList();
        assertEquals(a, b);
        assertNotEquals(a, c);
        List<String> parallel = new ArrayList<>();
        new Synthesizer(BaseTask.builtIn(), options(3, 1, 6, Difficulty.MIXED), TEXT, new SynthStats())
                .run(2000, 1, 2, p -> parallel.add(p.toJsonLine()));
        assertEquals(a, parallel, "the thread count does not change the output");
    }

    @Test
    void difficultyAndConstraintCountsAreHonoured() {
        for (SynthesizedPrompt p : synthesize(2000, options(5, 1, 6, Difficulty.EASY), new SynthStats())) {
            assertTrue(p.constraints().size() <= 2);
            assertEquals(Difficulty.EASY, p.difficulty());
        }
        for (SynthesizedPrompt p : synthesize(2000, options(5, 1, 6, Difficulty.HARD), new SynthStats())) {
            assertTrue(p.constraints().size() >= 4);
        }
        for (SynthesizedPrompt p : synthesize(2000, options(5, 3, 3, Difficulty.MIXED), new SynthStats())) {
            assertEquals(3, p.constraints().size());
        }
        // Hard prompts lean on hard constraints, easy ones on easy constraints.
        double hard = meanHardness(Difficulty.HARD);
        double easy = meanHardness(Difficulty.EASY);
        assertTrue(hard > easy + 0.05, "hard " + hard + " vs easy " + easy);
    }

    private static double meanHardness(Difficulty d) {
        Hardness h = Hardness.defaults();
        return synthesize(3000, options(9, 1, 6, d), new SynthStats()).stream()
                .flatMap(p -> p.instructionIds().stream()).mapToDouble(h::of).average().orElseThrow();
    }

    @Test
    void splitsHaveDisjointTasksAndTrainAvoidsHeldOutPairs() {
        List<SplitPlan.Part> parts = SplitPlan.trainTest(BaseTask.builtIn(), 3000, 0.2, 0.2, 11, Synthesizer.synthesized("ifeval"), List.of());
        SplitPlan.Part train = parts.get(0);
        SplitPlan.Part test = parts.get(1);
        assertEquals(2400, train.count());
        assertEquals(600, test.count());
        Set<String> trainTasks = new HashSet<>(train.tasks().stream().map(BaseTask::text).toList());
        assertTrue(test.tasks().stream().noneMatch(t -> trainTasks.contains(t.text())));
        assertFalse(train.heldOutPairs().isEmpty());
        List<SynthesizedPrompt> prompts = new ArrayList<>();
        new Synthesizer(train.tasks(), new Synthesizer.Options(11, 1, 6, Difficulty.MIXED, Hardness.defaults(), train.heldOutPairs()),
                TEXT, new SynthStats()).run(train.count(), 1, prompts::add);
        for (SynthesizedPrompt p : prompts) {
            assertTrue(trainTasks.contains(p.task().text()));
            List<String> ids = p.instructionIds();
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) assertFalse(train.heldOutPairs().contains(Synthesizer.pairKey(ids.get(i), ids.get(j))));
            }
        }
    }

    @Test
    void outputRowsAreIfevalInputsWithMetadata() {
        Map<?, ?> row = (Map<?, ?>) Json.parse(large.getFirst().toJsonLine());
        assertEquals(List.of("key", "prompt", "instruction_id_list", "kwargs", "base_task_id", "category", "k", "difficulty", "seed"),
                new ArrayList<>(((Map<?, ?>) row).keySet()));
        Map<?, ?> witness = (Map<?, ?>) Json.parse(large.getFirst().witnessJsonLine());
        assertEquals(List.of("key", "prompt", "response"), new ArrayList<>(witness.keySet()));
        assertEquals(row.get("prompt"), witness.get("prompt"));
    }

    @Test
    void hardnessComesFromPassRates(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("h.json"), "{\"punctuation:no_comma\": {\"pass_rate\": 0.9}, \"startend:quotation\": 0.75}");
        Hardness h = Hardness.read(file);
        assertEquals(0.1, h.of("punctuation:no_comma"), 1e-9);
        assertEquals(0.75, h.of("startend:quotation"), 1e-9);
        assertEquals(Hardness.defaults().of("detectable_format:title"), h.of("detectable_format:title"));
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"punctuation:no_comma\": 2}");
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.jack.core.data.DataFileException.class, () -> Hardness.read(bad));
        assertTrue(e.getMessage().contains("between 0 and 1"));
    }

    @Test
    void usersBringTheirOwnTasks(@TempDir Path dir) throws IOException {
        Path txt = Files.writeString(dir.resolve("tasks.txt"), "Describe your favorite season.\n\nDescribe your favorite season.\nWrite a note to a friend.\n");
        assertEquals(List.of("Describe your favorite season.", "Write a note to a friend."), BaseTask.read(txt, "prompt").stream().map(BaseTask::text).toList());
        Path jsonl = Files.writeString(dir.resolve("tasks.jsonl"), "{\"instruction\": \"Plan a picnic.\", \"category\": \"plan\"}\n");
        BaseTask t = BaseTask.read(jsonl, "instruction").getFirst();
        assertEquals("plan", t.category());
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.jack.core.data.DataFileException.class, () -> BaseTask.read(jsonl, "prompt"));
        assertTrue(e.getMessage().contains(":1: prompt: is missing"), e.getMessage());
        JsonlReader.forEach(jsonl, row -> assertEquals("Plan a picnic.", row.string("instruction")));
    }

    @Test
    void everyConstraintHasThreeWordingsAndFilledPlaceholders() {
        for (String id : Synthesizer.synthesized("ifeval")) assertTrue(ConstraintRegistry.type(id).phrasings().size() >= 3, id);
        for (SynthesizedPrompt p : large.subList(0, 2000)) assertFalse(p.prompt().matches("(?s).*\\{[a-z_]+}.*"), p.prompt());
    }

    @Test
    void everyIfbenchAndIfevalgConstraintSynthesizesOnItsOwnWithWitnessesThatPass(@TempDir Path dir) throws IOException {
        for (String id : java.util.stream.Stream.concat(Synthesizer.catalog("ifbench").stream(), Synthesizer.catalog("ifevalg").stream()).toList()) {
            Synthesizer.Options only = new Synthesizer.Options(13, 1, 1, Difficulty.MIXED, Hardness.defaults(), Set.of(), List.of(id));
            SynthStats stats = new SynthStats();
            List<SynthesizedPrompt> prompts = synthesize(12, only, stats);
            assertEquals(12, prompts.size(), id);
            assertTrue(stats.droppedWithoutWitness() <= 2, id + " dropped " + stats.droppedWithoutWitness() + " of 14 or more attempts");
            WitnessChecks.assertWitnessesPassAfterARoundTrip(prompts, dir);
            for (SynthesizedPrompt p : prompts) assertFalse(p.prompt().matches("(?s).*\\{[a-z_A-Z]+}.*"), p.prompt());
        }
    }

    @Test
    void allCatalogsMixWithConflictsRespectedAloneConstraintsAloneAndWitnessesThatPass(@TempDir Path dir) throws IOException {
        List<String> all = Synthesizer.catalog(Synthesizer.ALL);
        assertTrue(all.containsAll(Synthesizer.catalog("ifbench")) && all.containsAll(Synthesizer.catalog("ifevalg")));
        SynthStats stats = new SynthStats();
        List<SynthesizedPrompt> prompts = synthesize(4000, new Synthesizer.Options(21, 1, 6, Difficulty.MIXED, Hardness.defaults(), Set.of(), all), stats);
        WitnessChecks.assertWitnessesPassAfterARoundTrip(prompts, dir);
        for (SynthesizedPrompt p : prompts) {
            List<String> ids = p.instructionIds();
            for (String id : ids) {
                if (ConstraintRegistry.type(id).alone().isPresent()) assertEquals(List.of(id), ids, "an always-alone constraint shares no prompt");
            }
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) assertEquals(Optional.empty(), ConstraintRegistry.conflict(ids.get(i), ids.get(j)));
            }
        }
        assertTrue(stats.droppedWithoutWitness() < 40, "dropped " + stats.droppedWithoutWitness() + " of 4000");
        assertTrue(stats.pairCoverage() > 0.9, "pair coverage " + stats.pairCoverage());
    }

    @Test
    void aHeldOutCatalogStaysOutOfTrainingAndComesIntoTest() {
        List<String> all = Synthesizer.catalog(Synthesizer.ALL);
        List<String> ifbench = Synthesizer.catalog("ifbench");
        List<SplitPlan.Part> parts = SplitPlan.trainTest(BaseTask.builtIn(), 2000, 0.25, 0, 3, Synthesizer.catalog("ifevalg"), ifbench);
        assertTrue(parts.get(0).constraints().stream().noneMatch(ifbench::contains));
        assertEquals(Synthesizer.catalog("ifevalg"), parts.get(0).constraints());
        assertTrue(parts.get(1).constraints().containsAll(ifbench), "the test split draws from the held-out catalog");
        List<SynthesizedPrompt> train = new ArrayList<>();
        new Synthesizer(parts.get(0).tasks(), new Synthesizer.Options(3, 1, 6, Difficulty.MIXED, Hardness.defaults(), parts.get(0).heldOutPairs(),
                parts.get(0).constraints()), TEXT, new SynthStats()).run(parts.get(0).count(), 1, train::add);
        for (SynthesizedPrompt p : train) assertTrue(p.instructionIds().stream().noneMatch(ifbench::contains), p.instructionIds().toString());
        assertTrue(all.size() > ifbench.size());
    }

    @Test
    void catalogsAreNamedBySourceOrAll() {
        assertEquals(Synthesizer.synthesized("ifeval"), Synthesizer.catalog("ifeval"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Synthesizer.catalog("ifbenchh"));
        assertTrue(e.getMessage().contains("unknown catalog \"ifbenchh\"") && e.getMessage().contains("ifbench") && e.getMessage().contains("all"),
                e.getMessage());
        // Custom tasks of IFBench are tasks with fixed answers, not constraints a base task can carry.
        assertFalse(ConstraintRegistry.type("custom:csv_city").isSynthesized());
        assertTrue(ConstraintRegistry.type("copy:copy").alone().isPresent());
    }
}
