package dev.jack.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParallelTest {
    /** Busy work of a varying length, so that chunks finish out of order. */
    private static int work(int i) {
        long x = i;
        for (int k = (i * 7919) % 50_000; k > 0; k--) x = x * 6364136223846793005L + 1442695040888963407L;
        return x == 42 ? -1 : i;
    }

    @Test
    void inOrderHandsResultsOverInSubmissionOrder() throws Exception {
        List<Integer> got = new ArrayList<>();
        AtomicIntegerArray runs = new AtomicIntegerArray(2_000);
        Parallel.InOrder<Integer> chunks = new Parallel.InOrder<>(3, got::add);
        for (int i = 0; i < 2_000; i++) {
            int index = i;
            chunks.submit(() -> {
                runs.incrementAndGet(index);
                return work(index);
            });
            assertEquals(Math.max(0, i + 1 - 3), got.size(), "at most 3 results wait");
        }
        chunks.finish();
        assertEquals(IntStream.range(0, 2_000).boxed().toList(), got);
        for (int i = 0; i < 2_000; i++) assertEquals(1, runs.get(i), "chunk " + i + " runs once");
    }

    @Test
    void aChunkThatThrowsFailsAtItsTurnAfterTheResultsBeforeIt() {
        List<Integer> got = new ArrayList<>();
        Parallel.InOrder<Integer> chunks = new Parallel.InOrder<>(4, got::add);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (int i = 0; i < 100; i++) {
                int index = i;
                chunks.submit(() -> {
                    if (index == 37) throw new IllegalStateException("chunk 37");
                    return work(index);
                });
            }
            chunks.finish();
        });
        assertEquals("chunk 37", e.getMessage());
        assertEquals(IntStream.range(0, 37).boxed().toList(), got);
        // An Error is rethrown as it is, not wrapped.
        assertThrows(StackOverflowError.class, () -> {
            Parallel.InOrder<Integer> more = new Parallel.InOrder<>(1, got::add);
            more.submit(() -> {
                throw new StackOverflowError();
            });
            more.finish();
        });
    }
}
