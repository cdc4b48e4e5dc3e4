package dev.jack.cli;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.ResponseFile;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.synth.BaseTask;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.Hardness;
import dev.jack.core.synth.SynthStats;
import dev.jack.core.synth.Synthesizer;
import dev.jack.core.text.TextTools;
import dev.jack.llm.EngineBench;
import dev.jack.llm.engine.RandomLlama;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.TreeMap;

/** {@code jack bench}: speed measurements (kept out of the unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measures Jack's speed.",
        subcommands = {BenchCommand.Verify.class, BenchCommand.Synth.class, BenchCommand.Sample.class, BenchCommand.StubServerCommand.class,
                BenchCommand.Engine.class})
final class BenchCommand {
    @ParentCommand
    Main main;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Strict plus loose verification of a response file, warm, on one thread; and the cost per constraint id.")
    static final class Verify implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--responses", required = true, paramLabel = "FILE", description = "Response file.")
        Path responses;

        @Option(names = "--input-data", required = true, paramLabel = "FILE", description = "Prompts in IFEval's input format.")
        Path inputData;

        @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (see jack eval).")
        Path punktDir;

        @Option(names = "--seconds", defaultValue = "10", description = "Measuring time after warm-up (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Override
        public void run() {
            List<IfevalPrompt> prompts = IfevalPrompt.readAll(inputData);
            ResponseFile answers = ResponseFile.read(responses);
            List<String> texts = prompts.stream().map(answers::require).toList();
            DataLocations data = bench.main.data();
            Verifier verifier = new Verifier(new TextTools(() -> data.punktEnglish(punktDir)));
            PrintWriter out = spec.commandLine().getOut();

            long warmupEnd = System.nanoTime() + (long) (Math.max(2, seconds / 2) * 1e9);
            while (System.nanoTime() < warmupEnd) passOverFile(prompts, texts, verifier);

            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            long responsesDone = 0;
            int blackhole = 0;
            while (System.nanoTime() < deadline) {
                blackhole += passOverFile(prompts, texts, verifier);
                responsesDone += prompts.size();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            out.printf("strict+loose verification, 1 thread: %,.0f responses/s (%d passes over %d responses in %.1f s)%n",
                    responsesDone / elapsed, responsesDone / prompts.size(), prompts.size(), elapsed);

            Map<String, long[]> perId = new TreeMap<>();
            long idDeadline = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < idDeadline) {
                for (int i = 0; i < prompts.size(); i++) {
                    for (Constraint c : prompts.get(i).constraints()) {
                        long t0 = System.nanoTime();
                        blackhole += verifier.verify(List.of(c), texts.get(i)).allLoose() ? 1 : 0;
                        long[] cost = perId.computeIfAbsent(c.id(), k -> new long[2]);
                        cost[0] += System.nanoTime() - t0;
                        cost[1]++;
                    }
                }
            }
            out.println("cost per check (strict+loose), by constraint id:");
            perId.entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getValue()[0] / (double) b.getValue()[1], a.getValue()[0] / (double) a.getValue()[1]))
                    .forEach(e -> out.printf("  %-45s %10.2f µs  (%d checks)%n", e.getKey(), e.getValue()[0] / 1e3 / e.getValue()[1], e.getValue()[1]));
            if (blackhole == 42) out.println();
        }

        static int passOverFile(List<IfevalPrompt> prompts, List<String> texts, Verifier verifier) {
            int followed = 0;
            for (int i = 0; i < prompts.size(); i++) {
                if (verifier.verify(prompts.get(i).constraints(), texts.get(i)).allLoose()) followed++;
            }
            return followed;
        }
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = "Synthesis of prompts with their witnesses checked, warm, on one thread.")
    static final class Synth implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--count", defaultValue = "48000", description = "Prompts per run (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--runs", defaultValue = "3", description = "Measured runs after one warm-up run (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (see jack eval).")
        Path punktDir;

        @Override
        public void run() {
            DataLocations data = bench.main.data();
            TextTools text = new TextTools(() -> data.punktEnglish(punktDir));
            List<BaseTask> tasks = BaseTask.builtIn();
            PrintWriter out = spec.commandLine().getOut();
            int cores = Runtime.getRuntime().availableProcessors();
            for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
                for (int r = 0; r <= runs; r++) {
                    SynthStats stats = new SynthStats();
                    Synthesizer.Options options = new Synthesizer.Options(r + 1, 1, 6, Difficulty.MIXED, Hardness.defaults(), java.util.Set.of());
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
    }

    @Command(name = "engine", mixinStandardHelpOptions = true,
            description = {"The embedded engine as llama.cpp's tools measure it: prompt processing (ppN), single-stream decode (tgN),",
                    "batched decode (batch B) and jack serve's generated tokens/s under concurrent requests (serve C); medians of --repetitions.",
                    "Without --model it builds a random-weight model of Llama 3.2 1B's shape into the cache (noise output, real cost)."})
    static final class Engine implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--model", description = "A GGUF file (default: a random model of the shape below).")
        Path model;

        @Option(names = "--type", defaultValue = "q8_0",
                description = "Weights of the random model: f32, f16, q8_0, q4_0, q4_k, q6_k or q4_k_m (as llama-quantize mixes them) (default: ${DEFAULT-VALUE}).")
        String type;

        @Option(names = "--dim", defaultValue = "2048", description = "Width of the random model (default: ${DEFAULT-VALUE}, as Llama 3.2 1B).")
        int dim;

        @Option(names = "--layers", defaultValue = "16", description = "Layers of the random model (default: ${DEFAULT-VALUE}, as Llama 3.2 1B).")
        int layers;

        @Option(names = "--vocab", defaultValue = "128256",
                description = "Vocabulary of the random model, tied to its output (default: ${DEFAULT-VALUE}, as Llama 3); with --serve-url, the served model's.")
        int vocab;

        @Option(names = "--write-model", paramLabel = "FILE", description = "Write the random model to FILE and stop (to compare engines on one file).")
        Path writeModel;

        @Option(names = "--prompt", defaultValue = "128", description = "Prompt tokens of ppN (default: ${DEFAULT-VALUE}).")
        int promptTokens;

        @Option(names = "--tokens", defaultValue = "32", description = "Tokens decoded per sequence (default: ${DEFAULT-VALUE}).")
        int tokens;

        @Option(names = "--batch", defaultValue = "1,4,8,16", split = ",", description = "Batch sizes for decoding (default: ${DEFAULT-VALUE}).")
        int[] batches;

        @Option(names = "--batch-prompt", defaultValue = "16", description = "Prompt tokens of each sequence before a batch decodes (default: ${DEFAULT-VALUE}).")
        int batchPrompt;

        @Option(names = "--requests", defaultValue = "32", description = "Requests per serve measurement (default: ${DEFAULT-VALUE}; 0 skips it).")
        int requests;

        @Option(names = "--concurrency", defaultValue = "16", description = "Serve requests in flight (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--serve-tokens", defaultValue = "64", description = "max_tokens of each serve request (default: ${DEFAULT-VALUE}).")
        int serveTokens;

        @Option(names = "--serve-prompt", defaultValue = "32", description = "Prompt tokens of each serve request (default: ${DEFAULT-VALUE}).")
        int servePrompt;

        @Option(names = "--serve-url", paramLabel = "URL",
                description = "Drive this running OpenAI-compatible server on this machine (jack serve, llama-server) instead of the engine: only the serve figure.")
        URI serveUrl;

        @Option(names = "--serve-model", defaultValue = "bench", description = "Model name sent with --serve-url (default: ${DEFAULT-VALUE}).")
        String serveModel;

        @Option(names = "--threads", description = "Engine threads (default: the number of cores).")
        Integer threads;

        @Option(names = "--repetitions", defaultValue = "3", description = "Measured runs of each figure after a warm-up (default: ${DEFAULT-VALUE}).")
        int repetitions;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            EngineBench.Settings settings;
            try {
                settings = new EngineBench.Settings(threads != null ? threads : Runtime.getRuntime().availableProcessors(), promptTokens, tokens,
                        Arrays.stream(batches).boxed().toList(), batchPrompt, requests, concurrency, serveTokens, servePrompt, Duration.ofMinutes(10), repetitions);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            Consumer<EngineBench.Measurement> print = m -> {
                out.println(m);
                out.flush();
            };
            if (serveUrl != null) {
                try {
                    EngineBench.serve(serveUrl, serveModel, settings, vocab, print);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new UserException("--serve-url " + serveUrl + ": " + e.getMessage(), e);
                }
                return;
            }
            if (writeModel != null) {
                write(writeModel, out);
                return;
            }
            Path file = model != null ? model : randomModel(out);
            out.printf("model %s, %d threads on %d cores%n", file.getFileName(), settings.threads(), Runtime.getRuntime().availableProcessors());
            out.flush();
            EngineBench.engine(file, settings, print);
            if (requests > 0) {
                try {
                    EngineBench.serve(file, settings, print);
                } catch (IOException e) {
                    throw new UserException("cannot serve " + file + ": " + e.getMessage(), e);
                }
                out.printf("peak resident memory: %d MB%n", EngineBench.peakResidentBytes() >> 20);
            }
        }

        private RandomLlama.Shape shape() {
            RandomLlama.Weights weights;
            try {
                weights = RandomLlama.Weights.valueOf(type.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserException("--type must be f32, f16, q8_0, q4_0, q4_k, q6_k or q4_k_m, not " + type);
            }
            try {
                return new RandomLlama.Shape(dim, layers, dim / 64, dim / 256, dim * 4, vocab, 8192, weights, true);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        }

        private void write(Path file, PrintWriter out) {
            out.println("writing " + file + " (random weights)...");
            out.flush();
            try {
                RandomLlama.write(file, shape(), 1, "Jack bench");
            } catch (IOException e) {
                throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        private Path randomModel(PrintWriter out) {
            Path file = bench.main.data().cacheDir().resolve("models").resolve("bench-" + type + "-d" + dim + "-l" + layers + "-v" + vocab + "-tied.gguf");
            if (!Files.isRegularFile(file)) {
                try {
                    Files.createDirectories(file.getParent());
                } catch (IOException e) {
                    throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
                }
                write(file, out);
            }
            return file;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "The HTTP client against a local server that answers instantly: requests per second with many in flight.")
    static final class Sample implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--requests", defaultValue = "100000", description = "Requests per run (default: ${DEFAULT-VALUE}).")
        int requests;

        @Option(names = "--in-flight", defaultValue = "1000", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
        int inFlight;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (dev.jack.llm.StubServer server = dev.jack.llm.StubServer.start("stub");
                 dev.jack.llm.OpenAiBackend client = new dev.jack.llm.OpenAiBackend(new dev.jack.llm.OpenAiBackend.Config(
                         server.url(), "stub", null, dev.jack.llm.OpenAiBackend.Endpoint.CHAT, inFlight,
                         java.time.Duration.ofSeconds(60), 3, java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(2)), out::println)) {
                for (int round = 0; round < 3; round++) {
                    java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(2 * inFlight);
                    java.util.concurrent.atomic.AtomicLong ok = new java.util.concurrent.atomic.AtomicLong();
                    long peak = 0;
                    long start = System.nanoTime();
                    for (int i = 0; i < requests; i++) {
                        window.acquireUninterruptibly();
                        var request = dev.jack.llm.GenerationRequest.of(new dev.jack.llm.Prompt.Chat(
                                java.util.List.of(dev.jack.llm.Prompt.Message.user("prompt " + i))), 16).withSeed((long) i);
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
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Heap still in use after the last collection: what a run really holds, not its garbage. */
    static long liveHeapAfterLastGc() {
        long used = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    @Command(name = "stub-server", mixinStandardHelpOptions = true,
            description = "Runs the trivial local OpenAI-compatible server until stopped, to compare jack sample with a load generator such as wrk.")
    static final class StubServerCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", defaultValue = "stub", description = "Model name it serves (default: ${DEFAULT-VALUE}).")
        String model;

        @Override
        public void run() {
            try (dev.jack.llm.StubServer server = dev.jack.llm.StubServer.start(model)) {
                spec.commandLine().getOut().println("serving " + model + " at " + server.url() + " (Ctrl-C to stop)");
                spec.commandLine().getOut().flush();
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
