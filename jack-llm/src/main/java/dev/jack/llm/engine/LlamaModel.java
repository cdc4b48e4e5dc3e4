package dev.jack.llm.engine;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A Llama 3 family model (RMSNorm, RoPE with optional frequency factors, grouped-query attention,
 * SwiGLU, tied or untied output) evaluated in float32 with a KV cache per sequence. A forward pass takes a
 * batch (prompt positions of one sequence, or one new token of each of several sequences), so every weight
 * row is read once per batch. Weights stay in the mapped file and are dequantized row by row as they are used.
 */
public final class LlamaModel {
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

    private record Layer(float[] attnNorm, GgufFile.Tensor q, GgufFile.Tensor k, GgufFile.Tensor v, GgufFile.Tensor o,
                         float[] ffnNorm, GgufFile.Tensor gate, GgufFile.Tensor up, GgufFile.Tensor down) {}

    public LlamaModel(GgufFile gguf) {
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
    }

    private static int integer(GgufFile g, String key) {
        return ((Number) g.get(key)).intValue();
    }

    private static float[] vector(GgufFile.Tensor t) {
        float[] v = new float[(int) t.elements()];
        Dequant.row(t.type(), t.data(), 0, v.length, v);
        return v;
    }

    public int vocabularySize() {
        return vocab;
    }

    public int contextLength() {
        return contextLength;
    }

    private void rmsnorm(float[] x, float[] weight, float[] out) {
        double ss = 0;
        for (float v : x) ss += v * v;
        float scale = (float) (1.0 / Math.sqrt(ss / x.length + eps));
        for (int i = 0; i < x.length; i++) out[i] = x[i] * scale * weight[i];
    }

    /** Rotates adjacent pairs (2i, 2i+1) of each head, as llama.cpp's NORM rope does. */
    private void rope(float[] v, int headCount, int pos) {
        for (int h = 0; h < headCount; h++) {
            for (int i = 0; i < inverseFrequencies.length; i++) {
                double angle = pos * (double) inverseFrequencies[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                int a = h * headDim + 2 * i;
                float x0 = v[a];
                float x1 = v[a + 1];
                v[a] = x0 * c - x1 * s;
                v[a + 1] = x0 * s + x1 * c;
            }
        }
    }

    /** Prompt tokens evaluated per forward pass: one weight read serves this many positions. */
    private static final int PREFILL_CHUNK = 64;

    /**
     * Decodes one token for each session, all in one forward pass (each weight row is read once for the batch),
     * and returns each session's logits for the token after.
     */
    public float[][] decode(List<Session> sessions, int[] tokens) {
        return forward(sessions.toArray(Session[]::new), tokens, true);
    }

    /**
     * Evaluates entry i's token at its session's next position. A session may appear in several entries, in
     * position order (a prompt chunk). Logits come for every entry, or only for the last one.
     */
    private float[][] forward(Session[] sessions, int[] tokens, boolean everyEntry) {
        int count = tokens.length;
        int kvDim = kvHeads * headDim;
        int group = heads / kvHeads;
        int[] pos = new int[count];
        for (int i = 0; i < count; i++) {
            if (tokens[i] < 0 || tokens[i] >= vocab) throw new IllegalArgumentException("token id " + tokens[i] + " is outside the vocabulary");
            pos[i] = sessions[i].length++;
            sessions[i].reserve(pos[i] + 1);
        }
        float[][] x = new float[count][dim];
        float[][] xb = new float[count][dim];
        float[][] q = new float[count][dim];
        float[][] k = new float[count][kvDim];
        float[][] v = new float[count][kvDim];
        float[][] attention = new float[count][dim];
        float[][] projected = new float[count][dim];
        float[][] gate = new float[count][ffn];
        float[][] up = new float[count][ffn];
        for (int i = 0; i < count; i++) Dequant.row(embeddings.type(), embeddings.data(), (long) tokens[i] * dim, dim, x[i]);
        float scale = (float) (1.0 / Math.sqrt(headDim));
        for (int l = 0; l < layers; l++) {
            Layer layer = blocks[l];
            for (int i = 0; i < count; i++) rmsnorm(x[i], layer.attnNorm(), xb[i]);
            Kernels.matmul(layer.q(), xb, q, count);
            Kernels.matmul(layer.k(), xb, k, count);
            Kernels.matmul(layer.v(), xb, v, count);
            for (int i = 0; i < count; i++) {
                rope(q[i], heads, pos[i]);
                rope(k[i], kvHeads, pos[i]);
                System.arraycopy(k[i], 0, sessions[i].keys[l], pos[i] * kvDim, kvDim);
                System.arraycopy(v[i], 0, sessions[i].values[l], pos[i] * kvDim, kvDim);
            }
            // Sequences (or prompt positions) attend independently: in parallel when there is enough of it.
            int layerIndex = l;
            long work = 0;
            for (int i = 0; i < count; i++) work += (long) (pos[i] + 1) * dim;
            IntStream sequences = IntStream.range(0, count);
            if (count > 1 && work >= Kernels.PARALLEL_THRESHOLD) sequences = sequences.parallel();
            sequences.forEach(i -> {
                float[] keys = sessions[i].keys[layerIndex];
                float[] values = sessions[i].values[layerIndex];
                float[] scores = new float[pos[i] + 1];
                for (int h = 0; h < heads; h++) {
                    int kvOffset = (h / group) * headDim;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int t = 0; t <= pos[i]; t++) {
                        float s = 0;
                        for (int d = 0; d < headDim; d++) s += q[i][h * headDim + d] * keys[t * kvDim + kvOffset + d];
                        scores[t] = s * scale;
                        max = Math.max(max, scores[t]);
                    }
                    float sum = 0;
                    for (int t = 0; t <= pos[i]; t++) {
                        scores[t] = (float) Math.exp(scores[t] - max);
                        sum += scores[t];
                    }
                    for (int d = 0; d < headDim; d++) attention[i][h * headDim + d] = 0;
                    for (int t = 0; t <= pos[i]; t++) {
                        float weight = scores[t] / sum;
                        int at = t * kvDim + kvOffset;
                        for (int d = 0; d < headDim; d++) attention[i][h * headDim + d] += weight * values[at + d];
                    }
                }
            });
            Kernels.matmul(layer.o(), attention, projected, count);
            for (int i = 0; i < count; i++) {
                for (int d = 0; d < dim; d++) x[i][d] += projected[i][d];
                rmsnorm(x[i], layer.ffnNorm(), xb[i]);
            }
            Kernels.matmul(layer.gate(), xb, gate, count);
            Kernels.matmul(layer.up(), xb, up, count);
            for (int i = 0; i < count; i++) {
                for (int d = 0; d < ffn; d++) gate[i][d] = gate[i][d] / (1f + (float) Math.exp(-gate[i][d])) * up[i][d];
            }
            Kernels.matmul(layer.down(), gate, projected, count);
            for (int i = 0; i < count; i++) for (int d = 0; d < dim; d++) x[i][d] += projected[i][d];
        }
        int first = everyEntry ? 0 : count - 1;
        float[][] normed = new float[count - first][];
        for (int i = first; i < count; i++) {
            normed[i - first] = new float[dim];
            rmsnorm(x[i], outputNorm, normed[i - first]);
        }
        float[][] logits = new float[count - first][vocab];
        Kernels.matmul(output, normed, logits, count - first);
        return logits;
    }

