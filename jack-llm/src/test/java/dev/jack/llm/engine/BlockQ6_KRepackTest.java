package dev.jack.llm.engine;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link RepackedQ6_K} holds the same rows as the Q6_K tensor it copies: every decoded value and product bit for bit. */
class BlockQ6_KRepackTest {
    private static final int IN = 512;
    private static final int ROWS = 300;  // more than one repack task of 256 rows

    @Test
    void repackedRowsDecodeAndMultiplyExactlyAsTheQ6_KRows() {
        Workers workers = new Workers(2);
        try (Arena arena = Arena.ofShared()) {
            GgufFile.Tensor t = KernelBench.tensor(arena, GgmlType.Q6_K, new KernelBench.Shape("t", IN, ROWS));
            Kernels.Matrix original = Kernels.Matrix.of(t);
            Kernels.Matrix repacked = RepackedQ6_K.repack(t, workers);
            assertEquals(RepackedQ6_K.class, repacked.rows().getClass());

            float[] expected = new float[IN * ROWS];
            float[] actual = new float[IN * ROWS];
            original.rows().decode(original.data(), 0, IN * ROWS, expected, 0);
            repacked.rows().decode(repacked.data(), 0, IN * ROWS, actual, 0);
            assertArrayEquals(expected, actual, "every row");
            float[] one = new float[256];
            repacked.rows().decode(repacked.data(), 5L * IN + 256, 256, one, 0);
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, 5 * IN + 256, 5 * IN + 512), one, "the second super-block of row 5");

            Random random = new Random(3);
            for (int count : new int[] {1, 3, 8}) {
                float[][] x = new float[count][IN];
                for (float[] row : x) for (int i = 0; i < IN; i++) row[i] = (float) random.nextGaussian();
                for (boolean prompt : new boolean[] {false, true}) {
                    float[][] want = product(workers, original, x, prompt);
                    float[][] got = product(workers, repacked, x, prompt);
                    for (int i = 0; i < count; i++) assertArrayEquals(want[i], got[i], count + " inputs, prompt " + prompt + ", input " + i);
                }
            }
        }
    }

    @Test
    void onlyQ6_KIsRepacked() {
        try (Arena arena = Arena.ofShared()) {
            GgufFile.Tensor t = KernelBench.tensor(arena, GgmlType.Q4_K, new KernelBench.Shape("t", 256, 2));
            assertThrows(IllegalArgumentException.class, () -> RepackedQ6_K.repack(t, new Workers(1)));
        }
    }

    private static float[][] product(Workers workers, Kernels.Matrix w, float[][] x, boolean prompt) {
        float[][] y = new float[x.length][ROWS];
        Activations a = new Activations();
        a.set(x, x.length, IN);
        Kernels.matmul(workers, List.of(w), a, List.<float[][]>of(y), prompt);
        return y;
    }
}
