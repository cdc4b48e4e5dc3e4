package dev.jack.llm.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds Llama-architecture GGUF files with random weights, of any shape: the {@code tiny} demo model, test
 * models, and realistic-width models for speed benchmarks. Their output is noise. The vocabulary is byte-level
 * (every byte is a token, so any text tokenizes), padded with filler tokens up to the requested size, and
 * ends with the Llama 3 control tokens.
 */
public final class RandomLlama {
    private RandomLlama() {}

    /**
     * The ggml type of each matrix, as {@code llama-quantize} assigns them for a file type: one type throughout for
     * F32, F16 and Q8_0; for Q4_0, Q4_K, Q6_K and Q4_K_M the output matrix (the token embeddings when tied) is Q6_K;
     * Q4_K_M also gives attn_v and ffn_down Q6_K in the layers of llama.cpp's {@code use_more_bits} (the first and
     * last eighth, and every third between). Norm vectors are always F32.
     */
    public enum Weights {
        F32(GgmlType.F32), F16(GgmlType.F16), Q8_0(GgmlType.Q8_0), Q4_0(GgmlType.Q4_0), Q4_K(GgmlType.Q4_K), Q6_K(GgmlType.Q6_K),
        Q4_K_M(GgmlType.Q4_K);

        private final GgmlType matrices;

        Weights(GgmlType matrices) {
            this.matrices = matrices;
        }

        /** The type of a matrix: {@code role} is the tensor name without its {@code blk.N.} prefix. */
        public GgmlType type(String role, int layer, int layers) {
            boolean quantizedBelowQ8 = this != F32 && this != F16 && this != Q8_0;
            if (role.equals("output.weight") && quantizedBelowQ8) return GgmlType.Q6_K;
            if (this == Q4_K_M && (role.equals("attn_v.weight") || role.equals("ffn_down.weight")) && moreBits(layer, layers)) return GgmlType.Q6_K;
            return matrices;
        }

        /** The largest block any matrix uses: dims must be multiples of it. */
        int block() {
            return this == F32 || this == F16 || this == Q8_0 ? matrices.blockSize() : 256;
        }

        /** llama.cpp's {@code use_more_bits}. */
        private static boolean moreBits(int layer, int layers) {
            return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
        }

        /** llama.cpp's {@code llama_ftype} of such a file. */
        int fileType() {
            return switch (this) {
                case F32 -> 0;
                case F16 -> 1;
                case Q4_0 -> 2;
                case Q8_0 -> 7;
                case Q4_K -> 14;
                case Q4_K_M -> 15;
                case Q6_K -> 18;
            };
        }
    }

    /**
     * A model's shape and weights. A tied model has no {@code output.weight}: the token embeddings are the output
     * matrix, as in Llama 3.2 1B.
     */
    public record Shape(int dim, int layers, int heads, int kvHeads, int ffn, int vocab, int context, Weights weights, boolean tied) {
        public Shape {
            if (dim % heads != 0 || heads % kvHeads != 0) throw new IllegalArgumentException("dim must divide by heads and heads by kv heads");
            if (vocab < 256 + SPECIALS.size()) throw new IllegalArgumentException("vocab must be at least " + (256 + SPECIALS.size()));
            if (dim % weights.block() != 0 || ffn % weights.block() != 0) {
                throw new IllegalArgumentException("dim and ffn must be multiples of " + weights.block() + " for " + weights + " weights");
            }
        }

        /** An untied model. */
        public Shape(int dim, int layers, int heads, int kvHeads, int ffn, int vocab, int context, Weights weights) {
            this(dim, layers, heads, kvHeads, ffn, vocab, context, weights, false);
        }

        /** The {@code tiny} model: small enough to build in a moment, big enough to exercise every code path. */
        public static Shape tiny() {
            return new Shape(64, 2, 4, 2, 192, 512, 8192, Weights.Q8_0);
        }

