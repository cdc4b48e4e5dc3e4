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
import dev.jack.llm.engine.GgmlType;
import dev.jack.llm.engine.GgufFile;
import dev.jack.llm.engine.LlamaModel;
import dev.jack.llm.engine.RandomLlama;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            description = {"The embedded engine: prompt processing, single-stream decode and batched decode tokens/s.",
                    "Without --model it builds a random-weight model of the given shape into the cache (realistic width, noise output)."})
    static final class Engine implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--model", description = "A GGUF file (default: a random model of the shape below).")
        Path model;

        @Option(names = "--type", defaultValue = "q8_0", description = "Weight type of the random model: f32, f16, q8_0, q4_k or q6_k (default: ${DEFAULT-VALUE}).")
        String type;

        @Option(names = "--dim", defaultValue = "2048", description = "Width of the random model (default: ${DEFAULT-VALUE}, as Llama 3.2 1B).")
        int dim;

        @Option(names = "--layers", defaultValue = "4", description = "Layers of the random model (default: ${DEFAULT-VALUE}; Llama 3.2 1B has 16).")
        int layers;

        @Option(names = "--vocab", defaultValue = "32000", description = "Vocabulary of the random model (default: ${DEFAULT-VALUE}).")
        int vocab;

        @Option(names = "--prompt", defaultValue = "128", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
        int promptTokens;

        @Option(names = "--tokens", defaultValue = "32", description = "Tokens decoded per sequence (default: ${DEFAULT-VALUE}).")
        int tokens;

        @Option(names = "--batch", defaultValue = "1,4,8", split = ",", description = "Batch sizes for decoding (default: ${DEFAULT-VALUE}).")
        int[] batches;

        @Option(names = "--requests", defaultValue = "8", description = "Requests sent to the engine one after another, then all at once (default: ${DEFAULT-VALUE}; 0 skips).")
        int requests;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Path file = model != null ? model : randomModel(out);
            try (GgufFile gguf = GgufFile.open(file)) {
                LlamaModel llama = new LlamaModel(gguf);
                out.printf("model %s, %d cores%n", file.getFileName(), Runtime.getRuntime().availableProcessors());
                List<Integer> prompt = new ArrayList<>();
                for (int i = 0; i < promptTokens; i++) prompt.add((i * 7919) % llama.vocabularySize());
                for (int round = 0; round < 2; round++) {
                    String label = round == 0 ? "warm-up" : "measured";
                    LlamaModel.Session session = llama.new Session();
                    long start = System.nanoTime();
                    session.prefill(prompt);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    out.printf("%s: prompt processing %d tokens: %.1f tokens/s%n", label, promptTokens, promptTokens / seconds);
                    for (int batch : batches) {
                        List<LlamaModel.Session> sessions = new ArrayList<>();
                        for (int b = 0; b < batch; b++) sessions.add(session.copy());
                        int[] next = new int[batch];
                        start = System.nanoTime();
                        for (int t = 0; t < tokens; t++) {
                            for (int b = 0; b < batch; b++) next[b] = (t * 31 + b * 17) % llama.vocabularySize();
                            llama.decode(sessions, next);
                        }
                        seconds = (System.nanoTime() - start) / 1e9;
                        out.printf("%s: decode batch %d: %.1f tokens/s in all (%.1f per sequence)%n", label, batch,
                                batch * tokens / seconds, tokens / seconds);
                    }
                }
            }
            if (requests > 0) requests(file, out);
        }

        /** Separate requests through the backend (16-token prompts, sampled): sequential against continuously batched. */
        private void requests(Path file, PrintWriter out) {
            try (dev.jack.llm.EmbeddedBackend engine = dev.jack.llm.EmbeddedBackend.open(file, Runtime.getRuntime().availableProcessors())) {
                List<dev.jack.llm.GenerationRequest> all = new ArrayList<>();
                for (int r = 0; r < requests; r++) {
                    List<Integer> prompt = new ArrayList<>();
                    for (int i = 0; i < 16; i++) prompt.add((r * 1009 + i * 7919) % engine.tokenizer().vocabularySize());
                    all.add(new dev.jack.llm.GenerationRequest(new dev.jack.llm.Prompt.Tokens(prompt), 1, 1.0, null, null, (long) r, tokens, List.of(), null));
                }
                for (String mode : List.of("one after another", "all at once")) {
                    long start = System.nanoTime();
                    List<java.util.concurrent.CompletableFuture<dev.jack.llm.GenerationResult>> futures = new ArrayList<>();
                    for (var request : all) {
                        var f = engine.generate(request);
                        if (mode.startsWith("one")) f.join();
                        futures.add(f);
                    }
                    long generated = futures.stream().mapToLong(f -> f.join().completions().getFirst().completionTokens()).sum();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    out.printf("%d requests %s: %.1f generated tokens/s (prompts included), largest batch %d%n", requests, mode,
                            generated / seconds, engine.largestBatch());
                }
            }
        }

        private Path randomModel(PrintWriter out) {
            GgmlType ggmlType = switch (type) {
                case "f32" -> GgmlType.F32;
                case "f16" -> GgmlType.F16;
                case "q8_0" -> GgmlType.Q8_0;
                case "q4_k" -> GgmlType.Q4_K;
                case "q6_k" -> GgmlType.Q6_K;
                default -> throw new UserException("--type must be f32, f16, q8_0, q4_k or q6_k");
            };
            Path file = bench.main.data().cacheDir().resolve("models").resolve("bench-" + type + "-d" + dim + "-l" + layers + "-v" + vocab + ".gguf");
            if (!Files.isRegularFile(file)) {
                out.println("building " + file + " (random weights)...");
                out.flush();
                try {
                    Files.createDirectories(file.getParent());
                    RandomLlama.write(file, new RandomLlama.Shape(dim, layers, dim / 64, dim / 256,
                            dim * 4, vocab, 8192, ggmlType), 1, "bench");
                } catch (IOException e) {
                    throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
                }
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
