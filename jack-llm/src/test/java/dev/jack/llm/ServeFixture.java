package dev.jack.llm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code jack serve}'s lifecycle in a process of its own, for tests that limit the process (descriptors) or signal it:
 * serves the GGUF file named by the first argument on a free loopback port, prints the URL and the descriptors open at
 * start, and shuts down on SIGTERM as the command does.
 */
final class ServeFixture {
    private ServeFixture() {}

    public static void main(String[] args) throws Exception {
        OpenAiServer server = new OpenAiServer(EmbeddedBackend.open(Path.of(args[0]), 1), "127.0.0.1", 0, null, 64);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }));
        long descriptors;
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            descriptors = fds.count();
        }
        System.out.println(server.url());
        System.out.println("descriptors " + descriptors + ", connection cap " + OpenAiServer.connectionCap());
        System.out.flush();
        stopped.await();
    }
}
