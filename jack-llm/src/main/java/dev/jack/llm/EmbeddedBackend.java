package dev.jack.llm;

import dev.jack.llm.engine.GgufFile;
import dev.jack.llm.engine.Llama3Tokenizer;
import dev.jack.llm.engine.LlamaModel;
import dev.jack.llm.engine.PrefixCache;
import dev.jack.llm.engine.Sampler;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Jack's own engine behind the Backend interface: a Llama 3 family GGUF file run in this JVM. One scheduler
 * batches continuously: requests queue, their prompts are evaluated in slices of at most {@value #PREFILL_BUDGET}
 * positions per scheduler step (shared round-robin by the prompts waiting, all in the same forward passes), and every
 * step also decodes one token for all running sequences of all requests in one forward pass (their next tokens sampled
 * on all the engine's threads), so a long prompt never holds up the decoding of others (vLLM's chunked prefill). The n
 * completions of a request share one evaluation of the prompt, and a prompt that shares a prefix with recent work
 * reuses its cache. Kernels compute each sequence exactly as they would alone, so neither batching nor caching changes
 * an answer. Logprobs are the model's distribution before sampling filters, as llama.cpp reports by default.
 * Generation stops on every end-of-generation token of the vocabulary ({@link Llama3Tokenizer#endOfGeneration()}) with
 * finish reason {@code "stop"}; control tokens add no text.
 */
public final class EmbeddedBackend implements Backend {
    /** Unset sampling settings take OpenAI's defaults (temperature 1, no top-k, top-p 1), and seed 0. */
    private static final double DEFAULT_TEMPERATURE = 1.0;
    /** Prompt positions evaluated per scheduler step, over all prompts waiting: two of the model's prefill chunks. */
    static final int PREFILL_BUDGET = 2 * LlamaModel.PREFILL_CHUNK;

    private final GgufFile gguf;
    private final LlamaModel model;
    private final Llama3Tokenizer tokenizer;
    private final ChatTemplates.Style style;
    private final Set<Integer> endTokens;
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
    private final AtomicLong evaluatedPromptTokens = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();

    /**
     * What a streaming caller receives as a completion grows: new text (whole characters only; text that could still
     * turn out to be the start of a stop string is held back), the logprobs of the tokens generated since the last
     * delta (when asked for), and, in the completion's last delta, its finish reason (else null). The deltas of a
     * completion concatenate to its final text.
     */
    public record Delta(int index, String text, List<GenerationResult.TokenLogprob> logprobs, String finishReason) {}

    private EmbeddedBackend(GgufFile gguf, String name, int threads) {
        this.gguf = gguf;
        this.name = name;
        this.model = new LlamaModel(gguf);
        this.tokenizer = Llama3Tokenizer.from(gguf);
        this.style = ChatTemplates.Style.of(gguf.metadata().get("tokenizer.chat_template") instanceof String t ? t : null);
        this.endTokens = tokenizer.endOfGeneration();
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

    /** The model's context length in tokens: prompt and completion together fit in it. */
    public int contextLength() {
        return model.contextLength();
    }

    /** Prompt tokens taken from cached work instead of being computed, since the backend opened. */
    public long reusedPromptTokens() {
        return reusedPromptTokens.get();
    }

    /** Prompt tokens computed (not taken from cached work) since the backend opened. */
    public long evaluatedPromptTokens() {
        return evaluatedPromptTokens.get();
    }

    /** The most sequences decoded in one forward pass since the backend opened. */
    public int largestBatch() {
        return largestBatch.get();
    }

    public Llama3Tokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * Messages rendered with the model's chat template, as {@link ChatTemplates#render} does (no BOS): with the
     * generation prompt, or without it (a final assistant message then follows the template's own rule).
     */
    public String render(List<Prompt.Message> messages, boolean addGenerationPrompt) {
        return ChatTemplates.render(messages, style, addGenerationPrompt, ChatTemplates.DEFAULT_DATE);
    }

    /**
     * The prompt's token ids: text gets BOS first and is tokenized as llama.cpp tokenizes a rendered prompt
     * (control-token text parsed); token ids are taken as given, after a range check.
     *
     * @throws IllegalArgumentException for an id outside the vocabulary, or a text too long to fit in the context
     *                                  (decided from its length before tokenizing)
     */
    public List<Integer> promptTokens(Prompt prompt) {
        return switch (prompt) {
            case Prompt.Chat chat -> tokenize(render(chat.messages(), true), true);
            case Prompt.Raw raw -> tokenize(raw.prefix(), true);
            case Prompt.Continuation c -> tokenize(render(c.messages(), true) + c.reply(), true);
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

    /**
     * Token ids of a text, control-token text parsed, with BOS first when asked.
     *
     * @throws IllegalArgumentException when the text has so many chars that its tokens cannot fit in the context
     */
    public List<Integer> tokenize(String text, boolean addBos) {
        // Every token stands for at most longestTokenChars chars, so this many chars cannot fit: refused before any work.
        long fewestTokens = text.length() / tokenizer.longestTokenChars();
        if (fewestTokens >= model.contextLength()) {
            throw new IllegalArgumentException("the prompt has " + text.length() + " characters, at least " + fewestTokens
                    + " tokens; the model's context is " + model.contextLength());
        }
        List<Integer> ids = new ArrayList<>();
        if (addBos) ids.add(tokenizer.bos());
        ids.addAll(tokenizer.encode(text, true));
        return ids;
    }

    @Override
    public CompletableFuture<GenerationResult> generate(GenerationRequest request) {
        return generate(request, null);
    }

    /**
     * Like {@link #generate(GenerationRequest)}, also handing each completion's {@link Delta}s to the listener as they
     * come. The listener runs on the scheduler thread, so it must return at once (queue the delta, not write it).
     */
    public CompletableFuture<GenerationResult> generate(GenerationRequest request, Consumer<Delta> listener) {
        Job job = new Job(request, listener);
        if (closed) {
            job.future.completeExceptionally(new GenerationException("the engine is closed", 1));
        } else {
            queue.add(job);
        }
        return job.future;
    }

    /** A request in the scheduler: its prompt being evaluated, then its siblings. */
    private final class Job {
        final GenerationRequest request;
        final Consumer<Delta> listener;
        final CompletableFuture<GenerationResult> future = new CompletableFuture<>();
        final List<Sibling> siblings = new ArrayList<>();
        List<Integer> prompt;
        LlamaModel.Session session;
        int evaluated;
        float[] logits;

        Job(GenerationRequest request, Consumer<Delta> listener) {
            this.request = request;
            this.listener = listener;
        }

        boolean prefilled() {
            return logits != null;
        }
    }

    /**
     * The scheduler loop: admit queued requests while the batch has room, evaluate up to {@value #PREFILL_BUDGET}
     * prompt positions of the requests still being prefilled, then decode one step for all running sequences.
     */
    private void schedule() {
        List<Job> active = new ArrayList<>();
        int turn = 0;
        try {
            while (!closed) {
                if (active.isEmpty()) {
                    Job first = queue.take();
                    if (!closed && admit(first)) active.add(first);
                }
                for (Job next; !closed && (next = queue.peek()) != null && running(active) + next.request.n() <= MAX_BATCH; ) {
                    queue.poll();
                    if (admit(next)) active.add(next);
                }
                // A cancelled request (its client went away) stops taking work. Dropped after admission, not before: a
                // request cancelled before another was sent is then never decoded beside it.
                active.removeIf(job -> job.future.isDone());
                turn = prefill(active, turn);
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

    /** Sequences running or about to: a job still being prefilled counts with all its n. */
    private static int running(List<Job> active) {
        int n = 0;
        for (Job job : active) {
            if (!job.prefilled()) n += job.request.n();
            else for (Sibling s : job.siblings) if (s.completion == null) n++;
        }
        return n;
    }

    /** Tokenizes a job's prompt and takes what the prefix cache has; false (and the job failed) when the prompt cannot run. */
    private boolean admit(Job job) {
        if (job.future.isDone()) return false;
        try {
            List<Integer> prompt = promptTokens(job.request.prompt());
            if (prompt.size() + 1 > model.contextLength()) {
                throw new GenerationException("the prompt has " + prompt.size() + " tokens; the model's context is " + model.contextLength(), 1);
            }
            PrefixCache.Start start = prefixes.start(model, prompt);
            reusedPromptTokens.addAndGet(start.reused());
            job.prompt = prompt;
            job.session = start.session();
            job.evaluated = start.reused();
            if (start.logits() != null) begin(job, start.logits());
            return true;
        } catch (RuntimeException e) {
            job.future.completeExceptionally(e);
            return false;
        }
    }

    /**
     * Evaluates at most {@value #PREFILL_BUDGET} prompt positions, taking turns among the jobs still being prefilled
     * (the turn rotates, so a long prompt and a short one both advance), all in the same forward passes: prompts of
     * many requests share each weight read. Returns the next turn.
     */
    private int prefill(List<Job> active, int turn) {
        List<Job> waiting = active.stream().filter(j -> !j.prefilled()).toList();
        List<Job> jobs = new ArrayList<>();
        List<List<Integer>> slices = new ArrayList<>();
        int budget = PREFILL_BUDGET;
        for (int k = 0; k < waiting.size() && budget > 0; k++) {
            Job job = waiting.get((turn + k) % waiting.size());
            // Positions are computed the same way however a pass groups them, so a slice may end anywhere.
            int take = Math.min(budget, job.prompt.size() - job.evaluated);
            jobs.add(job);
            slices.add(job.prompt.subList(job.evaluated, job.evaluated + take));
            budget -= take;
        }
        if (jobs.isEmpty()) return 0;
        boolean[] ends = new boolean[jobs.size()];
        for (int j = 0; j < jobs.size(); j++) ends[j] = jobs.get(j).evaluated + slices.get(j).size() == jobs.get(j).prompt.size();
        // Admission checked every id, and every slice holds at least the prompt's last token (PrefixCache.start).
        float[][] logits = model.prefill(jobs.stream().map(job -> job.session).toList(), slices, ends);
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            job.evaluated += slices.get(j).size();
            evaluatedPromptTokens.addAndGet(slices.get(j).size());
            if (ends[j]) {
                prefixes.remember(job.prompt, job.session, logits[j]);
                begin(job, logits[j]);
            }
        }
        return turn + 1;
    }

    /** Creates a prefilled job's siblings: n samplers over copies of its session. */
    private void begin(Job job, float[] logits) {
        GenerationRequest request = job.request;
        job.logits = logits;
        long seed = request.seed() == null ? 0 : request.seed();
        for (int i = 0; i < request.n(); i++) {
            Sampler sampler = new Sampler(new Sampler.Settings(
                    request.temperature() == null ? DEFAULT_TEMPERATURE : request.temperature(),
                    request.topK() == null ? 0 : request.topK(), request.topP() == null ? 1 : request.topP(), 0,
                    seed + i * 0x9E3779B97F4A7C15L));
            job.siblings.add(new Sibling(job, i, i == request.n() - 1 ? job.session : job.session.copy(), sampler, logits.clone()));
        }
        job.session = null;
    }

    /** Samples a token for every running sequence, decodes them all in one pass, and completes finished jobs. */
    private void step(List<Job> active) {
        List<Sibling> running = new ArrayList<>();
        for (Job job : active) for (Sibling s : job.siblings) if (s.completion == null) running.add(s);
        // Sampling (a sort and a softmax over the vocabulary for each sequence) on all the model's threads: each
        // sibling's sampler and logits are its own.
        model.parallel(running.size(), i -> running.get(i).sample());
        List<Sibling> next = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        for (Sibling s : running) {
            int token = s.step();
            if (token >= 0) {
                next.add(s);
                tokens.add(token);
            }
        }
        if (!next.isEmpty()) {
            largestBatch.accumulateAndGet(next.size(), Math::max);
            float[][] all = model.decode(next.stream().map(Sibling::session).toList(), tokens.stream().mapToInt(Integer::intValue).toArray());
            for (int i = 0; i < next.size(); i++) next.get(i).logits = all[i];
        }
        for (Iterator<Job> it = active.iterator(); it.hasNext(); ) {
            Job job = it.next();
            if (job.prefilled() && job.siblings.stream().allMatch(s -> s.completion != null)) {
                job.future.complete(new GenerationResult(job.siblings.stream().map(s -> s.completion).toList(), job.prompt.size()));
                it.remove();
            }
        }
    }

    /** One of a request's n completions while it is being generated. */
    private final class Sibling {
        final Job job;
        final int index;
        final LlamaModel.Session session;
        final Sampler sampler;
        float[] logits;
        /** Decodes token bytes as they come; a character split across tokens is held until it is whole. */
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer undecoded = ByteBuffer.allocate(0);
        final StringBuilder text = new StringBuilder();
        final List<GenerationResult.TokenLogprob> logprobs = new ArrayList<>();
        int sentChars;
        int sentLogprobs;
        int generated;
        /** The token {@link #sample} drew and its logprob (when asked for), or -1 when the completion ends by length. */
        int sampled;
        GenerationResult.TokenLogprob sampledLogprob;
        GenerationResult.Completion completion;

        Sibling(Job job, int index, LlamaModel.Session session, Sampler sampler, float[] logits) {
            this.job = job;
            this.index = index;
            this.session = session;
            this.sampler = sampler;
            this.logits = logits;
        }

        LlamaModel.Session session() {
            return session;
        }

        /**
         * Draws the next token (and its logprob) from the logits, unless the completion ends by length: only this
         * sibling's state is read or written, so siblings sample on several threads at once.
         */
        void sample() {
            if (generated == job.request.maxTokens() || session.length() >= model.contextLength()) {
                sampled = -1;
                return;
            }
            sampled = sampler.next(logits);
            sampledLogprob = job.request.logprobs() == null ? null : logprob(logits, sampled, job.request.logprobs());
        }

        /** Takes the token {@link #sample} drew and returns it, or returns -1 once the completion is finished. */
        int step() {
            GenerationRequest request = job.request;
            if (sampled < 0) return finish(drain(), "length");
            int token = sampled;
            generated++;
            if (sampledLogprob != null) logprobs.add(sampledLogprob);
            if (endTokens.contains(token)) return finish(drain(), "stop");
            int searchFrom = Math.max(0, text.length() - longest(request.stop()) + 1);
            decode(tokenizer.pieceBytes(token), false);
            if (!request.stop().isEmpty()) {
                // Stop strings may span tokens: only text that could hold a new occurrence is searched.
                int stopAt = firstStop(text, request.stop(), searchFrom);
                if (stopAt >= 0) return finish(text.substring(0, stopAt), "stop");
            }
            if (job.listener != null) {
                int safe = text.length() - (request.stop().isEmpty() ? 0 : longest(request.stop()) - 1);
                if (safe > 0 && Character.isHighSurrogate(text.charAt(safe - 1))) safe--;
                send(Math.max(safe, sentChars), null);
            }
            return token;
        }

        private void decode(byte[] bytes, boolean end) {
            ByteBuffer in = ByteBuffer.allocate(undecoded.remaining() + bytes.length).put(undecoded).put(bytes).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining() + 2);
            decoder.decode(in, out, end);
            if (end) decoder.flush(out);
            text.append(out.flip());
            undecoded = in;
        }

        /** The whole text, with an unfinished trailing character decoded as U+FFFD. */
        private String drain() {
            decode(new byte[0], true);
            return text.toString();
        }

        private void send(int upTo, String finishReason) {
            if (upTo == sentChars && sentLogprobs == logprobs.size() && finishReason == null) return;
            job.listener.accept(new Delta(index, text.substring(sentChars, upTo), List.copyOf(logprobs.subList(sentLogprobs, logprobs.size())), finishReason));
            sentChars = upTo;
            sentLogprobs = logprobs.size();
        }

        private int finish(String finalText, String reason) {
            if (job.listener != null) {
                // The held-back text is never past a stop string's start, so what was sent is a prefix of the final text.
                text.setLength(0);
                text.append(finalText);
                send(finalText.length(), reason);
            }
            completion = new GenerationResult.Completion(finalText, reason, generated, logprobs);
            return -1;
        }
    }

    private static int longest(List<String> stops) {
        int longest = 0;
        for (String s : stops) longest = Math.max(longest, s.length());
        return longest;
    }

    private static int firstStop(StringBuilder text, List<String> stops, int from) {
        int first = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop, from);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        return first;
    }

    private GenerationResult.TokenLogprob logprob(float[] logits, int token, int top) {
        double log = LlamaModel.logNormalizer(logits);
        List<GenerationResult.Alternative> alternatives = new ArrayList<>();
        if (top > 0) {
            for (int id : Sampler.topIds(logits, top)) alternatives.add(new GenerationResult.Alternative(text(id), id, logits[id] - log, bytes(id)));
        }
        return new GenerationResult.TokenLogprob(text(token), token, logits[token] - log, alternatives, bytes(token));
    }

    /** A token's text as llama.cpp shows it in logprobs: its bytes decoded alone (U+FFFD for part of a character), control tokens empty. */
    private String text(int id) {
        return new String(tokenizer.pieceBytes(id), StandardCharsets.UTF_8);
    }

    private List<Integer> bytes(int id) {
        byte[] raw = tokenizer.pieceBytes(id);
        List<Integer> out = new ArrayList<>(raw.length);
        for (byte b : raw) out.add(b & 0xff);
        return out;
    }

    /** Stops the scheduler (requests still running or queued fail) and unmaps the file once nothing uses it. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        queue.add(new Job(GenerationRequest.of(new Prompt.Raw(""), 1), null));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdown();
        gguf.close();
    }
}
