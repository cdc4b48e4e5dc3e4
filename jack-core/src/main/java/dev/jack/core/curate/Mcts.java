package dev.jack.core.curate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Monte Carlo Tree Search over one response, a step at a time, for preference pairs that share a prefix.
 *
 * <p>A node is a response prefix ending at a step boundary ({@link Steps}). Expanding a node asks the model for k
 * continuations of its text in one call; each continuation's first step becomes a child (duplicates are
 * dropped) and the rest of it is that child's rollout, whose verified reward is the child's first value.
 * Selection follows PUCT, {@code Q + c·P·sqrt(N_parent)/(1+N)}, with Q the mean reward in [0, 1] and P uniform
 * or the softmax of the steps' mean token logprobs. Backup adds the reward to every node on the path, and each
 * node keeps the best and the worst finished response below it. The schedule runs S_root simulations at the
 * root, then S at each later root, advancing to the most-visited child, for D levels; one last rollout from
 * the final node finishes the search's own response.
 *
 * <p>Pairs: at a node with two or more children visited at least twice, the child with the highest Q against
 * the one with the lowest, if their Q gap reaches the threshold; the texts are the best finished response
 * under the first and the worst under the second, which share the node's prefix, and their realized rewards
 * must differ. The root also gives one depth-0 pair (no shared prefix), the stand-in for a rejection-sampling pair
 * from the same samples: the highest-Q against the lowest-Q root child whatever their visits (no "visited at least
 * twice") and whatever their Q gap (no minimum Q gap, as rejection sampling's default minimum gap is 0), as long as
 * the realized rewards differ; it is not counted in the per-prompt cap. A finished response with a {@link Flaw} (cut
 * off, empty, control-token text: see the {@link Screen}) is never a pair's chosen one: the chosen text is the best
 * flawless response under the high child, and a node without one gives no pair. Flawed responses still count in the
 * search's values and may be rejected.
 */
public final class Mcts {
    /** The search's knobs; {@link #DEFAULT} and {@link #LEAN} are the documented presets. */
    public record Settings(int k, int kRoot, int simulationsRoot, int simulations, int depth, double exploration,
                           boolean logprobPrior, double minQGap, int maxPairs, int minStepTokens, int maxStepTokens) {
        public static final Settings DEFAULT = new Settings(4, 6, 16, 8, 4, 1.0, false, 0.1, 4, 16, 128);
        public static final Settings LEAN = new Settings(3, 3, 8, 4, 3, 1.0, false, 0.1, 4, 16, 128);

        public Settings {
            if (k < 2 || kRoot < 2) throw new IllegalArgumentException("k must be at least 2 (a node needs two children to make a pair)");
            if (simulationsRoot < 1 || simulations < 1) throw new IllegalArgumentException("simulations must be at least 1");
            if (depth < 1) throw new IllegalArgumentException("depth must be at least 1");
            if (maxPairs < 1) throw new IllegalArgumentException("at most pairs per prompt must be at least 1");
            if (minStepTokens < 1 || maxStepTokens < minStepTokens) {
                throw new IllegalArgumentException("the step window must satisfy 1 <= min <= max, got " + minStepTokens + "-" + maxStepTokens);
            }
        }
    }

    /**
     * A continuation the model wrote: its text, the token texts (empty if unknown), the tokens' logprobs
     * (empty if unknown), how many tokens it generated, and whether it ended on its own (not at the length limit).
     */
    public record Continuation(String text, List<String> tokens, List<Double> logprobs, int generatedTokens, boolean finished) {
        public Continuation {
            tokens = List.copyOf(tokens);
            logprobs = List.copyOf(logprobs);
        }
    }

    /** Continues a response prefix k times in one call (blocking); the seed makes the call repeatable. */
    public interface Generator {
        List<Continuation> continueFrom(String responsePrefix, int k, long seed);
    }

    /** A response's overall reward and its strict and loose rewards. */
    public record Outcome(double reward, double strict, double loose) {}

    /** Verifies a finished response. */
    public interface Scorer {
        Outcome score(String response);
    }

    /** Says what keeps a finished response from being chosen: its text and whether the model ended it; null when nothing. */
    public interface Screen {
        Flaw flaw(String response, boolean stopped);
    }

    /**
     * A finished response: its text, its rewards, whether the model ended it (rather than the token limit), and what
     * keeps it from being chosen (null: nothing).
     */
    public record Finished(String text, Outcome outcome, boolean stopped, Flaw flaw) {}

    /** A pair and where it came from: the shared prefix, the node's depth in steps, the two children's visits and Q. */
    public record Pair(Finished chosen, Finished rejected, String prefix, int prefixTokens, int depth,
                       int chosenVisits, int rejectedVisits, double chosenQ, double rejectedQ) {}

    /** What one search produced and cost, and how many of its finished responses could not be chosen, by flaw. */
    public record Result(List<Pair> pairs, Pair rootPair, Finished response, int calls, long generatedTokens, int nodes, Map<Flaw, Integer> excluded) {}

    private static final class Node {
        final Node parent;
        final String prefix;
        final int prefixTokens;
        final int depth;
        final boolean terminal;
        double prior = 1;
        final List<Node> children = new ArrayList<>();
        boolean expanded;
        int visits;
        double rewardSum;
        Finished best;
        Finished worst;
        /** The best finished response below that may be chosen. */
        Finished bestChoosable;

        Node(Node parent, String prefix, int prefixTokens, boolean terminal) {
            this.parent = parent;
            this.prefix = prefix;
            this.prefixTokens = prefixTokens;
            this.depth = parent == null ? 0 : parent.depth + 1;
            this.terminal = terminal;
        }

        double q() {
            return visits == 0 ? 0 : rewardSum / visits;
        }
    }

    private final Generator generator;
    private final Scorer scorer;
    private final Screen screen;
    private final Settings settings;
    private final long seed;
    private int calls;
    private long generatedTokens;
    private int nodes = 1;
    private final Map<Flaw, Integer> excluded = new EnumMap<>(Flaw.class);

    private Mcts(Generator generator, Scorer scorer, Screen screen, Settings settings, long seed) {
        this.generator = generator;
        this.scorer = scorer;
        this.screen = screen;
        this.settings = settings;
        this.seed = seed;
    }

    /** Searches one prompt's response tree. The same generator answers and seed give the same result. */
    public static Result search(Generator generator, Scorer scorer, Screen screen, Settings settings, long seed) {
        return new Mcts(generator, scorer, screen, settings, seed).run();
    }

    private Result run() {
        Node root = new Node(null, "", 0, false);
        Node current = root;
        for (int level = 0; level < settings.depth() && !current.terminal; level++) {
            int simulations = level == 0 ? settings.simulationsRoot() : settings.simulations();
            for (int s = 0; s < simulations; s++) simulate(current);
            if (current.children.isEmpty()) break;
            current = mostVisited(current);
        }
        Finished response = current.terminal ? current.best : finish(current);
        List<Pair> pairs = new ArrayList<>();
        collectPairs(root, pairs);
        pairs.sort(Comparator.comparingInt(Pair::depth).reversed()
                .thenComparing(Comparator.comparingDouble((Pair p) -> p.chosenQ() - p.rejectedQ()).reversed()));
        return new Result(List.copyOf(pairs.subList(0, Math.min(pairs.size(), settings.maxPairs()))), rootPair(root),
                response, calls, generatedTokens, nodes, Map.copyOf(excluded));
    }

    private void simulate(Node from) {
        Node node = from;
        while (node.expanded && !node.terminal && !node.children.isEmpty()) node = select(node);
        if (node.terminal || node.expanded) {
            backup(node, node.best);
        } else {
            expand(node, node.parent == null ? settings.kRoot() : settings.k());
        }
    }

    private Node select(Node node) {
        double priorSum = node.children.stream().mapToDouble(c -> c.prior).sum();
        double sqrtVisits = Math.sqrt(node.visits);
        Node best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Node c : node.children) {
            double score = c.q() + settings.exploration() * (c.prior / priorSum) * sqrtVisits / (1 + c.visits);
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    /** One call for k continuations; each new first step becomes a child whose rollout is backed up. */
    private void expand(Node node, int k) {
        List<Continuation> continuations = call(node, k);
        node.expanded = true;
        Set<String> steps = new HashSet<>();
        for (Node c : node.children) steps.add(c.prefix.substring(node.prefix.length()));
        List<Node> added = new ArrayList<>();
        List<Double> meanLogprobs = new ArrayList<>();
        for (Continuation c : continuations) {
            int[] ends = Steps.tokenEnds(c.text(), c.tokens());
            int stepChars = Steps.firstStep(c.text(), ends, settings.minStepTokens(), settings.maxStepTokens());
            String step = c.text().substring(0, stepChars);
            if (!steps.add(step)) continue;
            int stepTokens = Steps.tokensIn(ends, stepChars);
            Node child = new Node(node, node.prefix + step, node.prefixTokens + stepTokens, c.finished() && stepChars == c.text().length());
            nodes++;
            node.children.add(child);
            added.add(child);
            meanLogprobs.add(c.logprobs().size() >= stepTokens && stepTokens > 0
                    ? c.logprobs().subList(0, stepTokens).stream().mapToDouble(Double::doubleValue).average().orElse(0) : Double.NaN);
            backup(child, finished(node.prefix + c.text(), c.finished()));
        }
        if (settings.logprobPrior() && meanLogprobs.stream().noneMatch(m -> m.isNaN())) {
            double max = meanLogprobs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            for (int i = 0; i < added.size(); i++) added.get(i).prior = Math.exp(meanLogprobs.get(i) - max);
        }
    }

    /** The final rollout: one continuation of the node to the end, backed up through the node. */
    private Finished finish(Node node) {
        Continuation c = call(node, 1).getFirst();
        Finished finished = finished(node.prefix + c.text(), c.finished());
        backup(node, finished);
        return finished;
    }

    /** A rollout's response, scored and screened (each counted once, when it is made). */
    private Finished finished(String text, boolean stopped) {
        Flaw flaw = screen.flaw(text, stopped);
        if (flaw != null) excluded.merge(flaw, 1, Integer::sum);
        return new Finished(text, scorer.score(text), stopped, flaw);
    }

    private List<Continuation> call(Node node, int k) {
        List<Continuation> continuations = generator.continueFrom(node.prefix, k, callSeed());
        calls++;
        if (continuations.isEmpty()) throw new IllegalStateException("the model returned no continuation for a request of " + k);
        for (Continuation c : continuations) generatedTokens += c.generatedTokens();
        return continuations;
    }

    private long callSeed() {
        return dev.jack.core.Seeds.call(seed, calls + 1);
    }

    private static void backup(Node from, Finished finished) {
        for (Node n = from; n != null; n = n.parent) {
            n.visits++;
            n.rewardSum += finished.outcome().reward();
            if (n.best == null || finished.outcome().reward() > n.best.outcome().reward()) n.best = finished;
            if (n.worst == null || finished.outcome().reward() < n.worst.outcome().reward()) n.worst = finished;
            if (finished.flaw() == null && (n.bestChoosable == null || finished.outcome().reward() > n.bestChoosable.outcome().reward())) {
                n.bestChoosable = finished;
            }
        }
    }

    /** The child with the most visits (ties: higher Q, then the earlier child). */
    private static Node mostVisited(Node node) {
        Node best = node.children.getFirst();
        for (Node c : node.children) {
            if (c.visits > best.visits || c.visits == best.visits && c.q() > best.q()) best = c;
        }
        return best;
    }

    private void collectPairs(Node node, List<Pair> pairs) {
        if (node.depth > 0) {
            List<Node> visited = node.children.stream().filter(c -> c.visits >= 2).toList();
            if (visited.size() >= 2) {
                Pair p = pair(node, visited);
                if (p != null && p.chosenQ() - p.rejectedQ() >= settings.minQGap()) pairs.add(p);
            }
        }
        for (Node c : node.children) collectPairs(c, pairs);
    }

    private Pair rootPair(Node root) {
        return root.children.size() < 2 ? null : pair(root, root.children);
    }

    /**
     * Highest-Q child against lowest-Q child (earlier children first on ties), if the high child has a response that may
     * be chosen and the realized rewards differ.
     */
    private static Pair pair(Node node, List<Node> candidates) {
        Node hi = candidates.getFirst();
        Node lo = candidates.getFirst();
        for (Node c : candidates) {
            if (c.q() > hi.q()) hi = c;
            if (c.q() < lo.q()) lo = c;
        }
        if (hi == lo || hi.bestChoosable == null || hi.bestChoosable.outcome().reward() <= lo.worst.outcome().reward()) return null;
        return new Pair(hi.bestChoosable, lo.worst, node.prefix, node.prefixTokens, node.depth, hi.visits, lo.visits, hi.q(), lo.q());
    }
}
