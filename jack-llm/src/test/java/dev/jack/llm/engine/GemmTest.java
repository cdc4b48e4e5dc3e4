package dev.jack.llm.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GemmTest {
    /**
     * Every product, whether a 4 × 4 tile or an edge (rows or inputs left over, elements past the last 8) computed
     * it, is bit for bit the product {@link Gemm#dot} gives alone, and that is the product to float rounding.
     */
    @Test
    void everyProductIsTheSameFloatWhicheverTileComputesIt() {
        Random random = new Random(16);
        for (int n : new int[] {8, 40, 37, 264}) {
            for (int rowCount : new int[] {1, 2, 3, 4, 5, 7, 8, 12, 13}) {
                for (int count : new int[] {1, 3, 4, 5, 8, 15, 16, 17, 21, 36}) {
                    float[] rows = new float[rowCount * n];
                    for (int i = 0; i < rows.length; i++) rows[i] = random.nextFloat() * 2 - 1;
                    float[][] x = new float[count][n];
                    for (float[] input : x) for (int i = 0; i < n; i++) input[i] = random.nextFloat() * 2 - 1;
                    int firstRow = 3;
                    float[][] ys = new float[count][firstRow + rowCount];
                    Gemm.multiply(rows, rowCount, n, x, count, ys, firstRow);
                    for (int t = 0; t < count; t++) {
                        for (int r = 0; r < rowCount; r++) {
                            String at = "n " + n + ", rows " + rowCount + ", inputs " + count + ": row " + r + " input " + t;
                            assertEquals(Float.floatToRawIntBits(Gemm.dot(rows, r * n, x[t], n)), Float.floatToRawIntBits(ys[t][firstRow + r]), at);
                            double exact = 0;
                            for (int i = 0; i < n; i++) exact += (double) rows[r * n + i] * x[t][i];
                            assertEquals(exact, ys[t][firstRow + r], 1e-5 * n, at);
                        }
                        for (int r = 0; r < firstRow; r++) assertEquals(0f, ys[t][r], "rows before firstRow are not written");
                    }
                }
            }
        }
    }
}
