package dev.jack.llm;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Several OpenAI-compatible servers serving the same model (a fleet of vLLM or SGLang replicas) as one backend. Each
 * attempt of a request goes to the member with the lowest load (requests in flight over its limit) among those in
 * service, so fast members get more work and a fleet is kept saturated; every member has its own bound on requests in
 * flight. A failed attempt is retried on another member where there is one (at once), else on the same one after the
 * backoff, up to {@code maxAttempts} attempts in all, as {@link OpenAiBackend} does for one server.
 *
 * <p>Health: a member that refuses connections is taken out of service at once, one that fails
 * {@link Health#failuresToEject} attempts in a row (dropped connections, timeouts, HTTP 5xx, unreadable bodies) too;
 * the attempts it still has in flight are cancelled and sent elsewhere (without counting as attempts, at most
 * {@code maxAttempts} times per request), and a refused attempt does not count either (the request reached no server;
 * at most once per member per request). After a cooldown, which doubles while it keeps failing, it gets one request
 * (a probe); success puts it back in service. When every member is out, requests wait for the first cooldown to end.
 * Throttling (429) and refused requests (other 4xx) say nothing against a member's health.
 *
 * <p>Results do not depend on which member serves a request, as long as the members are alike (same model, same
 * server software and settings): the request, seed included, is the same whichever member gets it. A fleet whose
 * members differ in whether they accept n &gt; 1 is split into one request per completion from the first refusal on
 * (seeds seed, seed+1, ...), as {@link OpenAiBackend} does.
 */
public final class OpenAiFleet implements Backend {
    /** One server of the fleet and the most requests it may have in flight. */
    public record Member(URI baseUrl, int maxInFlight) {
        public Member {
            if (maxInFlight < 1) throw new IllegalArgumentException("max in flight must be at least 1, got " + maxInFlight + " for " + baseUrl);
        }
    }

    /**
     * When a member is taken out of service and for how long.
     *
     * @param failuresToEject failed attempts in a row (not counting refused connections, which take it out at once), at least 1
     * @param cooldownBase    how long it stays out the first time
     * @param cooldownMax     the longest it stays out, however often it failed
     */
    public record Health(int failuresToEject, Duration cooldownBase, Duration cooldownMax) {
        /** Five failures in a row; out for 1 s, then 2, 4, ... up to 60 s. */
        public static final Health DEFAULT = new Health(5, Duration.ofSeconds(1), Duration.ofSeconds(60));

        public Health {
            if (failuresToEject < 1) throw new IllegalArgumentException("failures to eject must be at least 1");
            if (cooldownBase.isNegative() || cooldownBase.isZero() || cooldownMax.compareTo(cooldownBase) < 0) {
                throw new IllegalArgumentException("cooldowns must be positive, base <= max");
            }
        }
    }

    /** What a member did so far: attempts that succeeded and failed, times taken out, and whether it is in service now. */
    public record MemberStats(URI baseUrl, long done, long failedAttempts, long ejections, boolean inService) {}

    private enum State { UP, DOWN, PROBING }

    /** A member's client and its state; all fields but the client and counters are guarded by the fleet's lock. */
    private static final class Server {
        final OpenAiBackend client;
        final int limit;
        final Set<Slot> inFlight = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        State state = State.UP;
        long downUntil;
        long cooldown;
        int failuresInARow;
        final AtomicLong done = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        long ejections;

        Server(OpenAiBackend client, int limit, long cooldown) {
            this.client = client;
            this.limit = limit;
            this.cooldown = cooldown;
        }

        URI url() {
            return client.config().baseUrl();
        }
    }

    /** One attempt in flight on a member: its thread, interrupted when the member is taken out. */
    private static final class Slot {
        final Server server;
        final Thread thread = Thread.currentThread();
        boolean moved;

        Slot(Server server) {
            this.server = server;
        }
    }

    private final OpenAiBackend.Config config;
    private final List<Server> servers = new ArrayList<>();
    private final Health health;
    private final Consumer<String> log;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicBoolean splitN = new AtomicBoolean();
    private final AtomicLong retries = new AtomicLong();
    private long rotation;

    /**
     * @param config  the settings every member shares (model, API key, endpoint, timeout, attempts, backoff, streaming);
     *                its base URL and in-flight bound are replaced by each member's
     * @param members at least one; the same URL twice is refused
     * @throws IllegalArgumentException on no members or a repeated URL
     */
    public OpenAiFleet(OpenAiBackend.Config config, List<Member> members, Health health, Consumer<String> log) {
        if (members.isEmpty()) throw new IllegalArgumentException("a fleet needs at least one server");
        this.config = config;
        this.health = health;
        this.log = log;
        Map<URI, Member> seen = new HashMap<>();
        for (Member m : members) {
            OpenAiBackend.Config own = config.at(m.baseUrl(), m.maxInFlight());
            if (seen.put(own.baseUrl(), m) != null) throw new IllegalArgumentException("server " + own.baseUrl() + " is listed twice");
            URI url = own.baseUrl();
            servers.add(new Server(new OpenAiBackend(own, line -> log.accept(url + ": " + line)), m.maxInFlight(), health.cooldownBase().toNanos()));
        }
    }

    /**
     * Members from a comma-separated list of base URLs ({@code http://a:8000,http://b:8000}), each with the same bound.
     *
     * @throws IllegalArgumentException naming the entry that is not an http(s) URL with a host
     */
    public static List<Member> parse(String list, int maxInFlight) {
        List<Member> members = new ArrayList<>();
        for (String entry : list.split(",")) {
            String e = entry.strip();
            URI uri;
            try {
                uri = URI.create(e);
            } catch (IllegalArgumentException x) {
                uri = null;
            }
            if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("expected a server URL with its scheme, such as http://127.0.0.1:8000, got \"" + e + "\"");
            }
            members.add(new Member(uri, maxInFlight));
        }
        return members;
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public long retries() {
        return retries.get();
    }

    /** Each member's counts, in the order given. */
    public List<MemberStats> stats() {
        lock.lock();
        try {
            return servers.stream().map(s -> new MemberStats(s.url(), s.done.get(), s.failed.get(), s.ejections, s.state != State.DOWN)).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks every member's /v1/models at once. A member that cannot be reached is taken out (and probed later, as any
     * member that fails); one that answers without the model, or with an error, fails the check.
     *
     * @throws GenerationException when a member does not serve the model or no member can be reached
     */
    public void checkModel() {
        List<CompletableFuture<String>> checks = servers.stream().map(s -> CompletableFuture.supplyAsync(() -> {
            try {
                List<String> ids = s.client.servedModels();
                if (!ids.contains(config.model())) {
                    throw new GenerationException("model \"" + config.model() + "\" is not served by " + s.url() + "; it serves " + ids, 1);
                }
                return null;
            } catch (IOException e) {
                return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            }
        }, executor)).toList();
        List<String> unreachable = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            String why;
            try {
                why = checks.get(i).join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof GenerationException g ? g : e;
            }
            if (why != null) {
                unreachable.add(servers.get(i).url() + " (" + why + ")");
                lock.lock();
                try {
                    eject(servers.get(i), "cannot reach it: " + why);
                } finally {
                    lock.unlock();
                }
            }
        }
        if (unreachable.size() == servers.size()) throw new GenerationException("cannot reach any server: " + String.join("; ", unreachable), 1);
    }

    @Override
    public CompletableFuture<GenerationResult> generate(GenerationRequest request) {
        return OpenAiBackend.generate(request, splitN, this::attempts, executor);
    }

    /** A request's attempts over the members; null when a member cannot do n &gt; 1 (then split). */
    private GenerationResult attempts(GenerationRequest request) {
        Map<Server, OpenAiBackend.Prepared> prepared = new IdentityHashMap<>();
        String lastFailure = "no attempt";
        Server previous = null;
        int moves = 0;
        int refusals = 0;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            if (attempt > 1) retries.incrementAndGet();
            Slot slot = acquire(previous);
            Server server = slot.server;
            OpenAiBackend.Attempt outcome;
            try {
                OpenAiBackend.Prepared form = prepared.get(server);
                if (form == null) prepared.put(server, form = server.client.prepare(request));
                outcome = server.client.send(form);
            } catch (GenerationException e) {
                // Finding out the server's form failed after its own retries, or the attempt was interrupted.
                outcome = new OpenAiBackend.Attempt.Failed(OpenAiBackend.Failure.TRANSIENT, e.getMessage(), null);
            }
            boolean moved = release(slot, outcome);
            if (moved && moves++ < config.maxAttempts()) {
                attempt--;
                previous = server;
                continue;
            }
            if (!moved && Thread.currentThread().isInterrupted()) throw new GenerationException("interrupted", attempt);
            if (outcome instanceof OpenAiBackend.Attempt.Failed f && f.kind() == OpenAiBackend.Failure.REFUSED && refusals++ < servers.size()) {
                // The request reached no server: it goes to another (this one is out now) without using up an attempt.
                lastFailure = server.url() + ": " + f.reason();
                attempt--;
                previous = server;
                continue;
            }
            switch (outcome) {
                case OpenAiBackend.Attempt.Done done -> {
                    return done.result();
                }
                case OpenAiBackend.Attempt.SplitN split -> {
                    if (splitN.compareAndSet(false, true)) log.accept(server.url() + " " + split.why() + "; sending one request per completion from now on");
                    return null;
                }
                case OpenAiBackend.Attempt.Failed f when f.kind() == OpenAiBackend.Failure.FATAL ->
                        throw new GenerationException(server.url() + ": " + f.reason(), attempt);
                case OpenAiBackend.Attempt.Failed f -> {
                    lastFailure = server.url() + ": " + f.reason();
                    if (attempt < config.maxAttempts() && !usableElsewhere(server)) {
                        OpenAiBackend.sleep(f.retryAfter() != null ? f.retryAfter() : server.client.backoff(attempt));
                    }
                }
            }
            previous = server;
        }
        throw new GenerationException("gave up after " + config.maxAttempts() + " attempts; last: " + lastFailure, config.maxAttempts());
    }

    /**
     * A slot on the least loaded member in service, avoiding {@code avoid} where another has room; waits while every
     * member is full or out.
     */
    private Slot acquire(Server avoid) {
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                Server best = null;
                long wakeAt = Long.MAX_VALUE;
                int size = servers.size();
                for (int k = 0; k < size; k++) {
                    Server s = servers.get((int) ((rotation + k) % size));
                    if (s.state == State.DOWN) {
                        if (now - s.downUntil < 0) {
                            wakeAt = Math.min(wakeAt, s.downUntil);
                            continue;
                        }
                        s.state = State.PROBING;
                    }
                    int limit = s.state == State.PROBING ? 1 : s.limit;
                    if (s.inFlight.size() >= limit) continue;
                    if (best == null || better(s, best, avoid)) best = s;
                }
                if (best != null) {
                    rotation++;
                    Slot slot = new Slot(best);
                    best.inFlight.add(slot);
                    return slot;
                }
                try {
                    if (wakeAt == Long.MAX_VALUE) changed.await();
                    else changed.awaitNanos(wakeAt - now);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GenerationException("interrupted", 0);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code s} is a better choice than {@code best}: not the member to avoid, then the lower load. */
    private static boolean better(Server s, Server best, Server avoid) {
        if ((s == avoid) != (best == avoid)) return best == avoid;
        int limitS = s.state == State.PROBING ? 1 : s.limit;
        int limitB = best.state == State.PROBING ? 1 : best.limit;
        return (long) s.inFlight.size() * limitB < (long) best.inFlight.size() * limitS;
    }

    /** Whether a member other than {@code server} is in service or due for a probe. */
    private boolean usableElsewhere(Server server) {
        lock.lock();
        try {
            long now = System.nanoTime();
            for (Server s : servers) {
                if (s != server && (s.state != State.DOWN || now - s.downUntil >= 0)) return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends an attempt: frees its slot and updates its member's health. Returns whether the attempt was cancelled
     * because its member was taken out meanwhile (its outcome, unless a result, is then disregarded).
     */
    private boolean release(Slot slot, OpenAiBackend.Attempt outcome) {
        Server s = slot.server;
        lock.lock();
        try {
            s.inFlight.remove(slot);
            if (slot.moved) {
                Thread.interrupted();  // the interrupt was ours, to cancel the attempt; it must not end the request
                return !(outcome instanceof OpenAiBackend.Attempt.Done);
            }
            switch (outcome) {
                case OpenAiBackend.Attempt.Failed f when f.kind() == OpenAiBackend.Failure.REFUSED -> {
                    s.failed.incrementAndGet();
                    eject(s, f.reason());
                }
                case OpenAiBackend.Attempt.Failed f when f.kind() == OpenAiBackend.Failure.TRANSIENT -> {
                    s.failed.incrementAndGet();
                    if (s.state == State.PROBING || ++s.failuresInARow >= health.failuresToEject()) {
                        eject(s, s.state == State.PROBING ? "the probe failed: " + f.reason() : s.failuresInARow + " failures in a row, last: " + f.reason());
                    }
                }
                default -> {
                    if (outcome instanceof OpenAiBackend.Attempt.Done) s.done.incrementAndGet();
                    else s.failed.incrementAndGet();
                    s.failuresInARow = 0;
                    if (s.state == State.PROBING) {
                        s.state = State.UP;
                        s.cooldown = health.cooldownBase().toNanos();
                        log.accept("server " + s.url() + " is back in service");
                    }
                }
            }
            return false;
        } finally {
            changed.signalAll();
            lock.unlock();
        }
    }

    /** Takes a member out for its cooldown and cancels the attempts it has in flight. Under the lock. */
    private void eject(Server s, String why) {
        if (s.state == State.DOWN) return;
        s.state = State.DOWN;
        s.failuresInARow = 0;
        s.ejections++;
        s.downUntil = System.nanoTime() + s.cooldown;
        log.accept("server " + s.url() + " taken out of service for " + TimeUnit.NANOSECONDS.toMillis(s.cooldown) / 1000.0 + " s: " + why);
        s.cooldown = Math.min(2 * s.cooldown, health.cooldownMax().toNanos());
        for (Slot other : s.inFlight) {
            other.moved = true;
            other.thread.interrupt();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        for (Server s : servers) s.client.close();
    }
}
