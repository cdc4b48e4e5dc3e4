package dev.jack.llm.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The block-quantized rows' vector kernels against scalar transcriptions of ggml's reference code (ggml-quants.c:
 * {@code dequantize_row_q4_0/q8_0/q4_K/q6_K}, and the dot products {@code ggml_vec_dot_*} compute in exact integers), on
 * random blocks: decoding to floats bit for bit, and products exactly where every sum is representable in float, within
 * float rounding elsewhere, for each input of batches of 1 to 9.
 */
class QuantizedRowsTest {
    private static final Workers WORKERS = new Workers(1);

    /** Elements per row in these tests: several blocks, two super-blocks. */
    private static int n(GgmlType type) {
        return type.blockSize() == 32 ? 256 : 512;
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q8_0", "Q4_K", "Q6_K"})
    void decodingEqualsGgmlsDequantizeBitForBit(GgmlType type) {
        SplittableRandom random = new SplittableRandom(11);
        int blockSize = type.blockSize();
        int blocks = 3 * n(type) / blockSize;
        byte[] bytes = randomBlocks(type, blocks, random, false);
        float[] expected = dequantize(type, bytes, blocks);
        MemorySegment data = segment(type, bytes);
        for (int first = 0; first < blocks; first++) {
            for (int count = 1; first + count <= blocks; count++) {
                float[] out = new float[count * blockSize + 5];
                type.rows().decode(data, (long) first * blockSize, count * blockSize, out, 5);
                for (int i = 0; i < count * blockSize; i++) {
                    int e = first * blockSize + i;
                    assertEquals(Float.floatToRawIntBits(expected[e]), Float.floatToRawIntBits(out[5 + i]),
                            () -> type + " element " + e + ": " + expected[e] + " expected");
                }
            }
        }
    }

    /**
     * One power-of-two d for every block, and activations whose quantization is exact (integers over 8, each block of
     * 32 with a largest magnitude of 127/8, so d_x = 1/8): every integer sum and every float step is then exact, so any
     * slip in the integer arithmetic (a nibble, a scale, a group, an input of the batch) shows as a different float.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q8_0", "Q4_K", "Q6_K"})
    void productsAreExactWhereEverySumIsRepresentable(GgmlType type) {
        SplittableRandom random = new SplittableRandom(12);
        for (int count = 1; count <= 9; count++) {
            int rows = 5;
            byte[] bytes = randomBlocks(type, rows * n(type) / type.blockSize(), random, true);
            float[][] x = new float[count][n(type)];
            for (float[] input : x) {
                for (int i = 0; i < input.length; i++) input[i] = random.nextInt(-31, 32) / 8f;
                for (int at = 0; at < input.length; at += 32) input[at + random.nextInt(32)] = random.nextBoolean() ? 127 / 8f : -127 / 8f;
            }
            double[][] ys = products(type, bytes, rows, x, count);
            double[][] expected = reference(type, bytes, rows, x, count);
            for (int t = 0; t < count; t++) {
                for (int r = 0; r < rows; r++) {
                    assertEquals((float) expected[t][r], (float) ys[t][r], type + " row " + r + ", input " + t + " of " + count);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q8_0", "Q4_K", "Q6_K"})
    void productsWithRandomScalesAgreeWithinFloatRounding(GgmlType type) {
        SplittableRandom random = new SplittableRandom(13);
        int rows = 7;
        int count = 6;
        byte[] bytes = randomBlocks(type, rows * n(type) / type.blockSize(), random, false);
        float[][] x = new float[count][n(type)];
        for (float[] input : x) for (int i = 0; i < input.length; i++) input[i] = (float) random.nextGaussian();
        double[][] ys = products(type, bytes, rows, x, count);
        double[][] expected = reference(type, bytes, rows, x, count);
        double[][] magnitude = referenceMagnitude(type, bytes, rows, x, count);
        for (int t = 0; t < count; t++) {
            for (int r = 0; r < rows; r++) {
                double error = Math.abs(ys[t][r] - expected[t][r]);
                assertTrue(error <= 1e-5 * magnitude[t][r], type + " row " + r + ", input " + t + ": " + ys[t][r] + " against " + expected[t][r]);
            }
        }
    }

    /**
     * Each input's products in a batch of 1 to 17 are the single-input kernel's floats bit for bit (a batch kernel that
     * sums other lanes, or in another order, rounds differently; every remainder of the four-input kernels), on random
     * rows and on rows of extreme values: every
     * nibble 0 or 15 (Q4_0, Q4_K), every byte −127 or 127 (Q8_0), every Q6_K value −32 or 31, and the largest group
     * scales (Q4_K 63, Q6_K −128 and 127), against activations whose every byte quantizes to ±127 (each block's values
     * of one magnitude), where the batch kernels' sums reach their largest.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q8_0", "Q4_K", "Q6_K"})
    void batchProductsEqualSingleInputProductsBitForBit(GgmlType type) {
        SplittableRandom random = new SplittableRandom(14);
        int rows = 5;
        int blocks = rows * n(type) / type.blockSize();
        for (boolean extreme : new boolean[] {false, true}) {
            byte[] bytes = randomBlocks(type, blocks, random, false);
            if (extreme) extremes(type, bytes, blocks, random);
            for (int count = 1; count <= 17; count++) {
                float[][] x = new float[count][n(type)];
                for (float[] input : x) {
                    for (int i = 0; i < input.length; i++) {
                        input[i] = extreme ? (random.nextBoolean() ? 3f : -3f) : (float) random.nextGaussian();
                    }
                }
                assertSingleInputProductsEqualBatch(type, bytes, rows, n(type), x, type + (extreme ? " extreme" : ""));
            }
        }
    }

    /**
     * Q4_K's minimums' terms at their largest: every minimum 63 and every group of 32 activations of one sign (each
     * byte ±127, a group's sum ±4064, so each integer product minimum·sum up to 256,032 in magnitude, converted to
     * float exactly and added in float lanes): a batch of 1 to 9 and of 16 inputs gives the single-input kernels'
     * floats bit for bit, on rows of 1 to 9 super-blocks (the minimums' lanes added over the row, then summed once).
     */
    @Test
    void q4_KMinimumsAtTheirLargestGiveBatchProductsEqualToSingleInputOnesBitForBit() {
        SplittableRandom random = new SplittableRandom(21);
        int rows = 3;
        for (int superBlocks = 1; superBlocks <= 9; superBlocks++) {
            int n = 256 * superBlocks;
            byte[] bytes = randomBlocks(GgmlType.Q4_K, rows * superBlocks, random, false);
            extremes(GgmlType.Q4_K, bytes, rows * superBlocks, random);
            for (int count : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 16}) {
                float[][] x = new float[count][n];
                for (float[] input : x) {
                    for (int g = 0; g < n; g += 32) {
                        float value = random.nextBoolean() ? 3f : -3f;
                        Arrays.fill(input, g, g + 32, value);
                    }
                }
                assertSingleInputProductsEqualBatch(GgmlType.Q4_K, bytes, rows, n, x, "Q4_K rows of " + superBlocks + " super-blocks, largest minimums");
            }
        }
    }

