package dev.jack.pipeline.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarksWarmUpTest {
    @Test
    void warmsUpAtLeastTheMinimumAndAtMostTheMaximumPlusOnePass() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        double seconds = Benchmarks.warmUp(() -> sleep(passes), 0.3, 2);
        assertTrue(seconds >= 0.3, "ran " + seconds + " s");
        assertTrue(seconds < 2.5, "ran " + seconds + " s");
        assertTrue(passes.get() >= 3, passes.get() + " passes");
    }

    @Test
    void endsByTheMaximumWhateverTheCompilerDoes() {
        // The JIT is rarely idle for a whole second in a test JVM; the maximum ends the warm-up all the same.
        double seconds = Benchmarks.warmUp(() -> { }, 0, 0.5);
        assertTrue(seconds <= 0.6, "ran " + seconds + " s");
    }

    private static void sleep(AtomicInteger passes) {
        passes.incrementAndGet();
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
