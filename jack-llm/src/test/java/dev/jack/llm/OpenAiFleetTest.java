package dev.jack.llm;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fleet against local stub servers: spreading, a dead member, a flapping one, a slow one, a hanging one, faults. */
class OpenAiFleetTest {
    private static final OpenAiFleet.Health QUICK = new OpenAiFleet.Health(3, Duration.ofMillis(50), Duration.ofMillis(200));

    private static OpenAiBackend.Config config(int maxAttempts, Duration timeout) {
        return new OpenAiBackend.Config(URI.create("http://127.0.0.1:1"), "stub", null, OpenAiBackend.Endpoint.CHAT, 1, timeout, maxAttempts,
                Duration.ofMillis(5), Duration.ofMillis(50));
    }

    private static OpenAiFleet fleet(List<OpenAiFleet.Member> members, int maxAttempts, Duration timeout, OpenAiFleet.Health health, List<String> log) {
        return new OpenAiFleet(config(maxAttempts, timeout), members, health, log::add);
    }

    private static GenerationRequest ask(String text, long seed) {
        return GenerationRequest.of(new Prompt.Chat(List.of(Prompt.Message.user(text))), 32).withSeed(seed);
    }

    /** A port held by a socket that does not listen (so no server can take it meanwhile): connections are refused. */
    private static Socket deadPort() throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress("127.0.0.1", 0));
        return s;
    }

    private static URI url(Socket dead) {
        return URI.create("http://127.0.0.1:" + dead.getLocalPort());
    }

    /** Sends prompts 0..count-1 and checks every answer is the one the stub gives for that prompt and seed. */
    private static void allAnsweredRight(OpenAiFleet fleet, int count) {
        List<CompletableFuture<GenerationResult>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) futures.add(fleet.generate(ask("prompt " + i, i)));
        for (int i = 0; i < count; i++) {
            assertEquals(StubServer.answer("prompt " + i, (long) i, 0), futures.get(i).join().completions().getFirst().text(), "row " + i);
        }
    }

    @Test
    void requestsSpreadOverMembersWithTheAnswersOfOneServer() throws IOException {
        try (StubServer a = StubServer.start("stub"); StubServer b = StubServer.start("stub"); StubServer c = StubServer.start("stub");
             OpenAiFleet fleet = fleet(OpenAiFleet.parse(a.url() + ", " + b.url() + "," + c.url(), 4), 3, Duration.ofSeconds(10),
                     OpenAiFleet.Health.DEFAULT, new ArrayList<>())) {
            fleet.checkModel();
            allAnsweredRight(fleet, 600);
            for (StubServer s : List.of(a, b, c)) assertTrue(s.requests() > 100, "each member took a share: " + s.requests());
            assertEquals(600, fleet.stats().stream().mapToLong(OpenAiFleet.MemberStats::done).sum());
        }
    }

    /** With one attempt per request: a refused connection does not use it up (the request goes to another member). */
    @Test
    void aDeadMemberIsTakenOutAndProbedRarely() throws IOException {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Socket deadPort = deadPort(); StubServer a = StubServer.start("stub"); StubServer b = StubServer.start("stub");
             OpenAiFleet fleet = fleet(List.of(new OpenAiFleet.Member(a.url(), 4), new OpenAiFleet.Member(url(deadPort), 4),
                     new OpenAiFleet.Member(b.url(), 4)), 1, Duration.ofSeconds(10), QUICK, log)) {
            fleet.checkModel();
            assertTrue(log.getFirst().contains("taken out") && log.getFirst().contains(url(deadPort).toString()), log.toString());
            long started = System.nanoTime();
            allAnsweredRight(fleet, 400);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            OpenAiFleet.MemberStats deadStats = fleet.stats().get(1);
            assertEquals(0, deadStats.done());
            // One probe per cooldown (at most 200 ms here) at most, plus the first refusal.
            assertTrue(deadStats.failedAttempts() <= 2 + elapsedMillis / 50, deadStats + " in " + elapsedMillis + " ms");
        }
    }

    @Test
    void aFlappingMemberIsTakenOutAndComesBack() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (StubServer steady = StubServer.start("stub"); StubServer flapping = StubServer.start("stub");
             OpenAiFleet fleet = fleet(OpenAiFleet.parse(steady.url() + "," + flapping.url(), 4), 8, Duration.ofSeconds(10), QUICK, log)) {
            for (int round = 0; round < 3; round++) {
                flapping.outage(true);
                allAnsweredRight(fleet, 100);
                flapping.outage(false);
                Thread.sleep(250);  // past the longest cooldown: the next requests probe it
                long before = fleet.stats().get(1).done();
                allAnsweredRight(fleet, 100);
                assertTrue(fleet.stats().get(1).done() > before, "back in service in round " + round + ": " + fleet.stats());
            }
            assertTrue(fleet.stats().get(1).ejections() >= 3, fleet.stats().toString());
            assertTrue(log.stream().anyMatch(l -> l.contains("back in service")), log.toString());
        }
    }

    @Test
    void aSlowMemberGetsLessWork() throws IOException {
        try (StubServer fast = StubServer.start("stub"); StubServer slow = StubServer.start("stub");
             OpenAiFleet fleet = fleet(OpenAiFleet.parse(fast.url() + "," + slow.url(), 4), 3, Duration.ofSeconds(10),
                     OpenAiFleet.Health.DEFAULT, new ArrayList<>())) {
            slow.delay(40);
            allAnsweredRight(fleet, 400);
            long fastDone = fleet.stats().get(0).done();
            long slowDone = fleet.stats().get(1).done();
            assertTrue(fastDone > 3 * slowDone, "fast " + fastDone + ", slow " + slowDone);
        }
    }

    /**
     * A member that hangs on some prompts and fails others is taken out after its failures; the request hanging on it
     * is cancelled and answered by the other member long before the hang or the timeout would end it.
     */
    @Test
    void theInFlightRequestsOfAMemberTakenOutGoElsewhere() throws Exception {
        HttpServer flaky = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        flaky.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        flaky.createContext("/v1/chat/completions", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                String body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (!body.contains("fail")) Thread.sleep(20_000);
                OpenAiServer.respond(ex, 500, "{\"error\": {\"message\": \"boom\"}}");
            } catch (InterruptedException e) {
                ex.close();
            }
        });
        flaky.start();
        List<String> log = new CopyOnWriteArrayList<>();
        try (StubServer other = StubServer.start("stub");
             OpenAiFleet fleet = fleet(List.of(new OpenAiFleet.Member(URI.create("http://127.0.0.1:" + flaky.getAddress().getPort()), 8),
                     new OpenAiFleet.Member(other.url(), 1)), 6, Duration.ofSeconds(30),
                     new OpenAiFleet.Health(2, Duration.ofSeconds(5), Duration.ofSeconds(5)), log)) {
            other.delay(1200);
            long started = System.nanoTime();
            // Equal loads: the first goes to the first member (it hangs there), the second to the other (3 s).
            CompletableFuture<GenerationResult> hanging = fleet.generate(ask("hang", 1));
            Thread.sleep(100);
            CompletableFuture<GenerationResult> second = fleet.generate(ask("second", 2));
            Thread.sleep(100);
            // The other member is full: this one fails twice on the first member, which is taken out.
            CompletableFuture<GenerationResult> failing = fleet.generate(ask("fail", 3));
            assertEquals(StubServer.answer("hang", 1L, 0), hanging.get(15, TimeUnit.SECONDS).completions().getFirst().text());
            assertEquals(StubServer.answer("second", 2L, 0), second.get(15, TimeUnit.SECONDS).completions().getFirst().text());
            assertEquals(StubServer.answer("fail", 3L, 0), failing.get(15, TimeUnit.SECONDS).completions().getFirst().text());
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 15, "not held for the 20 s hang");
            assertEquals(1, fleet.stats().getFirst().ejections(), fleet.stats().toString());
            assertEquals(0, fleet.stats().getFirst().done());
            assertEquals(3, fleet.stats().get(1).done());
        } finally {
            flaky.stop(0);
        }
    }

    @Test
    void everyRequestEndsDoneOrFailedUnderFaults() throws IOException {
        int requests = 1000;
        try (StubServer a = new StubServer("stub", 0.2, Integer.MAX_VALUE, 400, 42);
             StubServer b = new StubServer("stub", 0.2, Integer.MAX_VALUE, 400, 43);
             StubServer c = new StubServer("stub", 0.2, Integer.MAX_VALUE, 400, 44);
             OpenAiFleet fleet = fleet(OpenAiFleet.parse(a.url() + "," + b.url() + "," + c.url(), 16), 8, Duration.ofMillis(150),
                     QUICK, new CopyOnWriteArrayList<>())) {
            c.delay(5);
            List<CompletableFuture<GenerationResult>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) futures.add(fleet.generate(ask("prompt " + i, i)));
            int done = 0;
            for (int i = 0; i < requests; i++) {
                try {
                    assertEquals(StubServer.answer("prompt " + i, (long) i, 0), futures.get(i).join().completions().getFirst().text(), "no mix-ups");
                    done++;
                } catch (CompletionException e) {
                    GenerationException g = assertInstanceOf(GenerationException.class, e.getCause());
                    assertTrue(g.getMessage().startsWith("gave up after 8 attempts"), g.getMessage());
                }
            }
            assertTrue(done > requests * 0.99, "almost all succeed within 8 attempts: " + done);
            assertTrue(fleet.retries() > 0);
        }
    }

    @Test
    void theModelCheckFailsOnAMemberWithoutTheModelOrWhenNoneAnswers() throws IOException {
        try (StubServer right = StubServer.start("stub"); StubServer wrong = StubServer.start("other");
             OpenAiFleet fleet = fleet(OpenAiFleet.parse(right.url() + "," + wrong.url(), 4), 3, Duration.ofSeconds(5),
                     QUICK, new ArrayList<>())) {
            GenerationException e = assertThrows(GenerationException.class, fleet::checkModel);
            assertTrue(e.getMessage().contains("not served by " + wrong.url()), e.getMessage());
        }
        try (Socket one = deadPort(); Socket two = deadPort();
             OpenAiFleet fleet = fleet(OpenAiFleet.parse(url(one) + "," + url(two), 4), 3, Duration.ofSeconds(5), QUICK, new ArrayList<>())) {
            GenerationException e = assertThrows(GenerationException.class, fleet::checkModel);
            assertTrue(e.getMessage().startsWith("cannot reach any server"), e.getMessage());
        }
    }

    @Test
    void aListNamesItsBadEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenAiFleet.parse("http://a:1,b:2", 4));
        assertTrue(e.getMessage().contains("\"b:2\""), e.getMessage());
        assertEquals(List.of(URI.create("http://a:1"), URI.create("https://b")),
                OpenAiFleet.parse(" http://a:1 ,https://b", 4).stream().map(OpenAiFleet.Member::baseUrl).toList());
        assertThrows(IllegalArgumentException.class, () -> new OpenAiFleet(config(1, Duration.ofSeconds(1)),
                OpenAiFleet.parse("http://a:1,http://a:1/v1", 2), OpenAiFleet.Health.DEFAULT, s -> { }));
    }
}