    /**
     * Q4_0 rows of an odd number of blocks (7): the single-input kernel takes two blocks at a time and the last one
     * alone, whose activations stay in natural order ({@code Q8_0_BY_HALVES}); its products equal the four-input
     * kernel's bit for bit, on random rows and rows of extreme nibbles.
     */
    @Test
    void q4_0RowsOfAnOddNumberOfBlocksEqualTheBatchKernelsProductsBitForBit() {
        SplittableRandom random = new SplittableRandom(15);
        int rows = 5;
        int n = 7 * 32;
        for (boolean extreme : new boolean[] {false, true}) {
            byte[] bytes = randomBlocks(GgmlType.Q4_0, rows * 7, random, false);
            if (extreme) extremes(GgmlType.Q4_0, bytes, rows * 7, random);
            for (int count = 3; count <= 5; count++) {
                float[][] x = new float[count][n];
                for (float[] input : x) for (int i = 0; i < n; i++) input[i] = extreme ? (random.nextBoolean() ? 3f : -3f) : (float) random.nextGaussian();
                assertSingleInputProductsEqualBatch(GgmlType.Q4_0, bytes, rows, n, x, "Q4_0, 7 blocks" + (extreme ? ", extreme" : ""));
            }
        }
    }

    /**
     * Q8_0 runs each four inputs (or each input of a remainder) through up to {@link Kernels#DECODE_ROWS} rows before
     * the next: over three such runs (the last partial), from row 0 and from row 5, each input's products in batches of
     * 2, 5 and 8 are the single-input kernel's floats bit for bit.
     */
    @Test
    void q8_0ProductsAcrossRunsOfRowsEqualSingleInputProductsBitForBit() {
        GgmlType type = GgmlType.Q8_0;
        SplittableRandom random = new SplittableRandom(18);
        int rows = 2 * Kernels.DECODE_ROWS + 6;
        int n = n(type);
        byte[] bytes = randomBlocks(type, rows * n / type.blockSize(), random, false);
        QuantizedRows kernel = (QuantizedRows) type.rows();
        for (int count : new int[] {2, 5, 8}) {
            float[][] x = new float[count][n];
            for (float[] input : x) for (int i = 0; i < n; i++) input[i] = (float) random.nextGaussian();
            Activations a = new Activations();
            a.set(x, count, n);
            Activations.Quantized q = a.quantized(kernel.activations(count), WORKERS);
            for (int from : new int[] {0, 5}) {
                float[][] batch = new float[count][rows];
                kernel.dot(segment(type, bytes), n, from, rows, q, batch);
                for (int t = 0; t < count; t++) {
                    double[][] single = products(type, bytes, rows, n, new float[][] {x[t]}, 1);
                    for (int r = from; r < rows; r++) {
                        assertEquals(Float.floatToRawIntBits((float) single[0][r]), Float.floatToRawIntBits(batch[t][r]),
                                "rows from " + from + ", row " + r + ", input " + t + " of " + count);
                    }
                }
            }
        }
    }

