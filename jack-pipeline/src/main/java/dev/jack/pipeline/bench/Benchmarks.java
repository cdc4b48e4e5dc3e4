package dev.jack.pipeline.bench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.synth.BaseTask;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.Hardness;
import dev.jack.core.synth.SynthStats;
import dev.jack.core.synth.Synthesizer;
import dev.jack.core.text.TextTools;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.OpenAiBackend;
import dev.jack.llm.Prompt;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code jack bench verify}, {@code synth} and {@code sample}: Jack's speed, measured warm and printed (speed targets
 * live here, never in timed unit tests).
 */
public final class Benchmarks {
    private Benchmarks() {}

    /** A scorer's check of one response against constraints: whether it follows them all. */
    public interface Check {
        boolean followsAll(List<Constraint> constraints, String response);
    }

    /** IFEval's (and IFBench's) strict plus loose verification: all followed, loosely. */
    public static Check strictAndLoose(Verifier verifier) {
        return (constraints, response) -> verifier.verify(constraints, response).allLoose();
    }

    /**
     * A scorer's verification of responses (texts.get(i) answers constraints.get(i)), on one thread: warm-up (see
     * {@link #warmUp}), responses per second over {@code seconds}, then the cost per check by constraint id.
     */
    public static void verify(String what, List<List<Constraint>> constraints, List<String> texts, Check check, double seconds, PrintWriter out) {
        double warmup = warmUp(() -> passOverFile(constraints, texts, check), Math.max(2, seconds / 2), Math.max(120, 6 * seconds));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long deadline = start + (long) (seconds * 1e9);
        long responsesDone = 0;
        int blackhole = 0;
        while (System.nanoTime() < deadline) {
            blackhole += passOverFile(constraints, texts, check);
            responsesDone += texts.size();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // Per CPU-second too: on a shared machine the wall clock also counts time the thread waited for a core.
        out.printf("%s, 1 thread: %,.0f responses/s, %,.0f per CPU-second (%d passes over %d responses in %.1f s, after %.1f s of warm-up)%n",
                what, responsesDone / elapsed, responsesDone / cpu, responsesDone / texts.size(), texts.size(), elapsed, warmup);

        Map<String, long[]> perId = new TreeMap<>();
        long idDeadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < idDeadline) {
            for (int i = 0; i < texts.size(); i++) {
                for (Constraint c : constraints.get(i)) {
                    long t0 = System.nanoTime();
                    blackhole += check.followsAll(List.of(c), texts.get(i)) ? 1 : 0;
                    long[] cost = perId.computeIfAbsent(c.id(), k -> new long[2]);
                    cost[0] += System.nanoTime() - t0;
                    cost[1]++;
                }
            }
        }
        out.println("cost per check, by constraint id:");
        perId.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue()[0] / (double) b.getValue()[1], a.getValue()[0] / (double) a.getValue()[1]))
                .forEach(e -> out.printf("  %-45s %10.2f µs  (%d checks)%n", e.getKey(), e.getValue()[0] / 1e3 / e.getValue()[1], e.getValue()[1]));
        if (blackhole == 42) out.println();
    }

    /**
     * Runs {@code pass} for at least {@code minSeconds} and then until the JIT has compiled nothing for a whole second
     * (or {@code maxSeconds} have passed); returns the seconds taken. A fixed warm-up measured the compiler rather
     * than the code: on two loaded cores C2 kept compiling IFBench's checkers for 20-25 s, and the rate over the 5 s
     * after a 5 s warm-up varied from 250k to 670k per CPU-second between runs of one build (r0), climbing to ~700k
     * once compilation stopped. Where the JVM does not report compilation time only the minimum applies.
     */
    static double warmUp(Runnable pass, double minSeconds, double maxSeconds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long minEnd = start + (long) (minSeconds * 1e9);
        long maxEnd = start + (long) (maxSeconds * 1e9);
        long quietSince = start;
        long compiled = timed ? jit.getTotalCompilationTime() : 0;
        while (true) {
            pass.run();
            long now = System.nanoTime();
            if (timed) {
                long c = jit.getTotalCompilationTime();
                if (c != compiled) {
                    compiled = c;
                    quietSince = now;
                }
            }
            boolean quiet = !timed || now - quietSince >= 1_000_000_000L;
            if (now >= maxEnd || (now >= minEnd && quiet)) return (now - start) / 1e9;
        }
    }

    private static int passOverFile(List<List<Constraint>> constraints, List<String> texts, Check check) {
        int followed = 0;
        for (int i = 0; i < texts.size(); i++) {
            if (check.followsAll(constraints.get(i), texts.get(i))) followed++;
        }
        return followed;
    }

    /** Synthesis of {@code count} prompts with checked witnesses, one warm-up and {@code runs} measured runs, on 1 thread and on all cores. */
    public static void synth(TextTools text, int count, int runs, PrintWriter out) {
        List<BaseTask> tasks = BaseTask.builtIn();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
            for (int r = 0; r <= runs; r++) {
                SynthStats stats = new SynthStats();
                Synthesizer.Options options = new Synthesizer.Options(r + 1, 1, 6, Difficulty.MIXED, Hardness.defaults(), Set.of());
                long[] bytes = {0};
                long start = System.nanoTime();
                new Synthesizer(tasks, options, text, stats).run(count, 1, threads,
                        p -> bytes[0] += p.toJsonLine().length() + p.witnessJsonLine().length());
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf("%d thread%s, %s: %d prompts with checked witnesses in %.2f s (%,.0f prompts/s, %d dropped, %.1f MB of JSONL)%n",
                        threads, threads == 1 ? "" : "s", r == 0 ? "warm-up" : "run " + r, stats.prompts(), seconds,
                        stats.prompts() / seconds, stats.droppedWithoutWitness(), bytes[0] / 1e6);
            }
        }
    }

    /** Jack's HTTP client against {@link BenchFixtureServer}: {@code requests} per round with {@code inFlight} in flight, three rounds. */
    public static void client(int requests, int inFlight, PrintWriter out) {
        try (BenchFixtureServer server = new BenchFixtureServer("stub");
             OpenAiBackend client = new OpenAiBackend(new OpenAiBackend.Config(server.url(), "stub", null, OpenAiBackend.Endpoint.CHAT, inFlight,
                     Duration.ofSeconds(60), 3, Duration.ofMillis(100), Duration.ofSeconds(2)), out::println)) {
            for (int round = 0; round < 3; round++) {
                Semaphore window = new Semaphore(2 * inFlight);
                AtomicLong ok = new AtomicLong();
                long peak = 0;
                long start = System.nanoTime();
                for (int i = 0; i < requests; i++) {
                    window.acquireUninterruptibly();
                    var request = GenerationRequest.of(new Prompt.Chat(List.of(Prompt.Message.user("prompt " + i))), 16).withSeed((long) i);
                    client.generate(request).whenComplete((r, e) -> {
                        if (e == null) ok.incrementAndGet();
                        window.release();
                    });
                    if ((i & 4095) == 0) peak = Math.max(peak, liveHeapAfterLastGc());
                }
                window.acquireUninterruptibly(2 * inFlight);
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf("%s: %d requests (%d ok) in %.2f s = %,.0f requests/s with %d in flight; live heap after GC at most %d MB%n",
                        round == 0 ? "warm-up" : "run " + round, requests, ok.get(), seconds, requests / seconds, inFlight, peak >> 20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Heap still in use after the last collection: what a run really holds, not its garbage. */
    private static long liveHeapAfterLastGc() {
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) used += pool.getCollectionUsage().getUsed();
        }
        return used;
    }
}
