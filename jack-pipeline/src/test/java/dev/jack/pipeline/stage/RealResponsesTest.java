package dev.jack.pipeline.stage;

import dev.jack.core.Seeds;
import dev.jack.core.UserException;
import dev.jack.core.curate.Mcts;
import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.PairFormat;
import dev.jack.core.json.Json;
import dev.jack.core.text.Thinking;
import dev.jack.llm.Backend;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.GenerationResult;
import dev.jack.llm.OpenAiBackend;
import dev.jack.llm.Prompt;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.StageContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: what real models and servers send. Samples drawn under a system prompt, a reasoning model's thinking
 * (inline and apart), a response cut off at max_tokens, an empty one and one with control-token text go through
 * jack sample, jack score, jack curate rs and jack ablate.
 */
class RealResponsesTest {
    @TempDir
    Path dir;

    private static final long KEY = 5;
    private static final long SEED = 3;

    /** What the server sends for each sample index: text, reasoning_content, finish_reason. */
    private record Answer(String text, String reasoning, String finishReason) {}

    private static final List<Answer> ANSWERS = List.of(
            new Answer("<think>Ahoy, a comma here.</think>\n\nArr matey the sea is wide", null, "stop"),  // follows once the thinking is gone
            new Answer("Arr, a comma", null, "stop"),                                                        // breaks no_comma
            new Answer("Arr matey the sea is wide and", null, "length"),                                     // follows, but cut off
            new Answer("  ", "Thinking about the sea.", "stop"),                                            // says nothing (IFEval fails it)
            new Answer("Arr matey<|eot_id|> ahoy", null, "stop"));                                          // follows, but a control token leaked

    /** A server that answers by sample index (found from the row's seed) and records the conversations it got. */
    private static final class PirateServer implements Backend {
        final List<List<Prompt.Message>> conversations = new CopyOnWriteArrayList<>();

        @Override
        public String model() {
            return "pirate";
        }

        @Override
        public CompletableFuture<GenerationResult> generate(GenerationRequest request) {
            conversations.add(((Prompt.Chat) request.prompt()).messages());
            int index = 0;
            while (Seeds.row(SEED, KEY, index) != request.seed()) index++;
            Answer a = ANSWERS.get(index);
            return CompletableFuture.completedFuture(new GenerationResult(List.of(new GenerationResult.Completion(a.text(), a.finishReason(), 7,
                    List.of(), a.reasoning())), 12));
        }

        @Override
        public void close() {
        }
    }

    private final StringWriter console = new StringWriter();
    private final StageContext context = new StageContext(Map.of(), new PrintWriter(console, true), new PrintWriter(new StringWriter(), true), false);

    private Path sampleAndScore(Thinking thinking) throws IOException {
        Path prompts = Files.writeString(dir.resolve("prompts.jsonl"), "{\"key\": " + KEY + ", \"prompt\": \"Describe the sea. Do not use commas.\", "
                + "\"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}\n");
        Path samples = dir.resolve("samples.jsonl");
        SampleStage sample = new SampleStage(prompts, samples, new SampleStage.Options(ANSWERS.size(), OpenAiBackend.Endpoint.CHAT, "You are a pirate.",
                1.0, null, null, 64, SEED, null), new ModelOptions("http://127.0.0.1:1", "pirate", "OPENAI_API_KEY", 4, 5, 1, true, false, null));
        PirateServer server = new PirateServer();
        sample.sample(server, (done, toDo, retries, failed) -> { }, line -> { });
        for (List<Prompt.Message> conversation : server.conversations) {
            assertEquals(List.of(Prompt.Message.system("You are a pirate."), Prompt.Message.user("Describe the sea. Do not use commas.")), conversation);
        }
        Path scored = dir.resolve("scored-" + thinking + ".jsonl");
        new ScoreStage(prompts, samples, scored, new ScoreStage.Options(Reward.STRICT, false, thinking, null)).run(context);
        return scored;
    }

    private static List<Map<?, ?>> rows(Path file) throws IOException {
        return Files.readAllLines(file).stream().<Map<?, ?>>map(l -> (Map<?, ?>) Json.parse(l)).toList();
    }