    /**
     * A task's rows [from, to), of every length from 1 and starting at every row, give each row the products the whole
     * matrix's call gives it, bit for bit: how {@link Kernels} splits a matrix into tasks never changes an answer.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q8_0", "Q4_K", "Q6_K"})
    void productsOfEveryRowRangeEqualThoseOfTheWholeMatrixBitForBit(GgmlType type) {
        SplittableRandom random = new SplittableRandom(16);
        int rows = 7;
        int n = n(type);
        byte[] bytes = randomBlocks(type, rows * n / type.blockSize(), random, false);
        QuantizedRows kernel = (QuantizedRows) type.rows();
        for (int count : new int[] {1, 2, 5, 8}) {
            float[][] x = new float[count][n];
            for (float[] input : x) for (int i = 0; i < n; i++) input[i] = (float) random.nextGaussian();
            Activations a = new Activations();
            a.set(x, count, n);
            Activations.Quantized q = a.quantized(kernel.activations(count), WORKERS);
            float[][] whole = new float[count][rows];
            kernel.dot(segment(type, bytes), n, 0, rows, q, whole);
            for (int from = 0; from < rows; from++) {
                for (int to = from + 1; to <= rows; to++) {
                    float[][] part = new float[count][rows];
                    kernel.dot(segment(type, bytes), n, from, to, q, part);
                    for (int t = 0; t < count; t++) {
                        for (int r = 0; r < rows; r++) {
                            int expected = r >= from && r < to ? Float.floatToRawIntBits(whole[t][r]) : 0;
                            assertEquals(expected, Float.floatToRawIntBits(part[t][r]),
                                    type + " rows [" + from + ", " + to + "), row " + r + ", input " + t + " of " + count);
                        }
                    }
                }
            }
        }
    }

    /**
     * The K-quants' single-input products equal a batch's bit for bit on rows of 9 super-blocks (Q4_K's row loop,
     * which the JIT unrolls, and the iterations after it), random and extreme, repeated 200 times so that the kernels
     * are likely compiled by C2 by the last rounds (the single-input kernel runs 288,000 super-blocks, the batch of 6
     * 57,600, the four-input kernels of Q6_K and, where 512-bit, Q4_K twice on each, overlapping; nothing here checks
     * that C2 compiled them).
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q6_K"})
    void singleInputProductsOfLongRowsEqualBatchProductsOverManyRounds(GgmlType type) {
        SplittableRandom random = new SplittableRandom(15);
        int n = 9 * 256;
        int rows = 32;
        int blocks = rows * n / 256;
        byte[][] sets = {randomBlocks(type, blocks, random, false), randomBlocks(type, blocks, random, false)};
        extremes(type, sets[1], blocks, random);
        float[][] x = new float[6][n];
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < n; i++) x[t][i] = t % 2 == 0 ? (float) random.nextGaussian() : random.nextBoolean() ? 3f : -3f;
        }
        for (int round = 0; round < 200; round++) {
            assertSingleInputProductsEqualBatch(type, sets[round % 2], rows, n, x, type + " round " + round);
        }
    }

    /**
     * The K-quants' single-input products equal a batch's bit for bit on rows of every length from 1 to 9 super-blocks,
     * random and extreme: Q4_K's single-input kernel runs one loop over a row's quarters (4 to 36 iterations), which the
     * JIT splits into pre-, main and post-loops, with a branch at every fourth, so every length ends the loop
     * differently (nothing here checks that C2 compiled it); a batch of 5 runs Q6_K's four-input kernel (and, where
     * 512-bit, Q4_K's) and its single-input one for the fifth.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_K", "Q6_K"})
    void singleInputProductsOfEveryRowLengthEqualBatchProducts(GgmlType type) {
        SplittableRandom random = new SplittableRandom(19);
        int rows = 3;
        for (int superBlocks = 1; superBlocks <= 9; superBlocks++) {
            int n = 256 * superBlocks;
            for (boolean extreme : new boolean[] {false, true}) {
                byte[] bytes = randomBlocks(type, rows * superBlocks, random, false);
                if (extreme) extremes(type, bytes, rows * superBlocks, random);
                float[][] x = new float[5][n];
                for (float[] input : x) {
                    for (int i = 0; i < n; i++) input[i] = extreme ? (random.nextBoolean() ? 3f : -3f) : (float) random.nextGaussian();
                }
                String what = type + " rows of " + superBlocks + " super-blocks" + (extreme ? ", extreme" : "");
                for (int round = 0; round < 20; round++) assertSingleInputProductsEqualBatch(type, bytes, rows, n, x, what);
            }
        }
    }

    /**
     * Q4_0's and Q8_0's single-input products equal a batch's bit for bit on rows of every length from 1 to 17 blocks
     * (Q4_0's single-input kernel computes a row's d·d_x 8 blocks at a time, then the blocks left over one by one) and
     * on 1 to 5 rows (Q4_0 takes rows r and r + half together, the middle row of an odd number with itself), random and
     * extreme, repeated so that the kernels are likely compiled by C2 by the last rounds (nothing here checks that).
     * The batch is of five inputs: Q8_0's four-input kernel and its single-input one for the fifth, Q4_0's four-input
     * kernel twice, the second time with spare slots.
     */
    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q8_0"})
    void singleInputProductsOfEveryRowLengthAndCountEqualBatchProducts(GgmlType type) {
        SplittableRandom random = new SplittableRandom(20);
        for (int blocksPerRow = 1; blocksPerRow <= 17; blocksPerRow++) {
            int n = 32 * blocksPerRow;
            for (int rows = 1; rows <= 5; rows++) {
                for (boolean extreme : new boolean[] {false, true}) {
                    byte[] bytes = randomBlocks(type, rows * blocksPerRow, random, false);
                    if (extreme) extremes(type, bytes, rows * blocksPerRow, random);
                    float[][] x = new float[5][n];
                    for (float[] input : x) {
                        for (int i = 0; i < n; i++) input[i] = extreme ? (random.nextBoolean() ? 3f : -3f) : (float) random.nextGaussian();
                    }
                    String what = type + " " + rows + " rows of " + blocksPerRow + " blocks" + (extreme ? ", extreme" : "");
                    for (int round = 0; round < 12; round++) assertSingleInputProductsEqualBatch(type, bytes, rows, n, x, what);
                }
            }
        }
    }

