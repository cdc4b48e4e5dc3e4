package dev.jack.llm;

import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import dev.jack.llm.engine.GgufFile;
import dev.jack.llm.engine.LlamaModel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The embedded engine's speed on a GGUF file, measured as llama.cpp's tools measure it so that both can run on the
 * same file side by side ({@code jack bench engine}, {@code bench/engine-vs-llamacpp.sh}):
 * <ul>
 *   <li>{@code ppN}: a prompt of N tokens evaluated in one go, tokens/s (llama-bench's pp test);</li>
 *   <li>{@code tgN}: N tokens decoded one at a time from an empty context, tokens/s (llama-bench's tg test);</li>
 *   <li>{@code batch B}: B sequences, each with its own prompt, decoding N tokens together: B·N over the decode time
 *       (llama-batched-bench's S_TG);</li>
 *   <li>{@code serve C}: generated tokens/s of an OpenAI-compatible server under C concurrent /v1/completions
 *       requests, from a load driver that sends the same requests to {@code jack serve} and to llama-server.</li>
 * </ul>
 * Each figure is measured {@code repetitions} times after a warm-up; the median and range are reported. Prompts are
 * token ids of ordinary vocabulary entries (so both engines see the same tokens), different for every sequence and
 * request (so no prompt cache helps).
 */
public final class EngineBench {
    private EngineBench() {}

    /**
     * What to measure.
     *
     * @param threads          threads of the engine
     * @param promptTokens     N of ppN
     * @param decodeTokens     N of tgN, and tokens decoded per sequence in the batch figures
     * @param batches          batch sizes B (1 is tgN and is not repeated here)
     * @param batchPrompt      prompt tokens of each sequence before a batch decodes
     * @param serveRequests    requests per serve measurement (0: none)
     * @param serveConcurrency requests in flight
     * @param serveTokens      max_tokens of each request
     * @param servePrompt      prompt tokens of each request
     * @param serveLimit       a serve measurement stops sending requests after this long
     * @param repetitions      measured runs of each figure, after one warm-up
     */
    public record Settings(int threads, int promptTokens, int decodeTokens, List<Integer> batches, int batchPrompt,
                           int serveRequests, int serveConcurrency, int serveTokens, int servePrompt, Duration serveLimit, int repetitions) {
        public Settings {
            if (threads < 1 || promptTokens < 1 || decodeTokens < 1 || batchPrompt < 1 || repetitions < 1 || serveConcurrency < 1
                    || serveTokens < 1 || servePrompt < 1 || serveRequests < 0) {
                throw new IllegalArgumentException("bench settings must be positive: " + this);
            }
            batches = List.copyOf(batches);
        }
    }

    /** One figure: its runs in tokens per second. */
    public record Measurement(String test, List<Double> values) {
        /** The median of the runs (the mean of the middle two for an even count). */
        public double median() {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        @Override
        public String toString() {
            double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            return String.format("%-12s %9.2f tokens/s  (median of %d: %.2f–%.2f)", test, median(), values.size(), min, max);
        }
    }

    /** The engine figures (ppN, tgN, batch B) on the model's file, each reported to {@code out} when measured. */
    public static List<Measurement> engine(Path model, Settings s, Consumer<Measurement> out) {
        List<Measurement> all = new ArrayList<>();
        try (GgufFile gguf = GgufFile.open(model)) {
            LlamaModel llama = new LlamaModel(gguf, s.threads());
            int vocab = llama.vocabularySize();
            all.add(report(out, "pp" + s.promptTokens(), s, () -> {
                List<Integer> prompt = prompt(0, s.promptTokens(), vocab);
                long start = System.nanoTime();
                llama.new Session().prefill(prompt);
                return s.promptTokens() / seconds(start);
            }));
            all.add(report(out, "tg" + s.decodeTokens(), s, () -> decode(llama, 1, 0, s.decodeTokens(), vocab)));
            for (int batch : s.batches()) {
                if (batch <= 1) continue;
                all.add(report(out, "batch" + batch, s, () -> decode(llama, batch, s.batchPrompt(), s.decodeTokens(), vocab)));
            }
        }
        return all;
    }

    /** Tokens/s of {@code batch} sequences (each prompted with {@code promptTokens} of its own) decoding {@code tokens} together. */
    private static double decode(LlamaModel llama, int batch, int promptTokens, int tokens, int vocab) {
        List<LlamaModel.Session> sessions = new ArrayList<>();
        int[] next = new int[batch];
        for (int b = 0; b < batch; b++) {
            LlamaModel.Session session = llama.new Session();
            if (promptTokens > 0) session.prefill(prompt(b + 1, promptTokens, vocab));
            sessions.add(session);
        }
        long start = System.nanoTime();
        for (int t = 0; t < tokens; t++) {
            for (int b = 0; b < batch; b++) next[b] = token(b * 31 + 7, t, vocab);
            llama.decode(sessions, next);
        }
        return (double) batch * tokens / seconds(start);
    }

    /** {@code jack serve} on a loopback port, driven as {@link #serve(URI, String, Settings, int, Consumer)} drives any server. */
    public static Measurement serve(Path model, Settings s, Consumer<Measurement> out) throws IOException {
        try (EmbeddedBackend engine = EmbeddedBackend.open(model, s.threads());
             OpenAiServer server = new OpenAiServer(engine, "127.0.0.1", 0, null, s.serveTokens())) {
            return serve(server.url(), engine.model(), s, engine.tokenizer().vocabularySize(), out);
        }
    }

    /** The serve figure of a running server on this machine: generated tokens/s under {@link #drive}'s load. */
    public static Measurement serve(URI server, String model, Settings s, int vocab, Consumer<Measurement> out) {
        return report(out, "serve" + s.serveConcurrency(), s, () -> drive(server, model, s, vocab).tokensPerSecond());
    }

    /** What a load run did. */
    public record Load(int requests, long generatedTokens, double seconds) {
        public double tokensPerSecond() {
            return generatedTokens / seconds;
        }
    }

    /**
     * Sends {@code s.serveRequests()} /v1/completions requests to a server on this machine, {@code s.serveConcurrency()}
     * at a time, and counts the tokens generated (the responses' usage.completion_tokens) over the wall time. Sending
     * stops after {@code s.serveLimit()}.
     *
     * @throws IllegalArgumentException for a server that is not on a loopback address
     * @throws IllegalStateException    when a request fails (the message gives the status and body)
     */
    public static Load drive(URI server, String model, Settings s, int vocab) {
        try {
            if (!InetAddress.getByName(server.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException(server + " is not a loopback address: the load driver only runs against this machine");
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in " + server);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        URI endpoint = server.resolve("/v1/completions");
        AtomicInteger next = new AtomicInteger();
        AtomicLong generated = new AtomicLong();
        long deadline = System.nanoTime() + s.serveLimit().toNanos();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < s.serveConcurrency(); c++) {
                running.add(clients.submit(() -> {
                    for (int r; (r = next.getAndIncrement()) < s.serveRequests() && System.nanoTime() < deadline; ) {
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("model", model);
                        body.put("prompt", prompt(1000 + r, s.servePrompt(), vocab));
                        body.put("max_tokens", s.serveTokens());
                        body.put("temperature", 1.0);
                        body.put("seed", r);
                        body.put("ignore_eos", true);
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(s.serveLimit().plusMinutes(1))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PyJson.dumps(body))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) throw new IllegalStateException(endpoint + " answered " + response.statusCode() + ": " + response.body());
                        Map<?, ?> usage = (Map<?, ?>) ((Map<?, ?>) Json.parse(response.body())).get("usage");
                        generated.addAndGet(((Number) usage.get("completion_tokens")).longValue());
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return new Load(Math.min(next.get(), s.serveRequests()), generated.get(), seconds(start));
    }

    /** The process's peak resident set (VmHWM in /proc/self/status) in bytes, or -1 where there is none. */
    public static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private interface Run {
        double tokensPerSecond() throws Exception;
    }

    private static Measurement report(Consumer<Measurement> out, String test, Settings s, Run run) {
        List<Double> values = new ArrayList<>();
        try {
            run.tokensPerSecond();
            for (int r = 0; r < s.repetitions(); r++) values.add(run.tokensPerSecond());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(test + ": " + e.getMessage(), e);
        }
        Measurement m = new Measurement(test, values);
        out.accept(m);
        return m;
    }

    /** Prompt {@code n} of the given length: ordinary vocabulary entries (above the 256 byte tokens), a different sequence per n. */
    static List<Integer> prompt(int n, int length, int vocab) {
        List<Integer> ids = new ArrayList<>(length);
        for (int i = 0; i < length; i++) ids.add(token(n, i, vocab));
        return ids;
    }

    /** Ids above the 256 byte tokens and below the control tokens at the end of the vocabulary (256 in Llama 3's). */
    private static int token(int n, int i, int vocab) {
        int span = vocab > 1024 ? vocab - 512 : vocab - 264;
        return 256 + (int) (((long) n * 7919 + (long) i * 104_729) % span);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