    private static RsStage.Options rs(PairFormat format, boolean allowTruncated, Thinking thinking) {
        return new RsStage.Options(RejectionSampling.Contrast.HIGH, 0.5, 0, 4, 1, format, false, null, thinking, allowTruncated);
    }

    @Test
    void samplesKeepTheReasoningApartAndScoresFlagControlTokensAndCheckTheAnswer() throws IOException {
        List<Map<?, ?>> samples = rows(sampleAndScore(Thinking.STRIP));
        List<Map<?, ?>> raw = rows(dir.resolve("samples.jsonl"));
        assertEquals("Thinking about the sea.", raw.get(3).get("reasoning_content"));
        assertTrue(!raw.get(0).containsKey("reasoning_content"), "only where the server sent it");
        assertEquals("You are a pirate.", ((Map<?, ?>) raw.get(0).get("params")).get("system"));
        assertEquals(List.of(1.0, 0.0, 1.0, 0.0, 1.0), samples.stream().map(r -> r.get("reward")).toList(), "the thinking's comma does not count");
        assertEquals(List.of(List.of(), List.of(), List.of(), List.of(), List.of("<|eot_id|>")), samples.stream().map(r -> r.get("control_tokens")).toList());
        assertEquals("length", samples.get(2).get("finish_reason"));
        assertTrue(console.toString().contains("1 with control-token text, 1 cut off at max_tokens, 1 with an empty answer"), console.toString());
        List<Map<?, ?>> kept = rows(sampleAndScore(Thinking.KEEP));
        assertEquals(0.0, kept.get(0).get("reward"), "kept, the thinking's comma counts");
    }

