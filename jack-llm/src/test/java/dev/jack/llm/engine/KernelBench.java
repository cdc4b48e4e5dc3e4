package dev.jack.llm.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Kernel microbenchmark (a test-scope main, not a test): times one matrix product per ggml type (and
 * {@code q6_k_repacked}, Q6_K rows as {@link RepackedQ6_K} holds the output head) on the shapes of a Llama-3.2-1B
 * decode step ({@code up}: rows of 2048 → 8192 outputs as gate/up, {@code down}: rows of 8192 → 2048, {@code head}:
 * rows of 2048 → 128,256 as the tied output head, {@code small}: rows of 2048 → 128) through
 * {@link Kernels#matmul}, for 1 and 2 threads, single-token decode, batched decode of 8 and prompt processing of 8
 * (and, on request, {@code prompt1}: the prompt path for one input). It prints G weights/s (weights × inputs per
 * second), GB/s of weight bytes read (for 1 thread per CPU second of the calling thread, steadier on a shared
 * machine), and a hash of the outputs' bits (equal hashes: bit-identical results across kernel versions).
 *
 * <p>Run with {@code java --add-modules jdk.incubator.vector -cp jack-llm/target/classes:jack-llm/target/test-classes
 * dev.jack.llm.engine.KernelBench [types] [shapes] [threads] [modes] [seconds]} (comma-separated lists, {@code -} for
 * the default), e.g. {@code q6_k,q6_k_repacked head 1 decode 1}; the defaults run everything but {@code small} and
 * {@code prompt1}. The weights are random bytes with sane f16 scales, the inputs random normals (seed 1).
 */
public final class KernelBench {
    private KernelBench() {}

    record Shape(String name, int in, int out) {}

    public static void main(String[] args) {
        List<String> types = list(args, 0, "q8_0,q4_0,q4_k,q6_k,q6_k_repacked");
        List<String> shapes = list(args, 1, "up,down,head");
        List<String> threads = list(args, 2, "1,2");
        List<String> modes = list(args, 3, "decode,batch8,prompt8");
        double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 1.0;
        List<Shape> all = List.of(new Shape("small", 2048, 128), new Shape("up", 2048, 8192), new Shape("down", 8192, 2048), new Shape("head", 2048, 128_256));
        try (Arena arena = Arena.ofShared()) {
            for (String type : types) {
                boolean repacked = type.endsWith("_repacked");
                GgmlType t = GgmlType.valueOf(type.replace("_repacked", "").toUpperCase());
                for (Shape shape : all) {
                    if (!shapes.contains(shape.name())) continue;
                    GgufFile.Tensor tensor = tensor(arena, t, shape);
                    Kernels.Matrix w = repacked ? RepackedQ6_K.repack(tensor, new Workers(2)) : Kernels.Matrix.of(tensor);
                    for (String th : threads) {
                        Workers workers = new Workers(Integer.parseInt(th));
                        for (String mode : modes) run(workers, w, type, shape, mode, seconds);
                    }
                }
            }
        }
    }

    private static List<String> list(String[] args, int i, String fallback) {
        return Arrays.asList((args.length > i && !args[i].equals("-") ? args[i] : fallback).split(","));
    }

    private static void run(Workers workers, Kernels.Matrix w, String type, Shape shape, String mode, double seconds) {
        int count = mode.endsWith("8") ? 8 : 1;
        boolean prompt = mode.startsWith("prompt");
        Random random = new Random(1);
        float[][] x = new float[count][shape.in()];
        for (float[] row : x) for (int i = 0; i < row.length; i++) row[i] = (float) random.nextGaussian();
        float[][] y = new float[count][shape.out()];
        Activations a = new Activations();
        List<Kernels.Matrix> ws = List.of(w);
        List<float[][]> ys = List.<float[][]>of(y);
        // Warm-up (the JIT compiles the kernels), then as many calls as fit the time.
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            a.set(x, count, shape.in());
            Kernels.matmul(workers, ws, a, ys, prompt);
        }
        long calls = 0;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            a.set(x, count, shape.in());
            Kernels.matmul(workers, ws, a, ys, prompt);
            calls++;
        } while ((now = System.nanoTime()) < end);
        double perCall = (now - start) / 1e9 / calls;
        // With one thread every task runs on this one: its CPU time leaves out the time other processes took the core.
        if (workers.threads() == 1) perCall = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9 / calls;
        double weights = (double) shape.in() * shape.out();
        int hash = 1;
        for (float[] row : y) hash = 31 * hash + Arrays.hashCode(row);
        System.out.printf("%-13s %-5s threads %s %-7s %8.3f ms  %6.2f G weights/s  %6.2f GB/s  hash %08x  y %.6g %.6g%n", type,
                shape.name(), workers.threads(), mode, perCall * 1e3, weights * count / perCall / 1e9, w.data().byteSize() / perCall / 1e9, hash, y[count - 1][0], y[count - 1][shape.out() - 1]);
    }

    /** Random blocks of the type with every f16 scale a small normal number, so that no product is NaN or infinite. */
    static GgufFile.Tensor tensor(Arena arena, GgmlType type, Shape shape) {
        int blockValues = type == GgmlType.Q8_0 || type == GgmlType.Q4_0 ? 32 : 256;
        int blockBytes = switch (type) {
            case Q8_0 -> 34;
            case Q4_0 -> 18;
            case Q4_K -> 144;
            case Q6_K -> 210;
            default -> throw new IllegalArgumentException(type.name());
        };
        long blocks = (long) shape.in() * shape.out() / blockValues;
        MemorySegment data = arena.allocate(blocks * blockBytes, 64);
        long seed = 0x9E3779B97F4A7C15L;
        for (long i = 0; i + 8 <= data.byteSize(); i += 8) {
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            data.set(ValueLayout.JAVA_LONG_UNALIGNED, i, seed);
        }
        List<Integer> scales = new ArrayList<>(switch (type) {
            case Q4_K -> List.of(0, 2);
            case Q6_K -> List.of(208);
            default -> List.of(0);
        });
        Random random = new Random(2);
        for (long b = 0; b < blocks; b++) {
            for (int at : scales) {
                short d = Float.floatToFloat16((float) (0.001 + 0.01 * random.nextDouble()));
                data.set(ValueLayout.JAVA_SHORT_UNALIGNED, b * blockBytes + at, d);
            }
        }
        if (type == GgmlType.Q8_0) {
            // llama-quantize's q8_0 bytes are in [-127, 127].
            for (long b = 0; b < blocks; b++) {
                for (int j = 2; j < 34; j++) {
                    long at = b * 34 + j;
                    if (data.get(ValueLayout.JAVA_BYTE, at) == Byte.MIN_VALUE) data.set(ValueLayout.JAVA_BYTE, at, (byte) -127);
                }
            }
        }
        return new GgufFile.Tensor("bench." + shape.name(), type, new long[] {shape.in(), shape.out()}, data);
    }
}
