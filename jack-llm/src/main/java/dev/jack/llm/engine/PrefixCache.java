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

    /** A prompt evaluated into its own session, the logits after it, and how many positions came from the cache. */
    public record Evaluated(LlamaModel.Session session, float[] logits, int reused) {}

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

    public Evaluated evaluate(LlamaModel model, List<Integer> prompt) {
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
            return new Evaluated(best.session().copy(), best.logits().clone(), common);
        }
        // At least the last prompt token is evaluated: its logits are the ones sampling needs.
        int reused = Math.min(common, prompt.size() - 1);
        LlamaModel.Session session;
        if (best != null && reused > 0) {
            session = best.session().copy();
            session.truncate(reused);
        } else {
            session = model.new Session();
            reused = 0;
        }
        float[] logits = session.prefill(prompt.subList(reused, prompt.size()));
        remember(List.copyOf(prompt), session.copy(), logits.clone());
        return new Evaluated(session, logits, reused);
    }

    private synchronized void remember(List<Integer> tokens, LlamaModel.Session session, float[] logits) {
        if (tokens.size() > budget || bytes(session, logits) > byteBudget) return;
        entries.addFirst(new Entry(tokens, session, logits));
        held += tokens.size();
        heldBytes += bytes(session, logits);
        for (Iterator<Entry> it = entries.descendingIterator(); (held > budget || heldBytes > byteBudget) && it.hasNext(); ) {
            Entry e = it.next();
            held -= e.tokens().size();
            heldBytes -= bytes(e.session(), e.logits());
            it.remove();
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
