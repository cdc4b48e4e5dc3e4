package dev.jack.llm.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A Llama 3 family model (RMSNorm, RoPE with optional frequency factors, grouped-query attention,
 * SwiGLU, tied or untied output) evaluated in float32 with a KV cache per sequence. A forward pass takes a
 * batch (prompt positions of one or several sequences, or one new token of each of several sequences), so every
 * weight row is read once per batch. Weights stay in the mapped file, or in the repacked copy {@link GgufFile} makes
 * of Q8_0 tensors.
 *
 * <p>As llama.cpp's CPU backend, matmuls with quantized weights round their inputs to 8-bit blocks first; prompt
 * positions and decoded tokens take different kernels ({@link Kernels}), so a prompt evaluated at once and the
 * same tokens decoded one by one agree to float rounding, not bit for bit. Decoding a sequence gives the same
 * bits whatever else is decoded with it, and a prompt the same bits however it is split into chunks and whatever
 * other prompts share its passes.
 */
public final class LlamaModel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;

    final int dim;
    final int layers;
    final int heads;
    final int kvHeads;
    final int headDim;
    final int ffn;
    final int vocab;
    final int contextLength;
    final float eps;
    final float[] inverseFrequencies;
    private final GgufFile.Tensor embeddings;
    private final GgufFile.Tensor output;
    private final float[] outputNorm;
    private final Layer[] blocks;
    private final Workers workers;
    /** The buffers of the last forward pass, for the next one (a concurrent pass makes its own). */
    private final AtomicReference<Buffers> spare = new AtomicReference<>();

    private record Layer(float[] attnNorm, GgufFile.Tensor q, GgufFile.Tensor k, GgufFile.Tensor v, GgufFile.Tensor o,
                         float[] ffnNorm, GgufFile.Tensor gate, GgufFile.Tensor up, GgufFile.Tensor down) {}

    /** A model computed on all of this machine's cores. */
    public LlamaModel(GgufFile gguf) {
        this(gguf, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A model whose forward passes run on {@code threads} threads (the caller's and {@code threads − 1} workers).
     *
     * @throws GgufFile.FormatException for a file that is not a Llama model Jack can run
     * @throws IllegalArgumentException for fewer than one thread
     */
    public LlamaModel(GgufFile gguf, int threads) {
        Object arch = gguf.get("general.architecture");
        if (!"llama".equals(arch)) throw new GgufFile.FormatException("architecture \"" + arch + "\" is not supported (only llama)");
        dim = integer(gguf, "llama.embedding_length");
        layers = integer(gguf, "llama.block_count");
        heads = integer(gguf, "llama.attention.head_count");
        kvHeads = integer(gguf, "llama.attention.head_count_kv");
        ffn = integer(gguf, "llama.feed_forward_length");
        contextLength = integer(gguf, "llama.context_length");
        headDim = dim / heads;
        eps = ((Number) gguf.get("llama.attention.layer_norm_rms_epsilon")).floatValue();
        double base = gguf.metadata().get("llama.rope.freq_base") instanceof Number b ? b.doubleValue() : 10000.0;
        int ropeDim = gguf.metadata().get("llama.rope.dimension_count") instanceof Long r ? r.intValue() : headDim;
        float[] factors = gguf.tensors().containsKey("rope_freqs.weight") ? vector(gguf.tensor("rope_freqs.weight")) : null;
        inverseFrequencies = new float[ropeDim / 2];
        for (int i = 0; i < ropeDim / 2; i++) {
            double theta = Math.pow(base, -2.0 * i / ropeDim);
            inverseFrequencies[i] = (float) (factors == null ? theta : theta / factors[i]);
        }
        embeddings = gguf.tensor("token_embd.weight");
        vocab = (int) embeddings.dims()[1];
        output = gguf.tensors().getOrDefault("output.weight", embeddings);
        outputNorm = vector(gguf.tensor("output_norm.weight"));
        blocks = new Layer[layers];
        for (int l = 0; l < layers; l++) {
            String p = "blk." + l + ".";
            blocks[l] = new Layer(vector(gguf.tensor(p + "attn_norm.weight")), gguf.tensor(p + "attn_q.weight"),
                    gguf.tensor(p + "attn_k.weight"), gguf.tensor(p + "attn_v.weight"), gguf.tensor(p + "attn_output.weight"),
                    vector(gguf.tensor(p + "ffn_norm.weight")), gguf.tensor(p + "ffn_gate.weight"), gguf.tensor(p + "ffn_up.weight"),
                    gguf.tensor(p + "ffn_down.weight"));
        }
        workers = new Workers(threads);
    }

    private static int integer(GgufFile g, String key) {
        return ((Number) g.get(key)).intValue();
    }

    private static float[] vector(GgufFile.Tensor t) {
        float[] v = new float[(int) t.elements()];
        t.type().rows().decode(t.data(), 0, v.length, v, 0);
        return v;
    }

    public int vocabularySize() {
        return vocab;
    }

    public int contextLength() {
        return contextLength;
    }

    /** Bytes of keys and values one cached position holds (float32, every layer): what bounds a KV or prefix cache. */
    public long kvBytesPerPosition() {
        return 2L * layers * kvHeads * headDim * Float.BYTES;
    }

    /**
     * out = x / √(mean(x²) + eps) · weight, rounded as llama.cpp's {@code rms_norm} rounds it: float squares summed
     * in double in element order, then the mean, the root and the scale in float. (Normed values feed 8-bit
     * quantization, where one ulp decides the rounding of a value next to a boundary.)
     */
    private void rmsnorm(float[] x, float[] weight, float[] out) {
        int n = weight.length;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += x[i] * x[i];
        float mean = (float) (sum / n);
        float scale = 1f / (float) Math.sqrt(mean + eps);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += 8) {
            FloatVector.fromArray(F, x, i).mul(scale).mul(FloatVector.fromArray(F, weight, i)).intoArray(out, i);
        }
        for (; i < n; i++) out[i] = x[i] * scale * weight[i];
    }

    /** Rotates adjacent pairs (2i, 2i+1) of each head, as llama.cpp's NORM rope does. */
    private void rope(float[] v, int headCount, int pos) {
        for (int i = 0; i < inverseFrequencies.length; i++) {
            double angle = pos * (double) inverseFrequencies[i];
            float c = (float) Math.cos(angle);
            float s = (float) Math.sin(angle);
            for (int h = 0; h < headCount; h++) {
                int a = h * headDim + 2 * i;
                float x0 = v[a];
                float x1 = v[a + 1];
                v[a] = x0 * c - x1 * s;
                v[a + 1] = x0 * s + x1 * c;
            }
        }
    }

    private static void add(float[] into, float[] x, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += 8) FloatVector.fromArray(F, into, i).add(FloatVector.fromArray(F, x, i)).intoArray(into, i);
        for (; i < n; i++) into[i] += x[i];
    }

    /**
     * Prompt tokens evaluated per forward pass: one weight read (and one decoding of each row to floats) serves this
     * many positions. 128 rather than 64: pp128 on 2 threads went from about 61–68 to 71–72 tokens/s (Q8_0, 1B shape).
     * llama.cpp's default micro-batch is 512.
     */
    public static final int PREFILL_CHUNK = 128;

    /**
     * Decodes one token for each session, all in one forward pass (each weight row is read once for the batch),
     * and returns each session's logits for the token after.
     */
    public float[][] decode(List<Session> sessions, int[] tokens) {
        return forward(sessions.toArray(Session[]::new), tokens, IntStream.range(0, tokens.length).toArray(), false);
    }

    /**
     * Feeds prompt slices of several sessions (slice s to session s, each at the session's next positions) in the same
     * forward passes of up to {@link #PREFILL_CHUNK} positions, mixed across sessions: one weight read serves them all
     * (llama.cpp's server puts the prompts of its slots in one batch). Each session's cache and logits come out as
     * {@link Session#prefill} alone gives them, bit for bit: the prompt kernels compute every position the same way
     * whatever else is in the pass.
     *
     * @param sessions the session of each slice (a session given twice takes its slices in order)
     * @param slices   the tokens of each session, none empty
     * @param logits   whose logits are wanted (one per slice): the output head runs only for those slices' last positions
     * @return for each slice, the logits after its last token ({@code vocab} floats) where wanted, else null
     * @throws IllegalArgumentException if a slice is empty or holds an id outside the vocabulary (nothing is evaluated
     *                                  then), or the lists' sizes differ. After any other exception the sessions may
     *                                  be partly advanced and must not be used again.
     */
    public float[][] prefill(List<Session> sessions, List<List<Integer>> slices, boolean[] logits) {
        if (sessions.size() != slices.size() || slices.size() != logits.length) {
            throw new IllegalArgumentException(sessions.size() + " sessions, " + slices.size() + " slices and " + logits.length + " logit flags");
        }
        int total = 0;
        for (List<Integer> slice : slices) {
            if (slice.isEmpty()) throw new IllegalArgumentException("nothing to prefill");
            for (int token : slice) checkToken(token);
            total += slice.size();
        }
        Session[] entries = new Session[total];
        int[] tokens = new int[total];
        int[] wantedBy = new int[total];  // the slice whose logits an entry gives, or -1
        int e = 0;
        for (int s = 0; s < slices.size(); s++) {
            for (int token : slices.get(s)) {
                entries[e] = sessions.get(s);
                tokens[e] = token;
                wantedBy[e++] = -1;
            }
            if (logits[s]) wantedBy[e - 1] = s;
        }
        float[][] out = new float[slices.size()][];
        for (int start = 0; start < total; start += PREFILL_CHUNK) {
            int from = start;
            int end = Math.min(total, start + PREFILL_CHUNK);
            int[] rows = IntStream.range(0, end - from).filter(i -> wantedBy[from + i] >= 0).toArray();
            float[][] pass = forward(Arrays.copyOfRange(entries, from, end), Arrays.copyOfRange(tokens, from, end), rows, true);
            for (int r = 0; r < rows.length; r++) out[wantedBy[from + rows[r]]] = pass[r];
        }
        return out;
    }

    private void checkToken(int token) {
        if (token < 0 || token >= vocab) throw new IllegalArgumentException("token id " + token + " is outside the vocabulary");
    }

    /**
     * The buffers of a forward pass of up to {@code capacity} entries, allocated once and reused by later passes
     * (shapes in the comments).
     */
    private final class Buffers {
        final int capacity;
        final float[][] x;          // [capacity][dim] the residual stream
        final float[][] xb;         // [capacity][dim] normed input of q, k, v, and of gate, up
        final float[][] q;          // [capacity][dim]
        final float[][] k;          // [capacity][kvDim]
        final float[][] v;          // [capacity][kvDim]
        final float[][] attention;  // [capacity][dim] each head's weighted values
        final float[][] projected;  // [capacity][dim] output of attn_output, then of ffn_down
        final float[][] gate;       // [capacity][ffn] gate, then silu(gate)·up
        final float[][] up;         // [capacity][ffn]
        final float[][] normed;     // [capacity][dim] final norm of the entries whose logits are wanted
        final Activations xbInput = new Activations();
        final Activations attentionInput = new Activations();
        final Activations gateInput = new Activations();
        final Activations normedInput = new Activations();

        Buffers(int capacity) {
            int kvDim = kvHeads * headDim;
            this.capacity = capacity;
            x = new float[capacity][dim];
            xb = new float[capacity][dim];
            q = new float[capacity][dim];
            k = new float[capacity][kvDim];
            v = new float[capacity][kvDim];
            attention = new float[capacity][dim];
            projected = new float[capacity][dim];
            gate = new float[capacity][ffn];
            up = new float[capacity][ffn];
            normed = new float[capacity][dim];
        }
    }

    /**
     * Evaluates entry i's token at its session's next position. A session may appear in several entries, in
     * position order (a prompt chunk).
     *
     * @param logitRows the entries whose logits to compute, ascending: one row of the result each. With none the final
     *                  norm and the output head (a 1B model's largest matrix) are skipped, as llama.cpp computes no
     *                  output for a micro-batch that asks for none.
     * @param prompt    the entries are prompt positions (the prompt-processing kernels)
     */
    private float[][] forward(Session[] sessions, int[] tokens, int[] logitRows, boolean prompt) {
        int count = tokens.length;
        int kvDim = kvHeads * headDim;
        int[] pos = new int[count];
        for (int token : tokens) checkToken(token);
        for (int i = 0; i < count; i++) {
            pos[i] = sessions[i].length++;
            sessions[i].reserve(pos[i] + 1);
        }
        Buffers buffers = spare.getAndSet(null);
        if (buffers == null || buffers.capacity < count) buffers = new Buffers(count);
        Buffers b = buffers;
        Rows embeddingRows = embeddings.type().rows();
        for (int i = 0; i < count; i++) embeddingRows.decode(embeddings.data(), (long) tokens[i] * dim, dim, b.x[i], 0);
        for (int l = 0; l < layers; l++) {
            Layer layer = blocks[l];
            for (int i = 0; i < count; i++) rmsnorm(b.x[i], layer.attnNorm(), b.xb[i]);
            b.xbInput.set(b.xb, count, dim);
            Kernels.matmul(workers, List.of(layer.q(), layer.k(), layer.v()), b.xbInput, List.of(b.q, b.k, b.v), prompt);
            for (int i = 0; i < count; i++) {
                rope(b.q[i], heads, pos[i]);
                rope(b.k[i], kvHeads, pos[i]);
                System.arraycopy(b.k[i], 0, sessions[i].keys[l][pos[i] / PAGE], pos[i] % PAGE * kvDim, kvDim);
                System.arraycopy(b.v[i], 0, sessions[i].values[l][pos[i] / PAGE], pos[i] % PAGE * kvDim, kvDim);
            }
            attend(sessions, pos, l, b, count);
            b.attentionInput.set(b.attention, count, dim);
            Kernels.matmul(workers, List.of(layer.o()), b.attentionInput, List.<float[][]>of(b.projected), prompt);
            for (int i = 0; i < count; i++) {
                add(b.x[i], b.projected[i], dim);
                rmsnorm(b.x[i], layer.ffnNorm(), b.xb[i]);
            }
            b.xbInput.set(b.xb, count, dim);
            Kernels.matmul(workers, List.of(layer.gate(), layer.up()), b.xbInput, List.of(b.gate, b.up), prompt);
            swiglu(b, count);
            b.gateInput.set(b.gate, count, ffn);
            Kernels.matmul(workers, List.of(layer.down()), b.gateInput, List.<float[][]>of(b.projected), prompt);
            for (int i = 0; i < count; i++) add(b.x[i], b.projected[i], dim);
        }
        float[][] out = new float[logitRows.length][vocab];
        if (logitRows.length > 0) {
            for (int r = 0; r < logitRows.length; r++) rmsnorm(b.x[logitRows[r]], outputNorm, b.normed[r]);
            b.normedInput.set(b.normed, logitRows.length, dim);
            Kernels.matmul(workers, List.of(output), b.normedInput, List.<float[][]>of(out), prompt);
        }
        spare.set(buffers);
        return out;
    }

    /**
     * Causal attention of every entry and head (query head h reads KV head h / (heads / kvHeads)), one task per
     * entry and head: scores q·k/√headDim over the entry's positions so far, softmax, and the weighted values.
     */
    private void attend(Session[] sessions, int[] pos, int layer, Buffers b, int count) {
        int kvDim = kvHeads * headDim;
        int group = heads / kvHeads;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        long work = 0;
        for (int i = 0; i < count; i++) work += (long) (pos[i] + 1) * dim;
        workers.run(count * heads, (task, worker) -> {
            int i = task / heads;
            int h = task % heads;
            float[][] keys = sessions[i].keys[layer];
            float[][] values = sessions[i].values[layer];
            float[] scores = workers.scratch(worker, pos[i] + 1);
            int kvOffset = (h / group) * headDim;
            int qOffset = h * headDim;
            float max = Float.NEGATIVE_INFINITY;
            for (int t = 0; t <= pos[i]; t++) {
                scores[t] = dot(b.q[i], qOffset, keys[t / PAGE], t % PAGE * kvDim + kvOffset, headDim) * scale;
                max = Math.max(max, scores[t]);
            }
            float sum = 0;
            for (int t = 0; t <= pos[i]; t++) {
                scores[t] = (float) Math.exp(scores[t] - max);
                sum += scores[t];
            }
            for (int t = 0; t <= pos[i]; t++) scores[t] /= sum;
            float[] out = b.attention[i];
            int d = 0;
            for (int bound = F.loopBound(headDim); d < bound; d += 8) {
                FloatVector acc = FloatVector.zero(F);
                for (int t = 0; t <= pos[i]; t++) {
                    acc = FloatVector.fromArray(F, values[t / PAGE], t % PAGE * kvDim + kvOffset + d).fma(FloatVector.broadcast(F, scores[t]), acc);
                }
                acc.intoArray(out, qOffset + d);
            }
            for (; d < headDim; d++) {
                float acc = 0;
                for (int t = 0; t <= pos[i]; t++) acc = Math.fma(values[t / PAGE][t % PAGE * kvDim + kvOffset + d], scores[t], acc);
                out[qOffset + d] = acc;
            }
        }, work >= 1 << 16);
    }

    /** Σ a[i, i + n)·b[j, j + n), 8 lanes summed in a fixed order, then the rest. */
    private static float dot(float[] a, int i, float[] b, int j, int n) {
        FloatVector acc = FloatVector.zero(F);
        int k = 0;
        for (int bound = F.loopBound(n); k < bound; k += 8) acc = FloatVector.fromArray(F, a, i + k).fma(FloatVector.fromArray(F, b, j + k), acc);
        float sum = BlockQ8_0.lanes(acc);
        for (; k < n; k++) sum += a[i + k] * b[j + k];
        return sum;
    }

    /** gate = silu(gate)·up = gate / (1 + e^−gate)·up (llama.cpp's {@code swiglu}), a task per entry. */
    private void swiglu(Buffers b, int count) {
        workers.run(count, (i, worker) -> {
            float[] g = b.gate[i];
            float[] u = b.up[i];
            for (int d = 0; d < ffn; d++) g[d] = g[d] / (1f + (float) Math.exp(-g[d])) * u[d];
        }, (long) count * ffn >= 1 << 15);
    }

    /** Positions per KV-cache page (a power of 2): a session grows a page at a time. */
    private static final int PAGE = 32;

    /**
     * One sequence's state: its KV cache, per layer a list of pages of {@value #PAGE} positions. Copies share their full
     * pages (positions before a session's length are never written again) and copy the partial one, so n siblings of
     * one prompt, and the prefix cache, hold the prompt's keys and values once.
     */
    public final class Session {
        private final float[][][] keys = new float[layers][0][];
        private final float[][][] values = new float[layers][0][];
        private int length;

        public int length() {
            return length;
        }

        /** Bytes of keys and values its positions hold (shared pages counted in full). */
        public long kvBytes() {
            return length * kvBytesPerPosition();
        }

        /** Pages for positions [0, positions): the missing ones allocated (a page about to be written is this session's own). */
        private void reserve(int positions) {
            int pages = (positions + PAGE - 1) / PAGE;
            int pageFloats = PAGE * kvHeads * headDim;
            for (int l = 0; l < layers; l++) {
                if (keys[l].length < pages) {
                    keys[l] = Arrays.copyOf(keys[l], Math.max(pages, 2 * keys[l].length));
                    values[l] = Arrays.copyOf(values[l], Math.max(pages, 2 * values[l].length));
                }
                for (int p = 0; p < pages; p++) {
                    if (keys[l][p] == null) {
                        keys[l][p] = new float[pageFloats];
                        values[l][p] = new float[pageFloats];
                    }
                }
            }
        }

        /** Forgets every position from the given one on: a shorter shared prefix of a cached session. */
        public void truncate(int positions) {
            if (positions < 0 || positions > length) throw new IllegalArgumentException("cannot truncate " + length + " positions to " + positions);
            length = positions;
            // The pages from the one holding the new length on may be shared: keep a copy of the part still used, drop the rest.
            int partial = positions / PAGE;
            for (int l = 0; l < layers; l++) {
                for (int p = partial; p < keys[l].length; p++) {
                    boolean keep = p == partial && positions % PAGE != 0 && keys[l][p] != null;
                    keys[l][p] = keep ? keys[l][p].clone() : null;
                    values[l][p] = keep ? values[l][p].clone() : null;
                }
            }
        }

        /** An independent session holding the same cached positions: siblings continue one prefix without recomputing it. */
        public Session copy() {
            Session c = new Session();
            int full = length / PAGE;
            int used = (length + PAGE - 1) / PAGE;
            for (int l = 0; l < layers; l++) {
                c.keys[l] = Arrays.copyOf(keys[l], used);
                c.values[l] = Arrays.copyOf(values[l], used);
                if (used > full) {
                    c.keys[l][full] = keys[l][full].clone();
                    c.values[l][full] = values[l][full].clone();
                }
            }
            c.length = length;
            return c;
        }

        /** Feeds one token at the next position and returns the logits for the token after it. */
        public float[] next(int token) {
            return forward(new Session[] {this}, new int[] {token}, new int[] {0}, false)[0];
        }

        /**
         * Feeds prompt tokens in chunks of {@link #PREFILL_CHUNK} (one weight read per chunk) and returns the logits
         * after the last ({@code vocab} floats).
         *
         * @throws IllegalArgumentException if {@code tokens} is empty or holds an id outside the vocabulary
         */
        public float[] prefill(List<Integer> tokens) {
            return LlamaModel.this.prefill(List.of(this), List.of(tokens), new boolean[] {true})[0];
        }
    }

    /**
     * log Σ e^logit, in double precision (the maximum taken out first): token i's natural-log probability (the log
     * softmax) is {@code logits[i] − logNormalizer(logits)}.
     */
    public static double logNormalizer(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double sum = 0;
        for (float l : logits) sum += Math.exp(l - max);
        return Math.log(sum) + max;
    }

    /**
     * Runs {@code task} for every index in [0, count) on the model's threads (the caller's among them) and returns
     * when all are done: for per-sequence work between forward passes (sampling a batch's next tokens). Tasks must
     * be independent; which thread runs one never matters. A task's exception is rethrown here.
     */
    public void parallel(int count, IntConsumer task) {
        workers.run(count, (i, worker) -> task.accept(i));
    }
}
