package dev.jack.llm.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Recently evaluated prompts and their KV caches, so that a request sharing a prefix with earlier work (tree
 * search continuing many siblings from one node, a judge reusing one long system prompt) computes only the
 * rest. Bounded by the number of positions held; the least recently used entries go first.
 */
public final class PrefixCache {
    private record Entry(List<Integer> tokens, LlamaModel.Session session, float[] logits) {}

    /** A prompt evaluated into its own session, the logits after it, and how many positions came from the cache. */
    public record Evaluated(LlamaModel.Session session, float[] logits, int reused) {}

    private final Deque<Entry> entries = new ArrayDeque<>();
    private final int budget;
    private int held;

    /** @param budget most positions held in all cached sessions together (0 disables the cache) */
    public PrefixCache(int budget) {
        this.budget = budget;
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
        if (tokens.size() > budget) return;
        entries.addFirst(new Entry(tokens, session, logits));
        held += tokens.size();
        for (Iterator<Entry> it = entries.descendingIterator(); held > budget && it.hasNext(); ) {
            held -= it.next().tokens().size();
            it.remove();
        }
    }

    private static int commonPrefix(List<Integer> a, List<Integer> b) {
        int n = Math.min(a.size(), b.size());
        int i = 0;
        while (i < n && a.get(i).equals(b.get(i))) i++;
        return i;
    }
}
