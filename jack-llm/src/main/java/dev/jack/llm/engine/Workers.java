package dev.jack.llm.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A persistent pool for the data-parallel steps of a forward pass (a matmul's row ranges, attention's heads), run
 * together by the calling thread and {@code threads − 1} workers, as llama.cpp's ggml threadpool runs a graph's
 * nodes. A decode step of a 1B model has over a hundred matmuls of well under a millisecond each, so a fork-join
 * task per call costs too much: workers take tasks from a shared counter, then spin a little while for the next
 * job before parking, and leave after a few idle seconds (the next job starts them again).
 *
 * <p>Which thread runs a task never changes its result: every output is written by one task, computed alone.
 * Callers on several threads at once are served one at a time; a job started from inside a job, or while another
 * caller holds the pool, runs on its calling thread alone.
 */
final class Workers {
    /** A step split into tasks {@code 0 .. tasks − 1}; {@code worker} (0 .. threads − 1, or −1 outside the pool) picks {@link #scratch}. */
    interface Job {
        void run(int task, int worker);
    }

    /** Spins (about 50–100 µs) before a waiting worker parks: the gap between two matmuls of a forward pass is shorter. */
    private static final int SPINS = 20_000;
    /** A worker idle this long leaves; the next job starts it again. */
    private static final long IDLE_NANOS = 2_000_000_000L;

    private final int threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread[] workers;
    private final float[][] scratches;
    /** The job being run, or the last one: workers take its tasks while any are left. */
    private volatile Batch current;

    /** One run of a job; its counters are its own, so a worker late from an earlier run cannot take a task of this one. */
    private static final class Batch {
        final Job job;
        final int tasks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger remaining;
        volatile Throwable failure;

        Batch(Job job, int tasks) {
            this.job = job;
            this.tasks = tasks;
            this.remaining = new AtomicInteger(tasks);
        }

        void take(int worker) {
            for (int i; (i = next.getAndIncrement()) < tasks; ) {
                try {
                    job.run(i, worker);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    remaining.decrementAndGet();
                }
            }
        }
    }

    Workers(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        this.scratches = new float[threads][];
    }

    int threads() {
        return threads;
    }


    /**
     * A float array of at least {@code size} for the task running on {@code worker}, kept for its later tasks; for
     * worker −1 (a job run outside the pool) a new one.
     */
    float[] scratch(int worker, int size) {
        if (worker < 0) return new float[size];
        float[] s = scratches[worker];
        if (s == null || s.length < size) scratches[worker] = s = new float[size];
        return s;
    }

    /** Runs {@code job} for every task in [0, tasks) and returns when all are done; a task's exception is rethrown here. */
    void run(int tasks, Job job) {
        run(tasks, job, true);
    }

    /** As {@link #run(int, Job)}; with {@code parallel} false on the calling thread alone (for steps too small to share). */
    void run(int tasks, Job job, boolean parallel) {
        if (tasks <= 0) return;
        if (lock.isHeldByCurrentThread() || !lock.tryLock()) {
            for (int i = 0; i < tasks; i++) job.run(i, -1);
            return;
        }
        try {
            if (threads == 1 || tasks == 1 || !parallel) {
                for (int i = 0; i < tasks; i++) job.run(i, 0);
                return;
            }
            Batch batch = new Batch(job, tasks);
            current = batch;
            for (int w = 0; w < workers.length; w++) {
                Thread t = workers[w];
                if (t == null || !t.isAlive()) {
                    int index = w + 1;
                    t = Thread.ofPlatform().daemon().name("jack-engine-worker-" + index).unstarted(() -> work(index));
                    workers[w] = t;
                    t.start();
                } else {
                    LockSupport.unpark(t);
                }
            }
            batch.take(0);
            for (int spins = 0; batch.remaining.get() > 0; spins++) {
                if (spins < SPINS) Thread.onSpinWait();
                else Thread.yield();
            }
            Throwable f = batch.failure;
            if (f instanceof RuntimeException e) throw e;
            if (f instanceof Error e) throw e;
        } finally {
            lock.unlock();
        }
    }

    private void work(int index) {
        Batch seen = null;
        long idleSince = System.nanoTime();
        while (true) {
            Batch b = current;
            if (b != seen) {
                seen = b;
                b.take(index);
                idleSince = System.nanoTime();
                continue;
            }
            boolean woken = false;
            for (int spins = 0; spins < SPINS && !woken; spins++) {
                woken = current != seen;
                Thread.onSpinWait();
            }
            if (woken) continue;
            if (System.nanoTime() - idleSince > IDLE_NANOS) return;
            LockSupport.parkNanos(this, 100_000_000L);
        }
    }
}
