package dev.jack.llm;

import dev.jack.llm.engine.GgufFile;
import dev.jack.llm.engine.Llama3Tokenizer;
import dev.jack.llm.engine.LlamaModel;
import dev.jack.llm.engine.PrefixCache;
import dev.jack.llm.engine.Sampler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jack's own engine behind the Backend interface: a Llama 3 family GGUF file run in this JVM. Requests run on
 * platform worker threads; the n completions of a request share one evaluation of the prompt and decode in
 * one batch, and a prompt that shares a prefix with recent work reuses its cache.
 * Logprobs are the model's distribution before sampling filters, as llama.cpp reports by default.
 */
public final class EmbeddedBackend implements Backend {
    /** Unset sampling settings take OpenAI's defaults (temperature 1, no top-k, top-p 1), and seed 0. */
    private static final double DEFAULT_TEMPERATURE = 1.0;

    private final GgufFile gguf;
    private final LlamaModel model;
    private final Llama3Tokenizer tokenizer;
    private final ChatTemplates.Style style;
    private final Set<Integer> endTokens = new HashSet<>();
    private final String name;
    private final ExecutorService workers;
    /** Prompt positions kept for reuse across requests. */
    private static final int PREFIX_CACHE_POSITIONS = 16_384;
    private final PrefixCache prefixes = new PrefixCache(PREFIX_CACHE_POSITIONS);
    private final AtomicLong reusedPromptTokens = new AtomicLong();