    /** One sequence's state: its KV cache. */
    public final class Session {
        private final float[][] keys = new float[layers][];
        private final float[][] values = new float[layers][];
        private int length;

        public Session() {
            for (int l = 0; l < layers; l++) {
                keys[l] = new float[0];
                values[l] = new float[0];
            }
        }

        public int length() {
            return length;
        }

        private void reserve(int positions) {
            int kvDim = kvHeads * headDim;
            if (keys[0].length >= positions * kvDim) return;
            int capacity = Math.max(16, positions * 2) * kvDim;
            for (int l = 0; l < layers; l++) {
                keys[l] = Arrays.copyOf(keys[l], capacity);
                values[l] = Arrays.copyOf(values[l], capacity);
            }
        }

        /** Forgets every position from the given one on: a shorter shared prefix of a cached session. */
        public void truncate(int positions) {
            if (positions < 0 || positions > length) throw new IllegalArgumentException("cannot truncate " + length + " positions to " + positions);
            length = positions;
        }

        /** An independent session holding the same cached positions: siblings continue one prefix without recomputing it. */
        public Session copy() {
            Session c = new Session();
            for (int l = 0; l < layers; l++) {
                c.keys[l] = Arrays.copyOf(keys[l], length * kvHeads * headDim);
                c.values[l] = Arrays.copyOf(values[l], length * kvHeads * headDim);
            }
            c.length = length;
            return c;
        }

        /** Feeds one token at the next position and returns the logits for the token after it. */
        public float[] next(int token) {
            return forward(new Session[] {this}, new int[] {token}, true)[0];
        }

        /** Feeds prompt tokens in chunks (one weight read per chunk) and returns the logits after the last. */
        public float[] prefill(List<Integer> tokens) {
            if (tokens.isEmpty()) throw new IllegalArgumentException("nothing to prefill");
            float[] logits = null;
            for (int start = 0; start < tokens.size(); start += PREFILL_CHUNK) {
                int end = Math.min(tokens.size(), start + PREFILL_CHUNK);
                Session[] self = new Session[end - start];
                Arrays.fill(self, this);
                int[] chunk = tokens.subList(start, end).stream().mapToInt(Integer::intValue).toArray();
                logits = forward(self, chunk, false)[0];
            }
            return logits;
        }
    }

    /** Natural-log softmax of logits, in double precision. */
    public static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double sum = 0;
        for (float l : logits) sum += Math.exp(l - max);
        double log = Math.log(sum) + max;
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) out[i] = logits[i] - log;
        return out;
    }
}
