package dev.jack.core.data;

import dev.jack.core.SharedData;
import dev.jack.core.json.AsciiJson;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dataset records read Jack's rows and write them back byte for byte, and keep what other tools' rows carry. */
class DataRecordsTest {
    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    private static JsonlReader.Row row(String line) {
        return new JsonlReader.Row(Path.of("f.jsonl"), 3, (Map<String, Object>) Json.parse(line));
    }

    private static final String SAMPLE = "{\"key\": 1, \"sample_index\": 0, \"prompt\": \"Write \\u00e9.\", \"response\": \" t49$\", "
            + "\"finish_reason\": \"stop\", \"prompt_tokens\": 256, \"completion_tokens\": 9, \"model\": \"tiny\", \"endpoint\": \"chat\", "
            + "\"params\": {\"temperature\": 1.0, \"top_p\": null, \"top_k\": null, \"max_tokens\": 128, \"system\": null, \"logprobs\": 2}, "
            + "\"seed\": 1032181251, \"logprobs\": [{\"token\": \" t\", \"id\": 7, \"logprob\": -0.25, \"top\": [{\"token\": \" t\", \"logprob\": -0.25}]}]}";

    /**
     * A scored row written field by field ({@code jack score}'s lines) is the bytes of its map, for every shared row that
     * keeps no field of its own (one that does may name one of score's: score writes those through the map).
     */
    @Test
    void scoredRowsWrittenFieldByFieldAreTheirMapsBytes() throws IOException {
        AsciiJson fields = new AsciiJson(16);
        long rows = 0;
        List<JsonlReader.Row> lines = new ArrayList<>(List.of(row(SAMPLE)));
        for (Path file : SharedData.jsonlFiles()) {
            for (String line : Files.readAllLines(file)) {
                if (!line.startsWith("{\"")) continue;
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) Json.parse(line);
                m.putIfAbsent("key", (long) lines.size());  // a response file's rows have none
                if (!(m.get("key") instanceof Long)) continue;  // IFBench's keys are strings of digits
                lines.add(new JsonlReader.Row(file, lines.size(), m));
            }
        }
        for (JsonlReader.Row line : lines) {
            Sample sample = Sample.read(line);
            if (!sample.other().isEmpty()) continue;
            ScoredSample s = new ScoredSample(sample, List.of("<|eot_id|>"), List.of("a:b", "c:d"), List.of(true, false),
                    List.of(true, true), 0.5, 1.0, 0.5);
            fields.clear();
            fields.beginObject();
            s.fields(fields::field);
            assertEquals(PyJson.dumps(s.toJson()), fields.endObject().toString());
            rows++;
        }
        assertTrue(rows > 500, "rows: " + rows);
    }

    @Test
    void samplesAndScoresRoundTripByteForByte() {
        assertEquals(SAMPLE, PyJson.dumps(Sample.read(row(SAMPLE)).toJson()));
        String scored = SAMPLE.substring(0, SAMPLE.length() - 1) + ", \"control_tokens\": [\"<|eot_id|>\"], \"instruction_id_list\": [\"punctuation:no_comma\"], "
                + "\"strict\": [true], \"loose\": [true], \"reward_strict\": 1.0, \"reward_loose\": 1.0, \"reward\": 1.0}";
        ScoredSample s = ScoredSample.read(row(scored));
        assertEquals(1.0, s.reward());
        assertEquals(List.of(true), s.strict());
        assertEquals(List.of("<|eot_id|>"), s.controlTokens());
        assertEquals(scored, PyJson.dumps(s.toJson()));
    }

    @Test
    void aReasoningModelsThinkingHasItsOwnFieldAndTheSystemPromptIsInParams() {
        String line = "{\"key\": 2, \"prompt\": \"Hi\", \"response\": \"Arr.\", \"reasoning_content\": \"Be a pirate.\", \"finish_reason\": \"stop\", "
                + "\"params\": {\"system\": \"You are a pirate.\"}}";
        Sample s = Sample.read(row(line));
        assertEquals("Be a pirate.", s.reasoningContent());
        assertEquals("You are a pirate.", s.system());
        assertEquals(line, PyJson.dumps(s.toJson()));
        assertNull(Sample.read(row(SAMPLE)).system(), "params.system null: no system prompt");
    }

    @Test
    void aPairsPromptIsTheConversationItsResponsesWereDrawnFrom() {
        PreferencePair p = PreferencePair.read(row("{\"prompt\": \"P\", \"chosen\": \"a\", \"rejected\": \"b\"}"));
        PreferencePair pirate = new PreferencePair("You are a pirate.", p.prompt(), p.chosen(), p.rejected(), null, null, 1, 0, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        String messages = PyJson.dumps(pirate.toJson(PairFormat.MESSAGES));
        assertTrue(messages.startsWith("{\"prompt\": [{\"role\": \"system\", \"content\": \"You are a pirate.\"}, {\"role\": \"user\", \"content\": \"P\"}], "
                + "\"chosen\": [{\"role\": \"assistant\", \"content\": \"a\"}]"), messages);
        assertEquals(pirate, PreferencePair.read(row(messages)), "the system turn reads back as the system prompt");
        var e = assertThrows(dev.jack.core.UserException.class, () -> pirate.toJson(PairFormat.STRINGS));
        assertTrue(e.getMessage().contains("--format messages") && e.getMessage().contains("--system"), e.getMessage());
    }

    @Test
    void anotherToolsSampleKeepsItsFieldsAndLacksNothingItDidNotHave() {
        Sample s = Sample.read(row("{\"id\": \"x-1\", \"key\": 4, \"response\": \"hi\", \"judge\": {\"ok\": true}}"));
        assertNull(s.sampleIndex());
        assertEquals("{\"key\": 4, \"response\": \"hi\", \"finish_reason\": null, \"id\": \"x-1\", \"judge\": {\"ok\": true}}", PyJson.dumps(s.toJson()));
        var e = assertThrows(DataFileException.class, () -> ScoredSample.read(row("{\"key\": 4, \"response\": \"hi\"}")));
        assertEquals("f.jsonl:3: reward: is missing (run jack score first)", e.getMessage());
    }

    @Test
    void pairsRoundTripInBothTrlFormats() {
        String mcts = "{\"prompt\": \"P\", \"chosen\": \"ab\", \"rejected\": \"ac\", \"key\": 5, \"instruction_id_list\": [\"a:b\"], "
                + "\"chosen_reward\": 1.0, \"rejected_reward\": 0.0, \"chosen_reward_strict\": 1.0, \"rejected_reward_strict\": 0.0, "
                + "\"chosen_reward_loose\": 1.0, \"rejected_reward_loose\": 0.5, \"contrast\": \"tree\", \"method\": \"mcts\", \"depth\": 1, "
                + "\"shared_prefix_chars\": 1, \"shared_prefix_tokens\": 4, \"chosen_finish_reason\": \"stop\", \"rejected_finish_reason\": \"length\", "
                + "\"chosen_visits\": 3, \"rejected_visits\": 2, \"chosen_q\": 0.75, "
                + "\"rejected_q\": 0.25, \"model\": \"tiny\", \"seed\": 77, \"params\": {\"temperature\": 1.0, \"top_p\": null, \"max_tokens\": 128, "
                + "\"preset\": \"lean\"}, \"prompt_llm_calls\": 12, \"prompt_generated_tokens\": 900}";
        PreferencePair p = PreferencePair.read(row(mcts));
        assertEquals(mcts, PyJson.dumps(p.toJson(PairFormat.STRINGS)));
        assertEquals("tiny", p.model());
        String messages = PyJson.dumps(p.toJson(PairFormat.MESSAGES));
        assertTrue(messages.startsWith("{\"prompt\": [{\"role\": \"user\", \"content\": \"P\"}], \"chosen\": [{\"role\": \"assistant\", \"content\": \"ab\"}], "
                + "\"rejected\": [{\"role\": \"assistant\", \"content\": \"ac\"}], \"key\": 5"), messages);
        assertEquals(p, PreferencePair.read(row(messages)), "the messages format reads back to the same pair");

        String rs = "{\"prompt\": \"P\", \"chosen\": \"a\", \"rejected\": \"b\", \"key\": 8, \"instruction_id_list\": [\"a:b\", \"c:d\"], "
                + "\"chosen_reward\": 1.0, \"rejected_reward\": 0.5, \"chosen_reward_strict\": 1.0, \"rejected_reward_strict\": 0.5, "
                + "\"chosen_reward_loose\": 1.0, \"rejected_reward_loose\": 0.5, \"contrast\": \"high\", \"method\": \"rs\", \"depth\": 0, "
                + "\"shared_prefix_chars\": 0, \"shared_prefix_tokens\": 0, \"chosen_finish_reason\": \"stop\", \"rejected_finish_reason\": null, "
                + "\"chosen_sample_index\": 6, \"rejected_sample_index\": 1, "
                + "\"chosen_seed\": 1841661749, \"rejected_seed\": 1709993541, \"params\": {\"temperature\": 1.0}, \"prompt_llm_calls\": 8, "
                + "\"prompt_generated_tokens\": 528}";
        assertEquals(rs, PyJson.dumps(PreferencePair.read(row(rs)).toJson(PairFormat.STRINGS)));
    }

    @Test
    void aForeignPairNeedsOnlyItsTexts() {
        PreferencePair p = PreferencePair.read(row("{\"id\": 1, \"prompt\": \"Q\", \"chosen\": \"good\", \"rejected\": \"bad\", \"subset\": \"easy\"}"));
        assertEquals("good", p.chosen());
        assertTrue(Double.isNaN(p.chosenReward()));
        assertEquals(Map.of("id", 1L, "subset", "easy"), p.other());
        var e = assertThrows(DataFileException.class, () -> PreferencePair.read(row("{\"prompt\": \"Q\", \"chosen\": 3, \"rejected\": \"b\"}")));
        assertEquals("f.jsonl:3: chosen: must be a string or a list of chat turns", e.getMessage());
    }

    @Test
    void curationStatsKeepTheirFieldOrder() {
        Map<String, Integer> excluded = dev.jack.core.curate.Flaw.counts(Map.of(dev.jack.core.curate.Flaw.TRUNCATED, 5));
        CurationStats stats = CurationStats.rs("high", 40, 37, 3, 320, 28148, excluded);
        assertEquals("{\"method\": \"rs\", \"contrast\": \"high\", \"prompts\": 40, \"prompts_without_pair\": 37, \"pairs\": 3, \"llm_calls\": 320, "
                        + "\"generated_tokens\": 28148, \"llm_calls_per_pair\": 106.66666666666667, \"generated_tokens_per_pair\": 9382.666666666666, "
                        + "\"excluded_from_chosen\": {\"truncated\": 5, \"empty\": 0, \"control_tokens\": 0}}",
                PyJson.dumps(stats.toJson()));
        assertEquals(null, CurationStats.rs("low", 2, 2, 0, 16, 100, excluded).toJson().get("llm_calls_per_pair"), "no pairs, no cost per pair");
        Path file = tmp.resolve("pairs.jsonl");
        stats.writeTo(CurationStats.pathFor(file));
        assertEquals(stats, CurationStats.readFor(file), "read back");
        assertEquals(5, CurationStats.readFor(file).excludedTotal());
    }
}