    @Test
    void aPairsPromptHoldsTheSystemTurnAndItsChosenResponseIsClean() throws IOException {
        Path scored = sampleAndScore(Thinking.STRIP);
        Path pairs = dir.resolve("pairs.jsonl");
        new RsStage(scored, pairs, rs(PairFormat.MESSAGES, false, Thinking.STRIP), null).run(context);
        List<Map<?, ?>> rows = rows(pairs);
        assertEquals(1, rows.size(), "one clean response to choose");
        Map<?, ?> pair = rows.getFirst();
        assertEquals(List.of(Map.of("role", "system", "content", "You are a pirate."), Map.of("role", "user", "content", "Describe the sea. Do not use commas.")),
                pair.get("prompt"));
        assertEquals(List.of(Map.of("role", "assistant", "content", "Arr matey the sea is wide")), pair.get("chosen"), "the thinking is dropped");
        String rejected = (String) ((Map<?, ?>) ((List<?>) pair.get("rejected")).getFirst()).get("content");
        assertTrue(List.of("Arr, a comma", "  ").contains(rejected), "a response that may not be chosen may be rejected: " + rejected);
        assertEquals("stop", pair.get("chosen_finish_reason"));
        Map<?, ?> stats = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("pairs.jsonl.stats.json")));
        assertEquals(Map.of("truncated", 1L, "empty", 1L, "control_tokens", 1L), stats.get("excluded_from_chosen"));
        assertTrue(console.toString().contains("samples never chosen: 3 (1 truncated, 1 empty, 1 control_tokens)"), console.toString());

        var refused = assertThrows(UserException.class, () -> new RsStage(scored, dir.resolve("strings.jsonl"), rs(PairFormat.STRINGS, false, Thinking.STRIP), null)
                .run(context));
        assertTrue(refused.getMessage().contains("--format messages"), refused.getMessage());
        assertTrue(!Files.exists(dir.resolve("strings.jsonl")), "nothing written");
    }

    @Test
    void theAblationsNeverChooseAFlawedResponseEither() throws IOException {
        Path scored = sampleAndScore(Thinking.STRIP);
        Path out = dir.resolve("ablations");
        new AblateStage(scored, null, null, out, new AblateStage.Options(rs(PairFormat.MESSAGES, false, Thinking.STRIP))).run(context);
        Map<?, ?> doc = (Map<?, ?>) Json.parse(Files.readString(out.resolve("ablations.json")));
        assertEquals(Map.of("truncated", 1L, "empty", 1L, "control_tokens", 1L), doc.get("excluded_from_chosen"));
        assertEquals(1, rows(out.resolve("contrast-high.jsonl")).size());
        for (Object variant : ((Map<?, ?>) doc.get("variants")).keySet()) {
            for (Map<?, ?> row : rows(out.resolve(variant + ".jsonl"))) {
                assertEquals(List.of(Map.of("role", "assistant", "content", "Arr matey the sea is wide")), row.get("chosen"), variant + ": the clean answer");
            }
        }
        assertTrue(console.toString().contains("samples never chosen: 3 (1 truncated, 1 empty, 1 control_tokens)"), console.toString());
    }

    @Test
    void allowTruncatedLetsFlawedResponsesBeChosenAndKeepKeepsTheThinkingOfBoth() throws IOException {
        Path scored = sampleAndScore(Thinking.STRIP);
        Path pairs = dir.resolve("pairs.jsonl");
        new RsStage(scored, pairs, rs(PairFormat.MESSAGES, true, Thinking.KEEP), null).run(context);
        List<String> chosen = new ArrayList<>();
        for (Map<?, ?> row : rows(pairs)) chosen.add((String) ((Map<?, ?>) ((List<?>) row.get("chosen")).getFirst()).get("content"));
        assertEquals(2, chosen.size(), "two responses score 0.0, so two pairs");
        assertTrue(ANSWERS.stream().map(a -> Thinking.KEEP.apply(a.reasoning(), a.text())).toList().containsAll(chosen), chosen.toString());
        Map<?, ?> stats = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("pairs.jsonl.stats.json")));
        assertEquals(Map.of("truncated", 0L, "empty", 0L, "control_tokens", 0L), stats.get("excluded_from_chosen"));
        // Every draw: over many seeds, a flawed response is chosen at times.
        boolean flawedChosen = false;
        for (long seed = 1; seed <= 30 && !flawedChosen; seed++) {
            RsStage.Options o = new RsStage.Options(RejectionSampling.Contrast.HIGH, 0.5, 0, 1, seed, PairFormat.MESSAGES, false, null, Thinking.KEEP, true);
            String text = o.curate(RsStage.readScored(scored), o.contrast(), null, null).pairs().getFirst().chosen();
            flawedChosen = !text.startsWith("<think>Ahoy");
        }
        assertTrue(flawedChosen);
    }

    @Test
    void treeSearchPairsDropTheThinkingAndSayWhatPrefixIsLeft() {
        Mcts.Outcome o = new Mcts.Outcome(1, 1, 1);
        // The shared prefix runs past a thinking block both responses share: the answers share what follows it.
        String think = "<think>plan</think>\n\n";
        Mcts.Pair past = new Mcts.Pair(new Mcts.Finished(think + "Arr matey", o, true, null), new Mcts.Finished(think + "Arr, no", o, true, null),
                think + "Arr", 9, 2, 2, 2, 1, 0);
        MctsStage.Texts t = MctsStage.texts(past, Thinking.STRIP);
        assertEquals("Arr matey", t.chosen());
        assertEquals("Arr, no", t.rejected());
        assertEquals(3, t.prefixChars());
        assertEquals(null, t.prefixTokens(), "the thinking's tokens are not counted apart");
        // The prefix lies inside the thinking: the answers share nothing of it.
        Mcts.Pair inside = new Mcts.Pair(new Mcts.Finished("<think>plan A</think>Yes", o, true, null), new Mcts.Finished("<think>plan B</think>No", o, true, null),
                "<think>plan ", 3, 1, 2, 2, 1, 0);
        MctsStage.Texts in = MctsStage.texts(inside, Thinking.STRIP);
        assertEquals(List.of("Yes", "No", 0, 0), List.of(in.chosen(), in.rejected(), in.prefixChars(), in.prefixTokens()));
        MctsStage.Texts kept = MctsStage.texts(inside, Thinking.KEEP);
        assertEquals(List.of("<think>plan A</think>Yes", "<think>plan B</think>No", 12, 3),
                List.of(kept.chosen(), kept.rejected(), kept.prefixChars(), kept.prefixTokens()));
    }
}
