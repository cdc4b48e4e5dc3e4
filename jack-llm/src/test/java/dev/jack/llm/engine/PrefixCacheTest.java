package dev.jack.llm.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PrefixCacheTest {
    /** The byte budget bounds the cache as the position budget does: the least recently used prompt leaves first. */
    @Test
    void theByteBudgetEvictsTheLeastRecentlyUsedPrompt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.gguf");
        RandomLlama.write(file, RandomLlama.Shape.tiny(), 0, "t");
        try (GgufFile g = GgufFile.open(file)) {
            LlamaModel model = new LlamaModel(g, 1);
            List<Integer> a = List.of(5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
            List<Integer> b = List.of(20, 21, 22, 23, 24, 25, 26, 27, 28, 29);
            long oneEntry = 10 * model.kvBytesPerPosition() + 4L * model.vocabularySize();
            PrefixCache cache = new PrefixCache(1000, oneEntry + oneEntry / 2);
            float[] first = evaluate(cache, model, a).logits();
            assertEquals(10, evaluate(cache, model, a).reused(), "a is cached");
            evaluate(cache, model, b);
            PrefixCache.Start again = evaluate(cache, model, a);
            assertEquals(0, again.reused(), "b pushed a out");
            assertArrayEquals(first, again.logits());
            PrefixCache roomy = new PrefixCache(1000, 4 * oneEntry);
            evaluate(roomy, model, a);
            evaluate(roomy, model, b);
            assertEquals(10, evaluate(roomy, model, a).reused(), "with room for both, a stays");
        }
    }

    /** What the engine's scheduler does with the cache: start from it, evaluate the rest, remember the prompt. */
    private static PrefixCache.Start evaluate(PrefixCache cache, LlamaModel model, List<Integer> prompt) {
        PrefixCache.Start start = cache.start(model, prompt);
        if (start.logits() != null) return start;
        float[] logits = start.session().prefill(prompt.subList(start.reused(), prompt.size()));
        cache.remember(prompt, start.session(), logits);
        return new PrefixCache.Start(start.session(), start.reused(), logits);
    }
}
