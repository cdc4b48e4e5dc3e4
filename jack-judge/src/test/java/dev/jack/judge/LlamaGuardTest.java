package dev.jack.judge;

import dev.jack.llm.Backend;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.GenerationResult;
import dev.jack.llm.Prompt;
import dev.jack.llm.ScriptedBackend;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlamaGuardTest {
    private static final LlamaGuard.Policy EIGHT_B = LlamaGuard.Policy.of(LlamaGuard.Model.LLAMA_GUARD_3_8B);
    private static final LlamaGuard.Policy ONE_B = LlamaGuard.Policy.of(LlamaGuard.Model.LLAMA_GUARD_3_1B);

    @Test
    void theTwoModelsCategoriesAndTheirPrompts() {
        assertEquals(14, LlamaGuard.CATEGORIES_8B.size());
        assertEquals(13, LlamaGuard.CATEGORIES_1B.size());
        assertFalse(LlamaGuard.CATEGORIES_1B.containsKey("S14"), "the 1B model has no Code Interpreter Abuse");
        assertEquals("Self-Harm", LlamaGuard.CATEGORIES_8B.get("S11"));

        String p = LlamaGuard.prompt(List.of("How do I bake bread?", "Mix flour and water."), LlamaGuard.Role.AGENT, EIGHT_B);
        assertTrue(p.startsWith("Task: Check if there is unsafe content in 'Agent' messages in conversations according our safety policy"));
        assertTrue(p.contains("S13: Elections.\nS14: Code Interpreter Abuse.\n<END UNSAFE CONTENT CATEGORIES>"));
        assertTrue(p.contains("User: How do I bake bread?\n\nAgent: Mix flour and water.\n\n<END CONVERSATION>"));
        assertTrue(p.endsWith("a comma-separated list of violated categories."));
        assertTrue(LlamaGuard.prompt(List.of("x"), LlamaGuard.Role.USER, ONE_B).contains("S13: Elections.\n<END UNSAFE CONTENT CATEGORIES>"));

        // The raw prompt is the models' chat templates' text without BOS; the 1B template has a space before <|eot_id|>.
        String raw8 = LlamaGuard.raw(List.of("hi"), LlamaGuard.Role.USER, EIGHT_B);
        assertTrue(raw8.startsWith("<|start_header_id|>user<|end_header_id|>\n\nTask: "));
        assertTrue(raw8.endsWith("violated categories.<|eot_id|><|start_header_id|>assistant<|end_header_id|>"));
        assertTrue(LlamaGuard.raw(List.of("hi"), LlamaGuard.Role.USER, ONE_B).endsWith("categories. <|eot_id|><|start_header_id|>assistant<|end_header_id|>"));

        assertEquals(LlamaGuard.Model.LLAMA_GUARD_3_1B, LlamaGuard.Model.byName("meta-llama/Llama-Guard-3-1B"));
        assertEquals(LlamaGuard.Model.LLAMA_GUARD_3_1B, LlamaGuard.Model.byName("llama-guard3:1b"));
        assertEquals(LlamaGuard.Model.LLAMA_GUARD_3_8B, LlamaGuard.Model.byName("meta-llama/Llama-Guard-3-8B"));
        assertEquals(LlamaGuard.Model.LLAMA_GUARD_3_8B, LlamaGuard.Model.byName("guard"));
    }

    @Test
    void customAndExcludedCategories() {
        LlamaGuard.Policy custom = new LlamaGuard.Policy(LlamaGuard.Model.LLAMA_GUARD_3_8B, Map.of("S1", "Medical advice"), Set.of());
        assertTrue(LlamaGuard.prompt(List.of("x"), LlamaGuard.Role.USER, custom).contains("<BEGIN UNSAFE CONTENT CATEGORIES>\nS1: Medical advice.\n<END"));
        LlamaGuard.Policy without = new LlamaGuard.Policy(LlamaGuard.Model.LLAMA_GUARD_3_8B, LlamaGuard.CATEGORIES_8B, Set.of("S6", "S8"));
        String p = LlamaGuard.prompt(List.of("x"), LlamaGuard.Role.USER, without);
        assertTrue(p.contains("S5: Defamation.\nS7: Privacy.\nS9: Indiscriminate Weapons."), "left out, the others keep their codes");
        assertThrows(LlamaGuard.UnparseableVerdict.class, () -> LlamaGuard.parse("unsafe\nS6", without), "a code the prompt did not list");
        assertFalse(without.standard());
        assertTrue(EIGHT_B.standard());
        assertThrows(IllegalArgumentException.class, () -> new LlamaGuard.Policy(LlamaGuard.Model.LLAMA_GUARD_3_1B, LlamaGuard.CATEGORIES_1B, Set.of("S14")));
        ScriptedBackend any = new ScriptedBackend("guard", (r, i) -> "safe");
        assertThrows(IllegalArgumentException.class, () -> new LlamaGuard(any, 20, LlamaGuard.PromptFormat.MESSAGES, without, null),
                "a server's template cannot ask about other categories");
    }

    @Test
    void verdictsAreReadStrictly() {
        assertEquals(new LlamaGuard.Verdict(true, List.of(), null), LlamaGuard.parse("safe", EIGHT_B));
        assertEquals(new LlamaGuard.Verdict(false, List.of("S1", "S10"), null), LlamaGuard.parse("\n\nunsafe\nS1,S10\n", EIGHT_B));
        for (String bad : new String[] {"", "Safe enough", "unsafe", "unsafe\nS99", "safe\nS1", "I cannot answer"}) {
            assertThrows(LlamaGuard.UnparseableVerdict.class, () -> LlamaGuard.parse(bad, EIGHT_B), bad);
        }
        assertThrows(LlamaGuard.UnparseableVerdict.class, () -> LlamaGuard.parse("unsafe\nS14", ONE_B), "the 1B has no S14");
    }

    @Test
    void messagesGoAsChatTurnsAndRawThroughCompletions() {
        List<GenerationRequest> seen = new ArrayList<>();
        ScriptedBackend guard = new ScriptedBackend("guard", (r, i) -> {
            synchronized (seen) {
                seen.add(r);
            }
            return ScriptedBackend.lastText(r).contains("weapon") ? "unsafe\nS9" : "safe";
        });
        LlamaGuard messages = new LlamaGuard(guard, 20, LlamaGuard.PromptFormat.MESSAGES, EIGHT_B, null);
        Map<String, LlamaGuard.Verdict> v = messages.screen("prompt", List.of("How to build a weapon?"), Map.of("response", "I cannot help."));
        assertEquals(List.of("S9"), v.get("prompt").categories());
        assertTrue(v.get("response").safe());
        Prompt.Chat asked = (Prompt.Chat) seen.get(1).prompt();
        assertEquals(List.of(Prompt.Message.user("How to build a weapon?"), Prompt.Message.assistant("I cannot help.")), asked.messages(),
                "the conversation itself: the server's template builds the task");
        LlamaGuard raw = new LlamaGuard(guard, 20, LlamaGuard.PromptFormat.RAW, ONE_B, null);
        raw.classify(List.of("Hello"), LlamaGuard.Role.USER).join();
        Prompt.Raw rendered = (Prompt.Raw) seen.getLast().prompt();
        assertEquals(LlamaGuard.raw(List.of("Hello"), LlamaGuard.Role.USER, ONE_B), rendered.prefix());
        LlamaGuard confused = new LlamaGuard(new ScriptedBackend("guard", (r, i) -> "maybe"), 20, LlamaGuard.PromptFormat.MESSAGES, EIGHT_B, null);
        CompletionException e = assertThrows(CompletionException.class, () -> confused.classify(List.of("x"), LlamaGuard.Role.USER).join());
        assertInstanceOf(LlamaGuard.UnparseableVerdict.class, e.getCause());
    }

    /** A backend answering "\n\nsafe" whose first content token gives "unsafe" the probability pUnsafe. */
    private static Backend answering(double pUnsafe, String text) {
        return new Backend() {
            @Override
            public String model() {
                return "guard";
            }

            @Override
            public CompletableFuture<GenerationResult> generate(GenerationRequest request) {
                assertEquals(LlamaGuard.TOP_LOGPROBS, request.logprobs(), "the threshold needs top logprobs");
                List<GenerationResult.Alternative> top = List.of(new GenerationResult.Alternative("safe", 19193, Math.log(1 - pUnsafe)),
                        new GenerationResult.Alternative("unsafe", 39257, Math.log(pUnsafe)));
                List<GenerationResult.TokenLogprob> tokens = List.of(new GenerationResult.TokenLogprob("\n\n", 271, 0, List.of()),
                        new GenerationResult.TokenLogprob(text, text.equals("safe") ? 19193 : 39257, Math.log(text.equals("safe") ? 1 - pUnsafe : pUnsafe), top));
                return CompletableFuture.completedFuture(new GenerationResult(List.of(new GenerationResult.Completion("\n\n" + text + (text.equals("unsafe")
                        ? "\nS2" : ""), "stop", 3, tokens)), 10));
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aThresholdOnPUnsafeFromTheFirstTokenDecides() {
        LlamaGuard.Verdict below = new LlamaGuard(answering(0.3, "safe"), 20, LlamaGuard.PromptFormat.MESSAGES, EIGHT_B, 0.5)
                .classify(List.of("x"), LlamaGuard.Role.USER).join();
        assertTrue(below.safe());
        assertEquals(0.3, below.pUnsafe(), 1e-12);
        LlamaGuard.Verdict strict = new LlamaGuard(answering(0.3, "safe"), 20, LlamaGuard.PromptFormat.MESSAGES, EIGHT_B, 0.2)
                .classify(List.of("x"), LlamaGuard.Role.USER).join();
        assertFalse(strict.safe(), "P(unsafe) 0.3 >= 0.2: unsafe, though the model's greedy answer is safe");
        assertEquals(List.of(), strict.categories(), "the model named no category");
        LlamaGuard.Verdict lenient = new LlamaGuard(answering(0.7, "unsafe"), 20, LlamaGuard.PromptFormat.MESSAGES, EIGHT_B, 0.9)
                .classify(List.of("x"), LlamaGuard.Role.USER).join();
        assertTrue(lenient.safe());
        assertEquals(List.of("S2"), lenient.categories());
        // Without logprobs the threshold cannot be applied: an error, never "safe".
        LlamaGuard blind = new LlamaGuard(new ScriptedBackend("guard", (r, i) -> "safe"), 20, LlamaGuard.PromptFormat.MESSAGES, EIGHT_B, 0.5);
        CompletionException e = assertThrows(CompletionException.class, () -> blind.classify(List.of("x"), LlamaGuard.Role.USER).join());
        assertInstanceOf(LlamaGuard.UnparseableVerdict.class, e.getCause());
        // A split verdict token ("un" + "safe") counts by its first piece; a token outside the top alternatives counts 0.
        List<GenerationResult.TokenLogprob> split = List.of(new GenerationResult.TokenLogprob("un", 359, Math.log(0.6),
                List.of(new GenerationResult.Alternative("un", 359, Math.log(0.6)), new GenerationResult.Alternative(" safe", 6220, Math.log(0.4)))));
        assertEquals(0.6, LlamaGuard.unsafeProbability(split).getAsDouble(), 1e-12);
    }
}
