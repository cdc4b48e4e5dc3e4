package dev.jack.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/** Work that waits on something else (a model server, the engine) spread over virtual threads, with a bound. */
public final class Parallel {
    private Parallel() {}

    /**
     * {@code f(0) ... f(n-1)} on virtual threads, at most {@code concurrency} (at least 1) running at once; the results
     * in index order. Returns when every call has finished. A call that throws makes this throw the first such
     * exception (a RuntimeException as it is, anything else wrapped in IllegalStateException) after the others finished.
     */
    public static <T> List<T> map(int n, int concurrency, IntFunction<T> f) {
        Semaphore slots = new Semaphore(Math.max(1, concurrency));
        List<Future<T>> futures = new ArrayList<>(n);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int index = i;
                slots.acquireUninterruptibly();
                futures.add(executor.submit(() -> {
                    try {
                        return f.apply(index);
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        List<T> out = new ArrayList<>(n);
        try {
            for (Future<T> future : futures) out.add(future.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return out;
    }

    /** {@link #map} for calls that return nothing. */
    public static void forEach(int n, int concurrency, java.util.function.IntConsumer f) {
        map(n, concurrency, i -> {
            f.accept(i);
            return null;
        });
    }

    /**
     * {@code f} over a stream of inputs on virtual threads, at most {@code concurrency} (at least 1) running at once, the
     * results in input order as they become due: memory holds at most {@code concurrency} results, however long the
     * input. The input is read as results are taken. A call that throws makes {@code next()} throw that exception (a
     * RuntimeException as it is, anything else wrapped in IllegalStateException) when its result is due; the calls still
     * running are then cancelled.
     */
    public static <T, R> java.util.Iterator<R> mapOrdered(java.util.Iterator<T> in, int concurrency, java.util.function.Function<T, R> f) {
        int window = Math.max(1, concurrency);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        java.util.ArrayDeque<Future<R>> running = new java.util.ArrayDeque<>();
        return new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                fill();
                if (running.isEmpty()) executor.shutdown();
                return !running.isEmpty();
            }

            @Override
            public R next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                try {
                    return running.removeFirst().get();
                } catch (ExecutionException e) {
                    executor.shutdownNow();
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    executor.shutdownNow();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }

            private void fill() {
                while (running.size() < window && in.hasNext()) {
                    T item = in.next();
                    running.addLast(executor.submit(() -> f.apply(item)));
                }
            }
        };
    }

    /** What takes the results of {@link InOrder}, one at a time, in order. */
    public interface Sink<R> {
        void accept(R result) throws java.io.IOException;
    }

    /**
     * CPU work in chunks, each result handed to a sink on the calling thread in submission order: chunks run on the
     * common pool, at most {@code ahead} results waiting for the sink, so memory holds a few chunks however long the
     * input. The calling thread, which reads and writes, runs chunks too whenever it would otherwise wait for one: the
     * due chunk when no pool thread has started it, else later ones not yet started while the due one runs (the common
     * pool has one thread fewer than the cores, and a fixed share of chunks on the calling thread left one core idle
     * while the other read, wrote and scored). For files read, checked and written in one pass (JSONL parsing, eval,
     * score) with every core busy and the output in input order. One thread submits and finishes.
     */
    public static final class InOrder<R> {
        private final java.util.ArrayDeque<Chunk<R>> running = new java.util.ArrayDeque<>();
        private final int ahead;
        private final Sink<R> sink;

        /** {@code ahead} (at least 1) results waiting at most; {@code sink} takes each result. */
        public InOrder(int ahead, Sink<R> sink) {
            this.ahead = Math.max(1, ahead);
            this.sink = sink;
        }

        /**
         * Queues the chunk (see the class comment), then hands due results to the sink.
         *
         * @throws java.io.IOException what the sink throws; and a RuntimeException or Error that a chunk threw, when its
         *     result is due
         */
        public void submit(java.util.function.Supplier<R> chunk) throws java.io.IOException {
            Chunk<R> c = new Chunk<>(chunk);
            running.add(c);
            java.util.concurrent.ForkJoinPool.commonPool().execute(c::runIfUnclaimed);
            while (running.size() > ahead) sink.accept(due());
        }

        /** Hands the remaining results to the sink, in order. */
        public void finish() throws java.io.IOException {
            while (!running.isEmpty()) sink.accept(due());
        }

        /** The first chunk's result: run here if no pool thread took it, else while it runs, later chunks run here. */
        private R due() {
            Chunk<R> first = running.poll();
            if (first.claim()) {
                first.run();
            } else {
                for (Chunk<R> later : running) {
                    if (first.result.isDone()) break;
                    if (later.claim()) later.run();
                }
            }
            return join(first.result);
        }

        /** A chunk's work, run once by whichever thread claims it first, and its result (or what it threw). */
        private static final class Chunk<R> extends java.util.concurrent.atomic.AtomicBoolean {
            private final java.util.function.Supplier<R> work;
            private final java.util.concurrent.CompletableFuture<R> result = new java.util.concurrent.CompletableFuture<>();

            Chunk(java.util.function.Supplier<R> work) {
                this.work = work;
            }

            boolean claim() {
                return !get() && compareAndSet(false, true);
            }

            void runIfUnclaimed() {
                if (claim()) run();
            }

            void run() {
                try {
                    result.complete(work.get());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            }
        }

        private static <R> R join(java.util.concurrent.CompletableFuture<R> f) {
            try {
                return f.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw unchecked(e.getCause());
            }
        }
    }

    /**
     * What a task threw, for whoever waits for it to throw: a RuntimeException as it is (returned), an Error thrown here
     * as it is, anything else wrapped in an IllegalStateException (returned).
     */
    public static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof Error e) throw e;
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }
}
