package dev.jack.llm.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Activation blocks as llama.cpp's x86 backend makes them (quantize_row_q8_0's AVX2 branch, quantize_row_q8_K_ref). */
class ActivationsTest {
    private final Workers workers = new Workers(1);

    @Test
    void q8_0ScalesByTheLargestMagnitudeStoresDAsF16AndRoundsHalvesToEven() {
        float[] x = new float[32];
        x[0] = -2.54f;          // amax: d = 0.02, 127/amax = 50
        x[1] = 0.05f;           // 2.5 → 2 (half to even)
        x[2] = 0.07f;           // 3.5 → 4
        x[3] = 1.0f;            // 50
        Activations a = new Activations();
        a.set(new float[][] {x}, 1, 32);
        Activations.Quantized q = a.quantized(Activations.Format.Q8_0, workers);
        assertEquals(-127, q.values[0][0]);
        assertEquals(2, q.values[0][1]);
        assertEquals(4, q.values[0][2]);
        assertEquals(50, q.values[0][3]);
        assertEquals(0, q.values[0][4]);
        assertEquals(Float.float16ToFloat(Float.floatToFloat16(2.54f / 127)), q.scales[0][0]);
    }

    @Test
    void byFourOrderGroupsEachBlocksValuesByTheirIndexModuloFour() {
        float[] x = new float[64];
        for (int i = 0; i < 64; i++) x[i] = i - 31.5f;
        Activations a = new Activations();
        a.set(new float[][] {x}, 1, 64);
        short[] natural = a.quantized(Activations.Format.Q8_0, workers).values[0].clone();
        Activations.Quantized byFour = a.quantized(Activations.Format.Q8_0_BY_FOUR, workers);
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 8; k++) {
                for (int m = 0; m < 4; m++) {
                    assertEquals(natural[32 * b + 4 * k + m], byFour.values[0][32 * b + 8 * m + k]);
                    assertEquals(natural[32 * b + 4 * k + m], byFour.floats[0][32 * b + 8 * m + k]);
                }
            }
        }
        float[][] values = a.dequantized(Activations.Format.Q8_0_BY_FOUR, workers);
        assertArrayEquals(a.dequantized(Activations.Format.Q8_0, workers)[0], values[0], "dequantized in natural order either way");
    }

    /** Run m of 8 holds, in lane l, value 2l, 2l + 1, 16 + 2l or 17 + 2l: the values BlockQ4_0's lane l sums. */
    @Test
    void byPairsOrderPutsInEachLaneTheValuesOfTwoAdjacentBytesNibbles() {
        float[] x = new float[64];
        for (int i = 0; i < 64; i++) x[i] = 31.5f - i;
        Activations a = new Activations();
        a.set(new float[][] {x}, 1, 64);
        short[] natural = a.quantized(Activations.Format.Q8_0, workers).values[0].clone();
        Activations.Quantized byPairs = a.quantized(Activations.Format.Q8_0_BY_PAIRS, workers);
        int[] first = {0, 1, 16, 17};
        for (int b = 0; b < 2; b++) {
            for (int m = 0; m < 4; m++) {
                for (int l = 0; l < 8; l++) {
                    assertEquals(natural[32 * b + first[m] + 2 * l], byPairs.values[0][32 * b + 8 * m + l]);
                    assertEquals(natural[32 * b + first[m] + 2 * l], byPairs.floats[0][32 * b + 8 * m + l]);
                }
            }
        }
        float[][] values = a.dequantized(Activations.Format.Q8_0_BY_PAIRS, workers);
        assertArrayEquals(a.dequantized(Activations.Format.Q8_0, workers)[0], values[0], "dequantized in natural order either way");
    }

    /**
     * By halves: each pair of blocks holds values 0–15 of both, then values 16–31 of both (what one 512-bit load of
     * BlockQ4_0's single-input kernel takes for two blocks' low nibbles, then their high ones); a last odd block stays
     * natural.
     */
    @Test
    void byHalvesOrderPutsTwoBlocksLowHalvesThenTheirHighHalvesAndLeavesAnOddLastBlock() {
        float[] x = new float[96];
        for (int i = 0; i < 96; i++) x[i] = (i * 37 % 96) - 47.5f;
        Activations a = new Activations();
        a.set(new float[][] {x}, 1, 96);
        short[] natural = a.quantized(Activations.Format.Q8_0, workers).values[0].clone();
        Activations.Quantized byHalves = a.quantized(Activations.Format.Q8_0_BY_HALVES, workers);
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 32; j++) {
                int at = j / 16 * 32 + b * 16 + j % 16;
                assertEquals(natural[32 * b + j], byHalves.values[0][at]);
                assertEquals(natural[32 * b + j], byHalves.floats[0][at]);
            }
        }
        for (int i = 64; i < 96; i++) assertEquals(natural[i], byHalves.values[0][i]);
        float[][] values = a.dequantized(Activations.Format.Q8_0_BY_HALVES, workers);
        assertArrayEquals(a.dequantized(Activations.Format.Q8_0, workers)[0], values[0], "dequantized in natural order either way");
    }

    /**
     * q8_K blocks by pairs: the same values and scales as natural q8_K, each run of 16 reordered to its even values,
     * then its odd ones (lane l of a group of 16 holds values 2l and 2l + 1: the values lane l of BlockQ6_K's 256-bit
     * kernels sums).
     */
    @Test
    void q8_KByPairsHoldsQ8_KsValuesAndScalesInPairsOrder() {
        float[] x = new float[512];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i * 0.7) * (1 + i / 256);
        Activations a = new Activations();
        a.set(new float[][] {x}, 1, x.length);
        Activations.Quantized natural = a.quantized(Activations.Format.Q8_K, workers);
        short[] values = natural.values[0].clone();
        float[] scales = natural.scales[0].clone();
        Activations.Quantized byPairs = a.quantized(Activations.Format.Q8_K_BY_PAIRS, workers);
        assertArrayEquals(scales, byPairs.scales[0]);
        for (int g = 0; g < x.length / 16; g++) {
            for (int l = 0; l < 8; l++) {
                assertEquals(values[16 * g + 2 * l], byPairs.values[0][16 * g + l]);
                assertEquals(values[16 * g + 2 * l + 1], byPairs.values[0][16 * g + 8 + l]);
                assertEquals(values[16 * g + 2 * l + 1], byPairs.floats[0][16 * g + 8 + l]);
            }
        }
        assertArrayEquals(a.dequantized(Activations.Format.Q8_K, workers)[0], a.dequantized(Activations.Format.Q8_K_BY_PAIRS, workers)[0],
                "dequantized in natural order either way");
    }

    @Test
    void q8_KDividesByTheSignedLargestValueAndKeepsSumsPer32() {
        float[] x = new float[256];
        x[5] = -4f;            // the first value of largest magnitude: iscale = -127 / -4 = 31.75
        x[6] = 4f;             // equal magnitude, later: not the max
        x[40] = 1f;            // 31.75 → 32
        Activations a = new Activations();
        a.set(new float[][] {x}, 1, 256);
        Activations.Quantized q = a.quantized(Activations.Format.Q8_K, workers);
        assertEquals(-127, q.values[0][5]);
        assertEquals(127, q.values[0][6]);
        assertEquals(32, q.values[0][40]);
        assertEquals(1 / 31.75f, q.scales[0][0]);
        assertEquals(0, q.sums[0][0]);
        assertEquals(32, q.sums[0][1]);
    }
}