        /**
         * Llama 3.2 1B's shape: dim 2048, 16 layers, 32 query and 8 KV heads, FFN 8192, the 128,256-token
         * vocabulary size, tied output (context 8192 here; the KV cache grows as it is used).
         */
        public static Shape llama32_1b(Weights weights) {
            return new Shape(2048, 16, 32, 8, 8192, 128_256, 8192, weights, true);
        }
    }

    static final List<String> SPECIALS = List.of("<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>");
    private static final String CHAT_TEMPLATE = "{% for message in messages %}<|start_header_id|>{{ message['role'] }}<|end_header_id|>\n\n"
            + "{{ message['content'] | trim }}<|eot_id|>{% endfor %}{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}";

    public static void write(Path file, Shape shape, long seed, String name) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> tokens = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(Llama3Tokenizer.byteToken(b));
            types.add(1);
        }
        for (int i = 0; tokens.size() < shape.vocab() - SPECIALS.size(); i++) {
            tokens.add(Llama3Tokenizer.byteToken(' ') + "t" + Integer.toString(i, 36));
            types.add(1);
        }
        int firstSpecial = tokens.size();
        for (String s : SPECIALS) {
            tokens.add(s);
            types.add(3);
        }
        GgufWriter w = new GgufWriter()
                .put("general.architecture", "llama")
                .put("general.name", name + " (random weights: produces noise)")
                .put("general.file_type", (long) shape.weights().fileType())
                .put("llama.context_length", (long) shape.context())
                .put("llama.embedding_length", (long) shape.dim())
                .put("llama.block_count", (long) shape.layers())
                .put("llama.feed_forward_length", (long) shape.ffn())
                .put("llama.attention.head_count", (long) shape.heads())
                .put("llama.attention.head_count_kv", (long) shape.kvHeads())
                .put("llama.attention.layer_norm_rms_epsilon", 1e-5)
                .put("llama.rope.freq_base", 500000.0)
                .put("tokenizer.ggml.model", "gpt2")
                .put("tokenizer.ggml.pre", "llama-bpe")
                .put("tokenizer.ggml.tokens", tokens)
                .put("tokenizer.ggml.token_type", types)
                .put("tokenizer.ggml.merges", List.of())
                .put("tokenizer.ggml.bos_token_id", (long) firstSpecial)
                .put("tokenizer.ggml.eos_token_id", (long) firstSpecial + 1)
                .put("tokenizer.ggml.eot_token_id", (long) firstSpecial + 4)
                .put("tokenizer.chat_template", CHAT_TEMPLATE);
        if (shape.weights() != Weights.F32 && shape.weights() != Weights.F16) w.put("general.quantization_version", 2L);
        int kvDim = shape.dim() / shape.heads() * shape.kvHeads();
        Weights weights = shape.weights();
        int layers = shape.layers();
        // Tied embeddings are the output matrix too: scaled and typed for that role (the embedding lookup is normed anyway).
        matrix(w, "token_embd.weight", shape.dim(), shape.vocab(), weights.type(shape.tied() ? "output.weight" : "token_embd.weight", -1, layers),
                shape.tied() ? 4 / Math.sqrt(shape.dim()) : 1.0, random);
        ones(w, "output_norm.weight", shape.dim());
        if (!shape.tied()) matrix(w, "output.weight", shape.dim(), shape.vocab(), weights.type("output.weight", -1, layers), 1 / Math.sqrt(shape.dim()) * 4, random);
        for (int l = 0; l < layers; l++) {
            String p = "blk." + l + ".";
            double in = 1 / Math.sqrt(shape.dim());
            ones(w, p + "attn_norm.weight", shape.dim());
            matrix(w, p + "attn_q.weight", shape.dim(), shape.dim(), weights.type("attn_q.weight", l, layers), in * 2, random);
            matrix(w, p + "attn_k.weight", shape.dim(), kvDim, weights.type("attn_k.weight", l, layers), in * 2, random);
            matrix(w, p + "attn_v.weight", shape.dim(), kvDim, weights.type("attn_v.weight", l, layers), in, random);
            matrix(w, p + "attn_output.weight", shape.dim(), shape.dim(), weights.type("attn_output.weight", l, layers), in, random);
            ones(w, p + "ffn_norm.weight", shape.dim());
            matrix(w, p + "ffn_gate.weight", shape.dim(), shape.ffn(), weights.type("ffn_gate.weight", l, layers), in, random);
            matrix(w, p + "ffn_up.weight", shape.dim(), shape.ffn(), weights.type("ffn_up.weight", l, layers), in, random);
            matrix(w, p + "ffn_down.weight", shape.ffn(), shape.dim(), weights.type("ffn_down.weight", l, layers), 1 / Math.sqrt(shape.ffn()), random);
        }
        w.write(file);
    }

    private static void ones(GgufWriter w, String name, int n) {
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        w.tensor(name, GgmlType.F32, new long[] {n}, encode(v, GgmlType.F32));
    }

    private static void matrix(GgufWriter w, String name, int in, int out, GgmlType type, double std, SplittableRandom random) {
        float[] v = new float[in * out];
        for (int i = 0; i < v.length; i++) v[i] = (float) (gaussian(random) * std);
        w.tensor(name, type, new long[] {in, out}, encode(v, type));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * Quantizes values to a type: F32, F16 exactly; Q8_0 and Q4_0 as ggml's reference quantizers
     * ({@code quantize_row_q8_0_ref}, {@code quantize_row_q4_0_ref}); Q4_K and Q6_K by per-block scales as ggml's do in spirit.
     */
    static byte[] encode(float[] v, GgmlType type) {
        ByteBuffer b = ByteBuffer.allocate((int) type.bytes(v.length, "values")).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case F32 -> { for (float x : v) b.putFloat(x); }
            case F16 -> { for (float x : v) b.putShort(Float.floatToFloat16(x)); }
            case Q4_0 -> { for (int block = 0; block < v.length; block += 32) q4_0(v, block, b); }
            case Q8_0 -> {
                for (int block = 0; block < v.length; block += 32) {
                    float max = 0;
                    for (int i = 0; i < 32; i++) max = Math.max(max, Math.abs(v[block + i]));
                    float d = max / 127;
                    b.putShort(Float.floatToFloat16(d));
                    for (int i = 0; i < 32; i++) b.put((byte) (d == 0 ? 0 : Math.round(v[block + i] / d)));
                }
            }
            case Q4_K -> { for (int block = 0; block < v.length; block += 256) q4k(v, block, b); }
            case Q6_K -> { for (int block = 0; block < v.length; block += 256) q6k(v, block, b); }
            case BF16 -> throw new IllegalArgumentException("cannot write random weights of type " + type);
        }
        return b.array();
    }

    /** One Q4_0 block: d = (the value of largest magnitude) / −8, q = min(15, ⌊x/d + 8.5⌋), two per byte. */
    private static void q4_0(float[] v, int start, ByteBuffer b) {
        float amax = 0;
        float max = 0;
        for (int i = start; i < start + 32; i++) {
            if (Math.abs(v[i]) > amax) {
                amax = Math.abs(v[i]);
                max = v[i];
            }
        }
        float d = max / -8;
        float id = d != 0 ? 1 / d : 0;
        b.putShort(Float.floatToFloat16(d));
        for (int j = 0; j < 16; j++) {
            int low = Math.min(15, (int) (v[start + j] * id + 8.5f));
            int high = Math.min(15, (int) (v[start + 16 + j] * id + 8.5f));
            b.put((byte) (low | high << 4));
        }
    }

    /**
     * One Q4_K super-block: eight sub-blocks of 32, each x ≈ d·sc·q − dmin·m with 6-bit sc, m and 4-bit q.
     * Scales are fitted per sub-block by min/max, which is coarser than ggml's search but a valid encoding.
     */
    private static void q4k(float[] v, int start, ByteBuffer b) {
        float[] scale = new float[8];
        float[] min = new float[8];
        for (int s = 0; s < 8; s++) {
            float lo = 0;
            float hi = 0;
            for (int i = 0; i < 32; i++) {
                lo = Math.min(lo, v[start + s * 32 + i]);
                hi = Math.max(hi, v[start + s * 32 + i]);
            }
            scale[s] = (hi - lo) / 15;
            min[s] = -lo;
        }
        float maxScale = 0;
        float maxMin = 0;
        for (int s = 0; s < 8; s++) {
            maxScale = Math.max(maxScale, scale[s]);
            maxMin = Math.max(maxMin, min[s]);
        }
        float d = Float.float16ToFloat(Float.floatToFloat16(maxScale / 63));
        float dmin = Float.float16ToFloat(Float.floatToFloat16(maxMin / 63));
        int[] sc = new int[8];
        int[] m = new int[8];
        for (int s = 0; s < 8; s++) {
            sc[s] = d == 0 ? 0 : Math.min(63, Math.round(scale[s] / d));
            m[s] = dmin == 0 ? 0 : Math.min(63, Math.round(min[s] / dmin));
        }
        b.putShort(Float.floatToFloat16(d));
        b.putShort(Float.floatToFloat16(dmin));
        byte[] packed = new byte[12];
        for (int s = 0; s < 4; s++) {
            packed[s] = (byte) (sc[s] | (sc[s + 4] >> 4) << 6);
            packed[s + 4] = (byte) (m[s] | (m[s + 4] >> 4) << 6);
            packed[s + 8] = (byte) ((sc[s + 4] & 15) | (m[s + 4] & 15) << 4);
        }
        b.put(packed);
        int[] q = new int[256];
        for (int s = 0; s < 8; s++) {
            float step = d * sc[s];
            float offset = dmin * m[s];
            for (int i = 0; i < 32; i++) q[s * 32 + i] = step == 0 ? 0 : Math.clamp(Math.round((v[start + s * 32 + i] + offset) / step), 0, 15);
        }
        for (int chunk = 0; chunk < 256; chunk += 64) {
            for (int i = 0; i < 32; i++) b.put((byte) (q[chunk + i] | q[chunk + 32 + i] << 4));
        }
    }

    /**
     * One Q6_K super-block: sixteen sub-blocks of 16, each x ≈ d·sc·(q − 32) with a signed 8-bit sc and 6-bit q;
     * the low 4 bits of q go to ql, the high 2 to qh, in ggml's interleaving.
     */
    private static void q6k(float[] v, int start, ByteBuffer b) {
        float[] scale = new float[16];
        float maxScale = 0;
        for (int s = 0; s < 16; s++) {
            float max = 0;
            for (int i = 0; i < 16; i++) max = Math.max(max, Math.abs(v[start + s * 16 + i]));
            scale[s] = max / 31;
            maxScale = Math.max(maxScale, scale[s]);
        }
        float d = Float.float16ToFloat(Float.floatToFloat16(maxScale / 127));
        int[] sc = new int[16];
        int[] q = new int[256];
        for (int s = 0; s < 16; s++) {
            sc[s] = d == 0 ? 0 : Math.min(127, Math.round(scale[s] / d));
            float step = d * sc[s];
            for (int i = 0; i < 16; i++) q[s * 16 + i] = (step == 0 ? 0 : Math.clamp(Math.round(v[start + s * 16 + i] / step), -32, 31)) + 32;
        }
        byte[] ql = new byte[128];
        byte[] qh = new byte[64];
        for (int half = 0; half < 2; half++) {
            for (int l = 0; l < 32; l++) {
                int base = 128 * half + l;
                int q1 = q[base];
                int q2 = q[base + 32];
                int q3 = q[base + 64];
                int q4 = q[base + 96];
                ql[64 * half + l] = (byte) ((q1 & 0xF) | (q3 & 0xF) << 4);
                ql[64 * half + l + 32] = (byte) ((q2 & 0xF) | (q4 & 0xF) << 4);
                qh[32 * half + l] = (byte) ((q1 >> 4) | (q2 >> 4) << 2 | (q3 >> 4) << 4 | (q4 >> 4) << 6);
            }
        }
        b.put(ql);
        b.put(qh);
        for (int s = 0; s < 16; s++) b.put((byte) sc[s]);
        b.putShort(Float.floatToFloat16(d));
    }
}
