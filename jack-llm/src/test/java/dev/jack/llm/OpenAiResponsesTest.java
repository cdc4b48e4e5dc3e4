package dev.jack.llm;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Recorded response shapes from each server family's documentation. */
class OpenAiResponsesTest {
    private static GenerationResult fixture(String name) throws Exception {
        try (InputStream in = OpenAiResponsesTest.class.getResourceAsStream("/fixtures/" + name)) {
            return OpenAiResponses.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void openAiChatLogprobs() throws Exception {
        GenerationResult r = fixture("openai-chat.json");
        GenerationResult.Completion c = r.completions().getFirst();
        assertEquals("Hello there", c.text());
        assertEquals("stop", c.finishReason());
        assertEquals(2, c.completionTokens());
        assertEquals(9, r.promptTokens());
        assertEquals(" there", c.logprobs().get(1).token());
        assertEquals(-0.31725305, c.logprobs().get(0).logprob());
        assertEquals("Hi", c.logprobs().get(0).top().get(1).token());
        assertNull(c.logprobs().get(0).id());
    }

    @Test
    void legacyCompletionsLogprobs() throws Exception {
        GenerationResult.Completion c = fixture("openai-legacy-completions.json").completions().getFirst();
        assertEquals(" a test", c.text());
        assertEquals("length", c.finishReason());
        assertEquals(-1.5, c.logprobs().get(1).logprob());
        assertEquals(2, c.logprobs().get(1).top().size());
        assertEquals(" trial", c.logprobs().get(1).top().get(1).token());
        assertEquals(-2.25, c.logprobs().get(1).top().get(1).logprob());
    }

    @Test
    void llamaCppLogprobsCarryTokenIds() throws Exception {
        GenerationResult.Completion c = fixture("llamacpp-completions.json").completions().getFirst();
        assertEquals(" Paris.", c.text());
        assertEquals(12366, c.logprobs().get(0).id());
        assertEquals(279, c.logprobs().get(0).top().get(1).id());
        assertEquals(-3.125, c.logprobs().get(0).top().get(1).logprob());
    }

    @Test
    void badBodiesAreMalformedNotCrashes() {
        for (String bad : new String[] {"", "{\"choices\": [", "{\"choices\": []}", "{\"choices\": [{\"index\": 0}]}", "[1]",
                "{\"choices\": [{\"text\": \"x\", \"logprobs\": {\"content\": [{\"token\": 1}]}}]}"}) {
            assertThrows(OpenAiResponses.MalformedResponse.class, () -> OpenAiResponses.parse(bad), bad);
        }
    }

    /** vLLM with a reasoning parser (and DeepSeek, llama.cpp) returns the thinking apart from the answer: kept in its own field. */
    @Test
    void reasoningContentIsKeptApartFromTheAnswer() throws Exception {
        GenerationResult.Completion c = fixture("vllm-reasoning-chat.json").completions().getFirst();
        assertEquals("Calm sea.", c.text());
        assertEquals("The user wants two words.", c.reasoningContent());
        assertEquals(26, c.completionTokens());
        assertNull(fixture("openai-chat.json").completions().getFirst().reasoningContent());
    }

    /** A streamed answer (recorded vLLM chunks) collects to the same completion: deltas, reasoning deltas, logprobs, usage. */
    @Test
    void streamedChunksCollectToTheWholeAnswer() throws Exception {
        OpenAiResponses.Stream stream = new OpenAiResponses.Stream();
        String events;
        try (InputStream in = OpenAiResponsesTest.class.getResourceAsStream("/fixtures/vllm-reasoning-chat.sse")) {
            events = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : events.split("\n")) {
            if (line.startsWith("data: {")) stream.accept(line.substring(6));
        }
        GenerationResult r = stream.result();
        GenerationResult.Completion c = r.completions().getFirst();
        assertEquals("Calm sea.", c.text());
        assertEquals("The user wants two words.", c.reasoningContent());
        assertEquals("stop", c.finishReason());
        assertEquals(26, c.completionTokens());
        assertEquals(14, r.promptTokens());
        assertEquals(List.of(32, 115, 101, 97, 46), c.logprobs().get(1).bytes());
        assertEquals("Calm sea.", GenerationResult.TokenLogprob.text(c.logprobs()));
        OpenAiResponses.Stream cut = new OpenAiResponses.Stream();
        cut.accept("{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"Calm\"}, \"finish_reason\": null}]}");
        assertThrows(OpenAiResponses.MalformedResponse.class, cut::result, "a stream cut before the finish is not an answer");
        assertThrows(OpenAiResponses.MalformedResponse.class, () -> new OpenAiResponses.Stream().accept("{\"error\": {\"message\": \"boom\"}}"));
    }

    /** Bytes split a character across tokens: each token's text is U+FFFD, the bytes rebuild the character. */
    @Test
    void bytesRebuildCharactersSplitAcrossTokens() throws Exception {
        GenerationResult r = OpenAiResponses.parse("{\"choices\": [{\"index\": 0, \"text\": \"\u00e9\", \"finish_reason\": \"length\", "
                + "\"logprobs\": {\"content\": [{\"id\": 135, \"token\": \"\ufffd\", \"logprob\": -1, \"bytes\": [195]}, "
                + "{\"id\": 169, \"token\": \"\ufffd\", \"logprob\": -2, \"bytes\": [169]}]}}]}");
        assertEquals("\u00e9", GenerationResult.TokenLogprob.text(r.completions().getFirst().logprobs()));
        assertThrows(OpenAiResponses.MalformedResponse.class, () -> OpenAiResponses.parse("{\"choices\": [{\"text\": \"x\", "
                + "\"logprobs\": {\"content\": [{\"token\": \"x\", \"logprob\": -1, \"bytes\": [300]}]}}]}"));
    }
}