    /**
     * Each input's single-input products equal its products in the batch of all of {@code x}, bit for bit, by both of
     * Q4_0's, Q4_K's and Q6_K's single-input kernels and both batch kernels of each of them (so those equal each
     * other's too), each over the activations' format it takes.
     */
    private static void assertSingleInputProductsEqualBatch(GgmlType type, byte[] bytes, int rows, int n, float[][] x, String what) {
        float[][][] single = new float[2][x.length][];
        for (int t = 0; t < x.length; t++) {
            single[0][t] = singleProducts(type, bytes, rows, n, x[t], false);
            single[1][t] = singleProducts(type, bytes, rows, n, x[t], true);
        }
        // Q4_0, Q4_K and Q6_K have two batch kernels.
        for (boolean wideBatch : type == GgmlType.Q4_0 || type == GgmlType.Q4_K || type == GgmlType.Q6_K ? new boolean[] {false, true} : new boolean[] {false}) {
            float[][] batch = batchProducts(type, bytes, rows, n, x, wideBatch);
            for (int t = 0; t < x.length; t++) {
                for (int wide = 0; wide < 2; wide++) {
                    for (int r = 0; r < rows; r++) {
                        assertEquals(Float.floatToRawIntBits(single[wide][t][r]), Float.floatToRawIntBits(batch[t][r]),
                                what + " row " + r + ", input " + t + " of " + x.length + (wide == 1 ? ", 512-bit" : ", 256-bit")
                                        + " single-input kernel, " + (wideBatch ? "512-bit" : "256-bit") + " batch kernel");
                    }
                }
            }
        }
    }