    private EmbeddedBackend(GgufFile gguf, String name, int threads) {
        this.gguf = gguf;
        this.name = name;
        this.model = new LlamaModel(gguf);
        this.tokenizer = Llama3Tokenizer.from(gguf);
        this.style = ChatTemplates.Style.of(gguf.metadata().get("tokenizer.chat_template") instanceof String t ? t : null);
        for (String key : List.of("tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id")) {
            if (gguf.metadata().get(key) instanceof Number id) endTokens.add(id.intValue());
        }
        List<Integer> eot = tokenizer.encode("<|eot_id|>", true);
        if (eot.size() == 1) endTokens.add(eot.getFirst());
        this.workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("jack-engine-", 0).factory());
    }

    /** Opens a GGUF file; errors name the file and what is unsupported. */
    public static EmbeddedBackend open(Path file, int threads) {
        GgufFile gguf = GgufFile.open(file);
        try {
            String fileName = file.getFileName().toString();
            return new EmbeddedBackend(gguf, fileName.endsWith(".gguf") ? fileName.substring(0, fileName.length() - 5) : fileName, threads);
        } catch (RuntimeException e) {
            gguf.close();
            throw new GgufFile.FormatException(file + ": " + e.getMessage());
        }
    }

    @Override
    public String model() {
        return name;
    }

    /** Prompt tokens taken from cached work instead of being computed, since the backend opened. */
    public long reusedPromptTokens() {
        return reusedPromptTokens.get();
    }

    public Llama3Tokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * The prompt's token ids: text gets BOS first and is tokenized as llama.cpp tokenizes a rendered prompt
     * (control-token text parsed); token ids are taken as given, after a range check.
     */
    public List<Integer> promptTokens(Prompt prompt) {
        return switch (prompt) {
            case Prompt.Chat chat -> tokenizeWithBos(ChatTemplates.render(chat.messages(), style, true, ChatTemplates.DEFAULT_DATE));
            case Prompt.Raw raw -> tokenizeWithBos(raw.prefix());
            case Prompt.Continuation c -> tokenizeWithBos(ChatTemplates.render(c.messages(), style, true, ChatTemplates.DEFAULT_DATE) + c.reply());
            case Prompt.Tokens tokens -> {
                for (int id : tokens.ids()) {
                    if (id < 0 || id >= model.vocabularySize()) {
                        throw new IllegalArgumentException("prompt token id " + id + " is outside the vocabulary (0.." + (model.vocabularySize() - 1) + ")");
                    }
                }
                yield tokens.ids();
            }
        };
    }

    private List<Integer> tokenizeWithBos(String text) {
        List<Integer> ids = new ArrayList<>();
        ids.add(tokenizer.bos());
        ids.addAll(tokenizer.encode(text, true));
        return ids;
    }

    @Override
    public CompletableFuture<GenerationResult> generate(GenerationRequest request) {
        return CompletableFuture.supplyAsync(() -> run(request), workers);
    }

    private GenerationResult run(GenerationRequest request) {
        List<Integer> prompt = promptTokens(request.prompt());
        if (prompt.size() + 1 > model.contextLength()) {
            throw new GenerationException("the prompt has " + prompt.size() + " tokens; the model's context is " + model.contextLength(), 1);
        }
        PrefixCache.Evaluated evaluated = prefixes.evaluate(model, prompt);
        reusedPromptTokens.addAndGet(evaluated.reused());
        LlamaModel.Session prefix = evaluated.session();
        float[] logits = evaluated.logits();
        long seed = request.seed() == null ? 0 : request.seed();
        List<Sibling> siblings = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            Sampler sampler = new Sampler(new Sampler.Settings(
                    request.temperature() == null ? DEFAULT_TEMPERATURE : request.temperature(),
                    request.topK() == null ? 0 : request.topK(), request.topP() == null ? 1 : request.topP(), 0,
                    seed + i * 0x9E3779B97F4A7C15L));
            siblings.add(new Sibling(i == request.n() - 1 ? prefix : prefix.copy(), sampler, logits.clone()));
        }
        // The siblings decode together: one forward pass per step for all that are still running.
        List<Sibling> running = new ArrayList<>(siblings);
        while (!running.isEmpty()) {
            int[] tokens = new int[running.size()];
            List<Sibling> next = new ArrayList<>();
            for (Sibling s : running) {
                int token = s.step(request);
                if (token >= 0) {
                    tokens[next.size()] = token;
                    next.add(s);
                }
            }
            if (next.isEmpty()) break;
            float[][] all = model.decode(next.stream().map(Sibling::session).toList(), Arrays.copyOf(tokens, next.size()));
            for (int i = 0; i < next.size(); i++) next.get(i).logits = all[i];
            running = next;
        }
        return new GenerationResult(siblings.stream().map(s -> s.completion).toList(), prompt.size());
    }

    /** One of a request's n completions while it is being generated. */
    private final class Sibling {
        final LlamaModel.Session session;
        final Sampler sampler;
        float[] logits;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<GenerationResult.TokenLogprob> logprobs = new ArrayList<>();
        int generated;
        GenerationResult.Completion completion;

        Sibling(LlamaModel.Session session, Sampler sampler, float[] logits) {
            this.session = session;
            this.sampler = sampler;
            this.logits = logits;
        }

        LlamaModel.Session session() {
            return session;
        }

        /** Samples the next token and returns it, or returns -1 once the completion is finished. */
        int step(GenerationRequest request) {
            if (generated == request.maxTokens() || session.length() >= model.contextLength()) {
                return finish(bytes.toString(StandardCharsets.UTF_8), "length");
            }
            int token = sampler.next(logits);
            generated++;
            if (request.logprobs() != null) logprobs.add(logprob(logits, token, request.logprobs()));
            if (endTokens.contains(token)) return finish(bytes.toString(StandardCharsets.UTF_8), "stop");
            bytes.writeBytes(tokenizer.tokenBytes(token));
            if (!request.stop().isEmpty()) {
                // Stop strings may span tokens, so the text so far is searched; without them nothing is decoded here.
                String text = bytes.toString(StandardCharsets.UTF_8);
                int stopAt = firstStop(text, request.stop());
                if (stopAt >= 0) return finish(text.substring(0, stopAt), "stop");
            }
            return token;
        }

        private int finish(String text, String reason) {
            completion = new GenerationResult.Completion(text, reason, generated, logprobs);
            return -1;
        }
    }

    private static int firstStop(String text, List<String> stops) {
        int first = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        return first;
    }

    private GenerationResult.TokenLogprob logprob(float[] logits, int token, int top) {
        double[] logprobs = LlamaModel.logSoftmax(logits);
        List<GenerationResult.Alternative> alternatives = new ArrayList<>();
        if (top > 0) {
            for (int id : Sampler.topIds(logits, top)) alternatives.add(new GenerationResult.Alternative(text(id), id, logprobs[id]));
        }
        return new GenerationResult.TokenLogprob(text(token), token, logprobs[token], alternatives);
    }

    private String text(int id) {
        return new String(tokenizer.tokenBytes(id), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        gguf.close();
    }
}
