package dev.jack.llm.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkersTest {
    @Test
    void everyTaskRunsOnceAcrossManyJobs() {
        Workers workers = new Workers(3);
        for (int job = 0; job < 200; job++) {
            int tasks = 1 + job % 37;
            AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
            workers.run(tasks, (task, worker) -> {
                assertTrue(worker >= 0 && worker < 3);
                runs.incrementAndGet(task);
            });
            for (int t = 0; t < tasks; t++) assertEquals(1, runs.get(t), "job " + job + " task " + t);
        }
    }

    @Test
    void aTaskFailureReachesTheCallerAndThePoolGoesOn() {
        Workers workers = new Workers(2);
        var e = assertThrows(IllegalStateException.class, () -> workers.run(10, (task, worker) -> {
            if (task == 7) throw new IllegalStateException("task 7");
        }));
        assertEquals("task 7", e.getMessage());
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        workers.run(4, (task, worker) -> runs.incrementAndGet(task));
        for (int t = 0; t < 4; t++) assertEquals(1, runs.get(t));
    }

    @Test
    void aJobStartedFromATaskRunsOnItsThread() {
        Workers workers = new Workers(2);
        AtomicIntegerArray inner = new AtomicIntegerArray(8);
        workers.run(4, (task, worker) -> workers.run(2, (t, w) -> {
            assertEquals(-1, w, "outside the pool: no per-thread scratch");
            inner.incrementAndGet(task * 2 + t);
        }));
        for (int i = 0; i < 8; i++) assertEquals(1, inner.get(i));
    }
}
