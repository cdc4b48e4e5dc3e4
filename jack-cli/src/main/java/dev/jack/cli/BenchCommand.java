package dev.jack.cli;

import dev.jack.core.Choices;
import dev.jack.core.UserException;
import dev.jack.core.ifbench.IfbenchEvaluation;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.ResponseFile;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.ifevalg.IfevalgEvaluation;
import dev.jack.core.ifevalg.IfevalgVerifier;
import dev.jack.core.text.TextTools;
import dev.jack.llm.EngineBench;
import dev.jack.llm.engine.GgufFile;
import dev.jack.llm.engine.RandomLlama;
import dev.jack.pipeline.StageContext;
import dev.jack.pipeline.bench.Benchmarks;
import dev.jack.pipeline.bench.CheckerBench;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code jack bench}: speed measurements (kept out of the unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measures Jack's speed.",
        subcommands = {BenchCommand.Verify.class, BenchCommand.Checkers.class, BenchCommand.Synth.class, BenchCommand.Sample.class, BenchCommand.StubServerCommand.class,
                BenchCommand.Engine.class})
final class BenchCommand {
    @ParentCommand
    Main main;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "A benchmark scorer's verification of a response file, warm, on one thread; and the cost per constraint id.")
    static final class Verify implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--benchmark", defaultValue = "ifeval", paramLabel = "NAME",
                description = "ifeval or ifbench (strict plus loose verification, responses matched as that scorer matches them), or ifevalg (open-instruct's IFEvalVerifier) (default: ${DEFAULT-VALUE}).")
        Benchmark benchmark;

        @Option(names = "--responses", required = true, paramLabel = "FILE", description = "Response file (as jack eval reads it for the benchmark).")
        Path responses;

        @Option(names = "--input-data", paramLabel = "FILE",
                description = "Prompts in IFEval's input format. Default: the benchmark's own, as jack eval finds them; ifevalg needs it.")
        Path inputData;

        @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's own copy.")
        Path punktDir;

        @Option(names = "--seconds", defaultValue = "10", description = "Measuring time after warm-up (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Override
        public void run() {
            if (!(seconds > 0) || Double.isInfinite(seconds)) throw new UserException("--seconds: must be a positive number of seconds, got " + seconds);
            StageContext context = bench.main.context(spec);
            TextTools text = context.text(punktDir);
            Path input = benchmark.promptsFile(inputData, context);
            PrintWriter out = spec.commandLine().getOut();
            if (benchmark == Benchmark.IFEVALG) {
                List<IfevalgEvaluation.Prompt> prompts = IfevalgEvaluation.readPrompts(input);
                Map<String, IfevalgEvaluation.Prompt> byKey = new HashMap<>();
                for (IfevalgEvaluation.Prompt p : prompts) byKey.put(p.key(), p);
                List<IfevalgEvaluation.Response> answers = IfevalgEvaluation.readResponses(responses, prompts);
                Benchmarks.verify("IFEvalVerifier (answer extraction, each constraint alone)", answers.stream().map(r -> byKey.get(r.key()).constraints()).toList(),
                        answers.stream().map(IfevalgEvaluation.Response::text).toList(),
                        (constraints, response) -> !IfevalgVerifier.verify(constraints, response, text).verdicts().contains(false), seconds, out);
                return;
            }
            List<IfevalPrompt> prompts = IfevalPrompt.readAll(input);
            List<String> texts;
            if (benchmark == Benchmark.IFBENCH) {
                Map<String, String> answers = IfbenchEvaluation.readResponses(responses);
                texts = prompts.stream().map(p -> IfbenchEvaluation.responseFor(p, answers)).toList();
            } else {
                ResponseFile answers = ResponseFile.read(responses);
                texts = prompts.stream().map(answers::require).toList();
            }
            Benchmarks.verify("strict+loose verification (" + Choices.label(benchmark) + ")", prompts.stream().map(IfevalPrompt::constraints).toList(),
                    texts, Benchmarks.strictAndLoose(new Verifier(text)), seconds, out);
        }
    }

    @Command(name = "checkers", mixinStandardHelpOptions = true,
            description = {"Every registered constraint's checker (strict plus loose) on adversarial responses, one thread: runs of one",
                    "character or pattern (\"Σ\", \"<<\", \"[\", blank lines, markup...) at each size; prints the slowest rows. Target: under 10 ms per 100 KB."})
    static final class Checkers implements Runnable {
        @Spec
        CommandSpec spec;

        @ParentCommand
        BenchCommand bench;

        @Option(names = "--sizes", defaultValue = "100000,1000000", split = ",", paramLabel = "CHARS",
                description = "Response sizes in characters (default: ${DEFAULT-VALUE}).")
        List<Integer> sizes;

        @Option(names = "--top", defaultValue = "20", description = "Slowest rows to print (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--punkt-dir", paramLabel = "DIR", description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's own copy.")
        Path punktDir;

        @Override
        public void run() {
            if (sizes.stream().anyMatch(n -> n < 1)) throw new UserException("--sizes: expected sizes of at least 1 character");
            CheckerBench.run(new Verifier(bench.main.context(spec).text(punktDir)), sizes, top, spec.commandLine().getOut());
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
            try {
                EngineBench.engine(file, settings, print);
            } catch (GgufFile.FormatException e) {
                throw new UserException(e.getMessage(), e);
            }
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
