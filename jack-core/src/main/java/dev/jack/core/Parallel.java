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
}
