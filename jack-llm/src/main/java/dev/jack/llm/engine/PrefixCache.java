package dev.jack.llm.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Recently evaluated prompts and their KV caches, so that a request sharing a prefix with earlier work (tree
 * search continuing many siblings from one node, a judge reusing one long system prompt) computes only the
 * rest. Bounded by the number of positions and the bytes held; the least recently used entries go first.
 */
public final class PrefixCache {
    private record Entry(List<Integer> tokens, LlamaModel.Session session, float[] logits) {}

    /**
     * Where a prompt's evaluation starts: its own session holding the positions taken from the cache ({@code reused} of
     * them), and the logits after the prompt when the whole prompt was cached (else null: the rest must be evaluated).
     */
    public record Start(LlamaModel.Session session, int reused, float[] logits) {}

    /** Bytes of keys, values and logits held at most by default (Llama 3.2 1B holds 64 KB a position). */
    public static final long MAX_BYTES = 128L << 20;

    private final Deque<Entry> entries = new ArrayDeque<>();
    private final int budget;
    private final long byteBudget;
    private int held;
    private long heldBytes;

    /** @param budget most positions held in all cached sessions together (0 disables the cache) */
    public PrefixCache(int budget) {
        this(budget, MAX_BYTES);
    }

    /**
     * @param budget     most positions held in all cached sessions together (0 disables the cache)
     * @param byteBudget most bytes of keys, values and logits held together
     */
    public PrefixCache(int budget, long byteBudget) {
        this.budget = budget;
        this.byteBudget = byteBudget;
    }

    /** The longest cached prefix of the prompt, copied into a session of its own; the caller evaluates the rest and {@link #remember}s it. */
    public Start start(LlamaModel model, List<Integer> prompt) {
        Entry best = null;
        int common = 0;
        synchronized (this) {
            for (Entry e : entries) {
                int n = commonPrefix(e.tokens(), prompt);
                boolean exact = n == prompt.size() && e.tokens().size() == n;
                if (n > common || exact) {
                    common = n;
                    best = e;
                }
            }
            if (best != null) {
                entries.remove(best);
                entries.addFirst(best);
            }
        }
        if (best != null && common == prompt.size() && best.tokens().size() == prompt.size()) {
            return new Start(best.session().copy(), common, best.logits().clone());
        }
        // At least the last prompt token is evaluated: its logits are the ones sampling needs.
        int reused = Math.min(common, prompt.size() - 1);
        if (best != null && reused > 0) {
            LlamaModel.Session session = best.session().copy();
            session.truncate(reused);
            return new Start(session, reused, null);
        }
        return new Start(model.new Session(), 0, null);
    }

    /** Keeps copies of an evaluated prompt's session and logits for later prompts that share a prefix with it. */
    public void remember(List<Integer> tokens, LlamaModel.Session session, float[] logits) {
        if (tokens.size() > budget || bytes(session, logits) > byteBudget) return;
        Entry entry = new Entry(List.copyOf(tokens), session.copy(), logits.clone());
        synchronized (this) {
            entries.addFirst(entry);
            held += tokens.size();
            heldBytes += bytes(session, logits);
            for (Iterator<Entry> it = entries.descendingIterator(); (held > budget || heldBytes > byteBudget) && it.hasNext(); ) {
                Entry e = it.next();
                held -= e.tokens().size();
                heldBytes -= bytes(e.session(), e.logits());
                it.remove();
            }
        }
    }

    private static long bytes(LlamaModel.Session session, float[] logits) {
        return session.kvBytes() + 4L * logits.length;
    }

    private static int commonPrefix(List<Integer> a, List<Integer> b) {
        int n = Math.min(a.size(), b.size());
        int i = 0;
        while (i < n && a.get(i).equals(b.get(i))) i++;
        return i;
    }
}
