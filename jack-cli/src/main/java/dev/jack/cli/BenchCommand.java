package dev.jack.cli;

import dev.jack.core.UserException;
import dev.jack.core.data.DataLocations;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.ResponseFile;
import dev.jack.core.ifeval.Verifier;
import dev.jack.llm.engine.GgmlType;
import dev.jack.llm.engine.GgufFile;
import dev.jack.llm.engine.LlamaModel;
import dev.jack.llm.engine.RandomLlama;
import dev.jack.pipeline.bench.Benchmarks;
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

        @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's own copy.")
        Path punktDir;

        @Option(names = "--seconds", defaultValue = "10", description = "Measuring time after warm-up (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Override
        public void run() {
            List<IfevalPrompt> prompts = IfevalPrompt.readAll(inputData);
            ResponseFile answers = ResponseFile.read(responses);
            List<String> texts = prompts.stream().map(answers::require).toList();
            Benchmarks.verify(prompts, texts, new Verifier(bench.main.context(spec).text(punktDir)), seconds, spec.commandLine().getOut());
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

        @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's own copy.")
        Path punktDir;

        @Override
        public void run() {
            Benchmarks.synth(bench.main.context(spec).text(punktDir), count, runs, spec.commandLine().getOut());
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
            int ggmlType = switch (type) {
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
            Benchmarks.client(requests, inFlight, spec.commandLine().getOut());
        }
    }

    @Command(name = "stub-server", mixinStandardHelpOptions = true,
            description = "Runs the benchmark fixture (a local OpenAI-compatible endpoint that answers at once) until stopped, to compare jack sample with a load generator such as wrk.")
    static final class StubServerCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", defaultValue = "stub", description = "Model name it serves (default: ${DEFAULT-VALUE}).")
        String model;

        @Override
        public void run() {
            try (dev.jack.pipeline.bench.BenchFixtureServer server = new dev.jack.pipeline.bench.BenchFixtureServer(model)) {
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
