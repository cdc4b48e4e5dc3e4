import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Two builds' IFBench verification in one JVM, each in its own class loader: both warm up until the JIT has been
 * idle for 1.5 s (at least 10 s), then they take turns in half-second windows (which goes first alternating), and the
 * per-CPU-second rates are summed per build. Load from other processes then falls on both alike, where separate JVMs
 * on a shared machine differed by 20-40% between runs of one build.
 *
 * <p>Arguments: IFBENCH_DIR SET WINDOWS CLASSES_A LIBS_A CLASSES_B LIBS_B (CLASSES_x: VerifyPass compiled against
 * LIBS_x, a folder of a build's jars).
 */
public final class VerifyAb {
    public static void main(String[] args) throws Throwable {
        String dir = args[0];
        String set = args[1];
        int windows = Integer.parseInt(args[2]);
        MethodHandle[] pass = new MethodHandle[2];
        int rows = 0;
        for (int b = 0; b < 2; b++) {
            List<URL> urls = new ArrayList<>();
            urls.add(Path.of(args[3 + 2 * b]).toUri().toURL());
            try (Stream<Path> jars = Files.list(Path.of(args[4 + 2 * b]))) {
                for (Path jar : jars.sorted().toList()) urls.add(jar.toUri().toURL());
            }
            Class<?> c = Class.forName("VerifyPass", true, new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
            rows = (int) c.getMethod("setup", String.class, String.class).invoke(null, dir, set);
            pass[b] = MethodHandles.publicLookup().findStatic(c, "pass", MethodType.methodType(int.class));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long quietSince = start;
        long compiled = jit.getTotalCompilationTime();
        int blackhole = 0;
        while (true) {
            for (MethodHandle p : pass) {
                long end = System.nanoTime() + 200_000_000L;
                while (System.nanoTime() < end) blackhole += (int) p.invokeExact();
            }
            long now = System.nanoTime();
            long c = jit.getTotalCompilationTime();
            if (c != compiled) {
                compiled = c;
                quietSince = now;
            }
            if ((now - start > 10e9 && now - quietSince > 1.5e9) || now - start > 150e9) break;
        }
        double warmup = (System.nanoTime() - start) / 1e9;
        long[] done = new long[2];
        long[] cpu = new long[2];
        StringBuilder perWindow = new StringBuilder();
        for (int w = 0; w < windows; w++) {
            double[] rate = new double[2];
            for (int k = 0; k < 2; k++) {
                int b = (w + k) % 2;
                long cpu0 = threads.getCurrentThreadCpuTime();
                long end = System.nanoTime() + 500_000_000L;
                long n = 0;
                while (System.nanoTime() < end) {
                    blackhole += (int) pass[b].invokeExact();
                    n += rows;
                }
                long spent = threads.getCurrentThreadCpuTime() - cpu0;
                done[b] += n;
                cpu[b] += spent;
                rate[b] = n / (spent / 1e9);
            }
            perWindow.append(String.format(" %.2f", rate[1] / rate[0]));
        }
        double a = done[0] / (cpu[0] / 1e9);
        double b = done[1] / (cpu[1] / 1e9);
        System.out.printf("%s: A %,.0f, B %,.0f per CPU-second, B/A %.3f (after %.0f s of warm-up; B/A per window:%s)%s%n",
                set, a, b, b / a, warmup, perWindow, blackhole == 42 ? " " : "");
    }
}
