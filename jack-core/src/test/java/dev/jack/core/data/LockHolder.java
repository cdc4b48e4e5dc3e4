package dev.jack.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A second process for the lock tests: locks the output given, says so on stdout, and holds it until stdin closes. */
public final class LockHolder {
    private LockHolder() {}

    public static void main(String[] args) throws IOException {
        try (OutputLock lock = OutputLock.acquire(List.of(Path.of(args[0])))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Held until the test closes our stdin.
            }
        }
    }

    /** Starts a holder of the output's lock and returns once it holds it; closing its stdin ends it. */
    public static Process start(Path output) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), output.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new String(p.getInputStream().readNBytes(6));
        if (!line.equals("locked")) throw new IOException("the lock holder did not start: " + line);
        return p;
    }
}