    /**
     * The products of the rows with all of {@code x}: Q4_0's by its 512-bit kernels ({@code wide}) or its 256-bit ones
     * (for up to two inputs its single-input kernel, for more its batch kernel), Q4_K's by its 512-bit ones (for up to
     * two inputs its single-input kernel, for more its four-input one) or its 256-bit batch kernel, Q6_K's by either
     * width's (for four inputs or more its four-input one, an input left over past a multiple of four by its
     * single-input kernel; for fewer than four the single-input one), whatever this JVM's vector width (without AVX-512
     * the 512-bit ones run as Java code, slowly but with the same results); Q8_0's by its one batch kernel.
     */
    private static float[][] batchProducts(GgmlType type, byte[] bytes, int rows, int n, float[][] x, boolean wide) {
        Activations a = new Activations();
        a.set(x, x.length, n);
        float[][] ys = new float[x.length][rows];
        switch ((QuantizedRows) type.rows()) {
            case BlockQ4_0 kernel -> kernel.dot(segment(type, bytes), n, 0, rows, a.quantized(BlockQ4_0.activations(x.length, wide), WORKERS), ys, wide);
            case BlockQ4_K kernel -> kernel.dot(segment(type, bytes), n, 0, rows, a.quantized(kernel.activations(x.length), WORKERS), ys, wide);
            case BlockQ6_K kernel -> kernel.dot(segment(type, bytes), n, 0, rows, a.quantized(BlockQ6_K.activations(x.length, wide), WORKERS), ys, wide);
            case QuantizedRows kernel -> kernel.dot(segment(type, bytes), n, 0, rows, a.quantized(kernel.activations(x.length), WORKERS), ys);
        }
        return ys;
    }

    /**
     * The products of the rows with one input: Q4_0's, Q4_K's and Q6_K's by their 512-bit single-input kernel ({@code wide})
     * or their 256-bit one, whatever this JVM's vector width (without AVX-512 the 512-bit one runs as Java code, slowly
     * but with the same results); the other types' by their one kernel.
     */
    private static float[] singleProducts(GgmlType type, byte[] bytes, int rows, int n, float[] x, boolean wide) {
        Activations a = new Activations();
        a.set(new float[][] {x}, 1, n);
        float[][] ys = new float[1][rows];
        switch ((QuantizedRows) type.rows()) {
            case BlockQ4_0 kernel -> kernel.dot(segment(type, bytes), n, 0, rows, a.quantized(BlockQ4_0.activations(1, wide), WORKERS), ys, wide);
            case BlockQ6_K kernel -> kernel.dot(segment(type, bytes), n, 0, rows, a.quantized(BlockQ6_K.activations(1, wide), WORKERS), ys, wide);
            case BlockQ4_K kernel -> kernel.dot(segment(type, bytes), n, 0, rows, a.quantized(kernel.activations(1), WORKERS), ys, wide);
            case QuantizedRows kernel -> kernel.dot(segment(type, bytes), n, 0, rows, a.quantized(kernel.activations(1), WORKERS), ys);
        }
        return ys[0];
    }

