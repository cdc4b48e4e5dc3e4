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
            float[] first = cache.evaluate(model, a).logits();
            assertEquals(10, cache.evaluate(model, a).reused(), "a is cached");
            cache.evaluate(model, b);
            PrefixCache.Evaluated again = cache.evaluate(model, a);
            assertEquals(0, again.reused(), "b pushed a out");
            assertArrayEquals(first, again.logits());
            PrefixCache roomy = new PrefixCache(1000, 4 * oneEntry);
            roomy.evaluate(model, a);
            roomy.evaluate(model, b);
            assertEquals(10, roomy.evaluate(model, a).reused(), "with room for both, a stays");
        }
    }
}
