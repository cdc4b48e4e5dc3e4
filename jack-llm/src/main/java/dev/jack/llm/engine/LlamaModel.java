package dev.jack.llm.engine;

import java.util.Arrays;

/**
 * A Llama 3 family model (RMSNorm, RoPE with optional frequency factors, grouped-query attention,
 * SwiGLU, tied or untied output) evaluated in float32, one sequence at a time, with a KV cache.
 * Weights stay in the mapped file and are dequantized row by row as they are used.
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

    /** y = W x for a GGUF matrix stored as rows of {@code in} elements (dims [in, out]). */
    private static void matvec(GgufFile.Tensor w, float[] x, float[] y, float[] row) {
        int in = (int) w.dims()[0];
        int out = (int) w.dims()[1];
        for (int o = 0; o < out; o++) {
            Dequant.row(w.type(), w.data(), (long) o * in, in, row);
            float sum = 0;
            for (int i = 0; i < in; i++) sum += row[i] * x[i];
            y[o] = sum;
        }
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

    /** One sequence's state: the KV cache and scratch buffers. */
    public final class Session {
        private final float[][] keys = new float[layers][];
        private final float[][] values = new float[layers][];
        private int length;
        private final float[] x = new float[dim];
        private final float[] xb = new float[dim];
        private final float[] q = new float[dim];
        private final float[] k = new float[kvHeads * headDim];
        private final float[] v = new float[kvHeads * headDim];
        private final float[] attention = new float[dim];
        private final float[] projected = new float[dim];
        private final float[] gate = new float[ffn];
        private final float[] up = new float[ffn];
        private final float[] row = new float[Math.max(ffn, dim)];

        public Session() {
            for (int l = 0; l < layers; l++) {
                keys[l] = new float[0];
                values[l] = new float[0];
            }
        }

        public int length() {
            return length;
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
            if (token < 0 || token >= vocab) throw new IllegalArgumentException("token id " + token + " is outside the vocabulary");
            int pos = length;
            Dequant.row(embeddings.type(), embeddings.data(), (long) token * dim, dim, x);
            int kvDim = kvHeads * headDim;
            int group = heads / kvHeads;
            for (int l = 0; l < layers; l++) {
                Layer layer = blocks[l];
                rmsnorm(x, layer.attnNorm(), xb);
                matvec(layer.q(), xb, q, row);
                matvec(layer.k(), xb, k, row);
                matvec(layer.v(), xb, v, row);
                rope(q, heads, pos);
                rope(k, kvHeads, pos);
                if (keys[l].length < (pos + 1) * kvDim) {
                    int capacity = Math.max(16, (pos + 1) * 2) * kvDim;
                    keys[l] = Arrays.copyOf(keys[l], capacity);
                    values[l] = Arrays.copyOf(values[l], capacity);
                }
                System.arraycopy(k, 0, keys[l], pos * kvDim, kvDim);
                System.arraycopy(v, 0, values[l], pos * kvDim, kvDim);
                float scale = (float) (1.0 / Math.sqrt(headDim));
                float[] scores = new float[pos + 1];
                for (int h = 0; h < heads; h++) {
                    int kvOffset = (h / group) * headDim;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int t = 0; t <= pos; t++) {
                        float s = 0;
                        for (int i = 0; i < headDim; i++) s += q[h * headDim + i] * keys[l][t * kvDim + kvOffset + i];
                        scores[t] = s * scale;
                        max = Math.max(max, scores[t]);
                    }
                    float sum = 0;
                    for (int t = 0; t <= pos; t++) {
                        scores[t] = (float) Math.exp(scores[t] - max);
                        sum += scores[t];
                    }
                    for (int i = 0; i < headDim; i++) {
                        float acc = 0;
                        for (int t = 0; t <= pos; t++) acc += scores[t] * values[l][t * kvDim + kvOffset + i];
                        attention[h * headDim + i] = acc / sum;
                    }
                }
                matvec(layer.o(), attention, projected, row);
                for (int i = 0; i < dim; i++) x[i] += projected[i];
                rmsnorm(x, layer.ffnNorm(), xb);
                matvec(layer.gate(), xb, gate, row);
                matvec(layer.up(), xb, up, row);
                for (int i = 0; i < ffn; i++) gate[i] = gate[i] / (1f + (float) Math.exp(-gate[i])) * up[i];
                matvec(layer.down(), gate, projected, row);
                for (int i = 0; i < dim; i++) x[i] += projected[i];
            }
            rmsnorm(x, outputNorm, xb);
            float[] logits = new float[vocab];
            matvec(output, xb, logits, row);
            length++;
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