    /** Overwrites the blocks' values (and Q4_K's and Q6_K's group scales) with the type's extremes, keeping their d. */
    private static void extremes(GgmlType type, byte[] b, int blocks, SplittableRandom random) {
        for (int k = 0; k < blocks; k++) {
            int o = k * type.blockBytes();
            switch (type) {
                case Q4_0 -> {
                    for (int j = 2; j < 18; j++) b[o + j] = (byte) (random.nextBoolean() ? 0x00 : random.nextBoolean() ? 0xFF : random.nextBoolean() ? 0x0F : 0xF0);
                }
                case Q8_0 -> {
                    for (int j = 2; j < 34; j++) b[o + j] = (byte) (random.nextBoolean() ? 127 : -127);
                }
                case Q4_K -> {
                    // Scales and minimums all 63 (every 6-bit field set), nibbles 0 or 15.
                    for (int j = 4; j < 16; j++) b[o + j] = (byte) 0xFF;
                    for (int j = 16; j < 144; j++) b[o + j] = (byte) (random.nextBoolean() ? 0x00 : random.nextBoolean() ? 0xFF : random.nextBoolean() ? 0x0F : 0xF0);
                }
                case Q6_K -> {
                    // Low bits and high bits all 0 (value −32) or all 1 (value 31), scales −128 or 127.
                    for (int j = 0; j < 192; j++) b[o + j] = (byte) (random.nextBoolean() ? 0x00 : 0xFF);
                    for (int j = 192; j < 208; j++) b[o + j] = (byte) (random.nextBoolean() ? -128 : 127);
                }
                default -> throw new IllegalArgumentException(type + " is not block-quantized");
            }
        }
    }

    /** Jack's products of each row with each input, through the activation format the type takes for that many inputs. */
    private static double[][] products(GgmlType type, byte[] bytes, int rows, float[][] x, int count) {
        return products(type, bytes, rows, n(type), x, count);
    }

    /** {@link #products} for rows of n elements. */
    private static double[][] products(GgmlType type, byte[] bytes, int rows, int n, float[][] x, int count) {
        QuantizedRows kernel = (QuantizedRows) type.rows();
        Activations a = new Activations();
        a.set(x, count, n);
        float[][] ys = new float[count][rows];
        kernel.dot(segment(type, bytes), n, 0, rows, a.quantized(kernel.activations(count), WORKERS), ys);
        double[][] out = new double[count][rows];
        for (int t = 0; t < count; t++) for (int r = 0; r < rows; r++) out[t][r] = ys[t][r];
        return out;
    }

    /** Σ w·x in double, w from {@link #dequantizeExactly}, x the activations' integers times their block's d. */
    private static double[][] reference(GgmlType type, byte[] bytes, int rows, float[][] x, int count) {
        return referenceSums(type, bytes, rows, x, count, false);
    }

    /** Σ |w·x|: the scale of float rounding in a product. */
    private static double[][] referenceMagnitude(GgmlType type, byte[] bytes, int rows, float[][] x, int count) {
        return referenceSums(type, bytes, rows, x, count, true);
    }

