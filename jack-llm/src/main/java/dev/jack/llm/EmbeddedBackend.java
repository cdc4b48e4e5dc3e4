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
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jack's own engine behind the Backend interface: a Llama 3 family GGUF file run in this JVM. One scheduler
 * batches continuously: requests queue, each joins the running batch as soon as its prompt is evaluated, and
 * every step decodes one token for all running sequences of all requests in one forward pass. The n
 * completions of a request share one evaluation of the prompt, and a prompt that shares a prefix with recent
 * work reuses its cache. Kernels compute each sequence exactly as they would alone, so neither batching nor
 * caching changes an answer. Logprobs are the model's distribution before sampling filters, as llama.cpp
 * reports by default.
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
    /** Runs the scheduler; the forward pass's parallel loops run in it too, so it bounds the cores used. */
    private final ForkJoinPool pool;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;
    /** Sequences decoded together at most; requests beyond it wait in the queue. */
    private static final int MAX_BATCH = 64;
    /** Prompt positions kept for reuse across requests. */
    private static final int PREFIX_CACHE_POSITIONS = 16_384;
    private final PrefixCache prefixes = new PrefixCache(PREFIX_CACHE_POSITIONS);
    private final AtomicLong reusedPromptTokens = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();

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
        this.pool = new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("jack-engine-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
        pool.execute(this::schedule);
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

    /** The most sequences decoded in one forward pass since the backend opened. */
    public int largestBatch() {
        return largestBatch.get();
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
        Job job = new Job(request);
        if (closed) {
            job.future.completeExceptionally(new GenerationException("the engine is closed", 1));
        } else {
            queue.add(job);
        }
        return job.future;
    }

    /** A request in the scheduler: its siblings once its prompt is evaluated. */
    private final class Job {
        final GenerationRequest request;
        final CompletableFuture<GenerationResult> future = new CompletableFuture<>();
        final List<Sibling> siblings = new ArrayList<>();
        int promptTokens;

        Job(GenerationRequest request) {
            this.request = request;
        }
    }

    /** The scheduler loop: admit queued requests while the batch has room, then decode one step for all. */
    private void schedule() {
        List<Job> active = new ArrayList<>();
        try {
            while (!closed) {
                if (active.isEmpty()) {
                    Job first = queue.take();
                    if (!closed && start(first)) active.add(first);
                }
                for (Job next; !closed && (next = queue.peek()) != null && running(active) + next.request.n() <= MAX_BATCH; ) {
                    queue.poll();
                    if (start(next)) active.add(next);
                }
                step(active);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // The engine cannot go on: later requests fail at once instead of waiting for a scheduler that is gone.
            closed = true;
            for (Job job : active) job.future.completeExceptionally(e);
            throw e;
        } finally {
            GenerationException closedError = new GenerationException("the engine is closed", 1);
            for (Job job : active) job.future.completeExceptionally(closedError);
            for (Job job; (job = queue.poll()) != null; ) job.future.completeExceptionally(closedError);
            stopped.countDown();
        }
    }

    private static int running(List<Job> active) {
        int n = 0;
        for (Job job : active) for (Sibling s : job.siblings) if (s.completion == null) n++;
        return n;
    }

    /** Evaluates a job's prompt and creates its siblings; false (and the job failed) when the prompt cannot run. */
    private boolean start(Job job) {
        GenerationRequest request = job.request;
        try {
            List<Integer> prompt = promptTokens(request.prompt());
            if (prompt.size() + 1 > model.contextLength()) {
                throw new GenerationException("the prompt has " + prompt.size() + " tokens; the model's context is " + model.contextLength(), 1);
            }
            PrefixCache.Evaluated evaluated = prefixes.evaluate(model, prompt);
            reusedPromptTokens.addAndGet(evaluated.reused());
            job.promptTokens = prompt.size();
            long seed = request.seed() == null ? 0 : request.seed();
            for (int i = 0; i < request.n(); i++) {
                Sampler sampler = new Sampler(new Sampler.Settings(
                        request.temperature() == null ? DEFAULT_TEMPERATURE : request.temperature(),
                        request.topK() == null ? 0 : request.topK(), request.topP() == null ? 1 : request.topP(), 0,
                        seed + i * 0x9E3779B97F4A7C15L));
                job.siblings.add(new Sibling(i == request.n() - 1 ? evaluated.session() : evaluated.session().copy(), sampler, evaluated.logits().clone()));
            }
            return true;
        } catch (RuntimeException e) {
            job.future.completeExceptionally(e);
            return false;
        }
    }

    /** Samples a token for every running sequence, decodes them all in one pass, and completes finished jobs. */
    private void step(List<Job> active) {
        List<Sibling> next = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        for (Job job : active) {
            for (Sibling s : job.siblings) {
                if (s.completion != null) continue;
                int token = s.step(job.request);
                if (token >= 0) {
                    next.add(s);
                    tokens.add(token);
                }
            }
        }
        if (!next.isEmpty()) {
            largestBatch.accumulateAndGet(next.size(), Math::max);
            float[][] all = model.decode(next.stream().map(Sibling::session).toList(), tokens.stream().mapToInt(Integer::intValue).toArray());
            for (int i = 0; i < next.size(); i++) next.get(i).logits = all[i];
        }
        for (Iterator<Job> it = active.iterator(); it.hasNext(); ) {
            Job job = it.next();
            if (job.siblings.stream().allMatch(s -> s.completion != null)) {
                job.future.complete(new GenerationResult(job.siblings.stream().map(s -> s.completion).toList(), job.promptTokens));
                it.remove();
            }
        }
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

    /** Stops the scheduler (requests still running or queued fail) and unmaps the file once nothing uses it. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        queue.add(new Job(GenerationRequest.of(new Prompt.Raw(""), 1)));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdown();
        gguf.close();
    }
}