    private static double[][] referenceSums(GgmlType type, byte[] bytes, int rows, float[][] x, int count, boolean absolute) {
        int n = n(type);
        int blocksPerRow = n / type.blockSize();
        // The natural-order activation blocks: q8_0 for Q4_0 and Q8_0 (Q8_0's kernel takes the same values reordered), q8_K otherwise.
        Activations.Format format = type.blockSize() == 32 ? Activations.Format.Q8_0 : Activations.Format.Q8_K;
        Activations a = new Activations();
        a.set(x, count, n);
        Activations.Quantized q = a.quantized(format, WORKERS);
        double[][] out = new double[count][rows];
        for (int r = 0; r < rows; r++) {
            byte[] row = new byte[blocksPerRow * type.blockBytes()];
            System.arraycopy(bytes, r * row.length, row, 0, row.length);
            double[] w = dequantizeExactly(type, row, blocksPerRow);
            for (int t = 0; t < count; t++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double p = w[i] * q.values[t][i] * (double) q.scales[t][i / format.block];
                    sum += absolute ? Math.abs(p) : p;
                }
                out[t][r] = sum;
            }
        }
        return out;
    }

    /**
     * Each value's parts as ggml's dequantize_row_* combine them, value = d·scale·q − dmin·minimum (Q4_0 and Q8_0:
     * scale 1, no minimum; Q4_0's q less 8, Q6_K's less 32), read from the block layouts of ggml-common.h.
     */
    private record Parts(float[] d, int[] scale, int[] q, float[] dmin, int[] minimum) {
        Parts(int n) {
            this(new float[n], new int[n], new int[n], new float[n], new int[n]);
        }

        void set(int i, float d, int scale, int q, float dmin, int minimum) {
            d()[i] = d;
            scale()[i] = scale;
            q()[i] = q;
            dmin()[i] = dmin;
            minimum()[i] = minimum;
        }
    }

    private static Parts parts(GgmlType type, byte[] b, int blocks) {
        Parts p = new Parts(blocks * type.blockSize());
        for (int k = 0; k < blocks; k++) {
            switch (type) {
                case Q4_0 -> {
                    int o = k * 18;
                    for (int j = 0; j < 16; j++) {
                        p.set(k * 32 + j, f16(b, o), 1, (b[o + 2 + j] & 0xF) - 8, 0, 0);
                        p.set(k * 32 + j + 16, f16(b, o), 1, ((b[o + 2 + j] & 0xFF) >> 4) - 8, 0, 0);
                    }
                }
                case Q8_0 -> {
                    for (int j = 0; j < 32; j++) p.set(k * 32 + j, f16(b, k * 34), 1, b[k * 34 + 2 + j], 0, 0);
                }
                case Q4_K -> {
                    int o = k * 144;
                    for (int j = 0; j < 4; j++) {
                        for (int l = 0; l < 32; l++) {
                            int q = b[o + 16 + 32 * j + l] & 0xFF;
                            p.set(k * 256 + 64 * j + l, f16(b, o), scaleMinK4(b, o + 4, 2 * j, false), q & 0xF,
                                    f16(b, o + 2), scaleMinK4(b, o + 4, 2 * j, true));
                            p.set(k * 256 + 64 * j + 32 + l, f16(b, o), scaleMinK4(b, o + 4, 2 * j + 1, false), q >> 4,
                                    f16(b, o + 2), scaleMinK4(b, o + 4, 2 * j + 1, true));
                        }
                    }
                }
                case Q6_K -> {
                    int o = k * 210;
                    float d = f16(b, o + 208);
                    for (int half = 0; half < 2; half++) {
                        int ql = o + 64 * half;
                        int qh = o + 128 + 32 * half;
                        int sc = o + 192 + 8 * half;
                        int base = k * 256 + 128 * half;
                        for (int l = 0; l < 32; l++) {
                            int is = l / 16;
                            int h = b[qh + l] & 0xFF;
                            p.set(base + l, d, b[sc + is], ((b[ql + l] & 0xF) | ((h & 3) << 4)) - 32, 0, 0);
                            p.set(base + l + 32, d, b[sc + is + 2], ((b[ql + l + 32] & 0xF) | (((h >> 2) & 3) << 4)) - 32, 0, 0);
                            p.set(base + l + 64, d, b[sc + is + 4], (((b[ql + l] & 0xFF) >> 4) | (((h >> 4) & 3) << 4)) - 32, 0, 0);
                            p.set(base + l + 96, d, b[sc + is + 6], (((b[ql + l + 32] & 0xFF) >> 4) | (((h >> 6) & 3) << 4)) - 32, 0, 0);
                        }
                    }
                }
                default -> throw new IllegalArgumentException(type + " is not block-quantized");
            }
        }
        return p;
    }

    /** ggml's dequantize_row_*: d·scale·q − dmin·minimum in float, in that order. */
    private static float[] dequantize(GgmlType type, byte[] b, int blocks) {
        Parts p = parts(type, b, blocks);
        float[] y = new float[p.q().length];
        for (int i = 0; i < y.length; i++) y[i] = p.d()[i] * p.scale()[i] * p.q()[i] - p.dmin()[i] * p.minimum()[i];
        return y;
    }

    /** The same values in double arithmetic: what the integer products add up to. */
    private static double[] dequantizeExactly(GgmlType type, byte[] b, int blocks) {
        Parts p = parts(type, b, blocks);
        double[] y = new double[p.q().length];
        for (int i = 0; i < y.length; i++) y[i] = (double) p.d()[i] * p.scale()[i] * p.q()[i] - (double) p.dmin()[i] * p.minimum()[i];
        return y;
    }

    /** ggml's get_scale_min_k4: the 6-bit scale (or minimum) of group j from the twelve bytes at s[at]. */
    private static int scaleMinK4(byte[] s, int at, int j, boolean minimum) {
        if (j < 4) return s[at + j + (minimum ? 4 : 0)] & 63;
        return minimum ? ((s[at + j + 4] & 0xFF) >> 4) | (((s[at + j] & 0xFF) >> 6) << 4)
                : (s[at + j + 4] & 0xF) | (((s[at + j - 4] & 0xFF) >> 6) << 4);
    }

    /**
     * Random blocks of the type: random bytes, with finite f16 scales (random, or one power of two shared by the whole
     * set when {@code powerOfTwo}, and then Q4_K's and Q6_K's integer scales small enough that no sum passes 2^24).
     */
    static byte[] randomBlocks(GgmlType type, int blocks, SplittableRandom random, boolean powerOfTwo) {
        byte[] b = new byte[blocks * type.blockBytes()];
        random.nextBytes(b);
        float shared = (random.nextBoolean() ? 1 : -1) * (float) Math.scalb(1.0, -random.nextInt(1, 5));
        for (int k = 0; k < blocks; k++) {
            int o = k * type.blockBytes();
            int[] scaleFields = switch (type) {
                case Q4_0, Q8_0 -> new int[] {o};
                case Q4_K -> new int[] {o, o + 2};
                case Q6_K -> new int[] {o + 208};
                default -> throw new IllegalArgumentException(type + " is not block-quantized");
            };
            for (int f : scaleFields) {
                float d = powerOfTwo ? shared : (float) (random.nextDouble(0.001, 2) * (random.nextBoolean() ? 1 : -1));
                short h = Float.floatToFloat16(d);
                b[f] = (byte) h;
                b[f + 1] = (byte) (h >> 8);
            }
            if (powerOfTwo && type == GgmlType.Q6_K) for (int s = 0; s < 16; s++) b[o + 192 + s] = (byte) random.nextInt(-32, 32);
        }
        return b;
    }

    private static float f16(byte[] b, int at) {
        return Float.float16ToFloat((short) ((b[at] & 0xFF) | (b[at + 1] << 8)));
    }

    /**
     * The tensor's bytes as {@link GgufFile} holds them: repacked for the type's kernels where it {@link Rows#repacks},
     * in two pieces (its first block, then the rest), as GgufFile repacks a large tensor slice by slice.
     */
    static MemorySegment segment(GgmlType type, byte[] bytes) {
        MemorySegment s = Arena.ofAuto().allocate(bytes.length);
        s.copyFrom(MemorySegment.ofArray(bytes));
        if (!type.rows().repacks()) return s;
        MemorySegment repacked = Arena.ofAuto().allocate(type.rows().repackedBytes(bytes.length));
        int first = type.blockBytes();
        type.rows().repack(s.asSlice(0, first), 0, repacked);
        type.rows().repack(s.asSlice(first), 1, repacked);
        return repacked;
    }
}
