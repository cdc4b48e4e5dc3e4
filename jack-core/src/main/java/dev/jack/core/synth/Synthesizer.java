package dev.jack.core.synth;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.constraint.Witness;
import dev.jack.core.constraint.ifeval.IfevalCatalog;
import dev.jack.core.data.Decontamination;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.Literals;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Makes prompts: a base task plus k compatible constraints with sampled parameters, phrased in varied
 * words and positions, each with a witness response that passes every constraint under the strict
 * checker. A prompt whose witness fails is dropped and counted. Every random choice of attempt n comes
 * from a generator seeded by (seed, n), so the same options give the same output. What each constraint
 * contributes (parameters, witness shape, wordings, conflicts, hardness) is in its
 * {@link ConstraintType}; an attempt runs their {@link Sketch}es phase by phase.
 */
public final class Synthesizer {
    /**
     * What to make. {@code heldOutPairs} are constraint pairs ("a|b", sorted) that must not co-occur;
     * {@code constraints} are the ids to draw from (registered and synthesized), in drawing order. With
     * {@code thresholds}, a prompt's tier is measured instead of drawn: its predicted pass rate, the product of its
     * constraints' pass rates (1 − hardness, measured ones when the hardness came from {@code jack score}), binned by
     * the thresholds; with a tier other than mixed, prompts predicted outside it are dropped and counted.
     */
    public record Options(long seed, int minConstraints, int maxConstraints, Difficulty difficulty,
                          Hardness hardness, Set<String> heldOutPairs, List<String> constraints, DifficultyThresholds thresholds) {
        public Options {
            constraints = List.copyOf(constraints);
            if (new HashSet<>(constraints).size() != constraints.size()) throw new IllegalArgumentException("a constraint is listed twice: " + constraints);
            for (String id : constraints) {
                if (!ConstraintRegistry.type(id).isSynthesized()) throw new IllegalArgumentException(id + " is not synthesized");
            }
            if (minConstraints < 1 || maxConstraints < minConstraints || maxConstraints > constraints.size()) {
                throw new IllegalArgumentException("constraints per prompt must be a range within 1-" + constraints.size()
                        + ", got " + minConstraints + "-" + maxConstraints);
            }
        }

        /** Tiers as drawn (no thresholds). */
        public Options(long seed, int minConstraints, int maxConstraints, Difficulty difficulty, Hardness hardness,
                       Set<String> heldOutPairs, List<String> constraints) {
            this(seed, minConstraints, maxConstraints, difficulty, hardness, heldOutPairs, constraints, null);
        }

        /** Drawing from IFEval's synthesized constraints ({@link #synthesized(String)}), tiers as drawn. */
        public Options(long seed, int minConstraints, int maxConstraints, Difficulty difficulty, Hardness hardness,
                       Set<String> heldOutPairs) {
            this(seed, minConstraints, maxConstraints, difficulty, hardness, heldOutPairs, synthesized(IfevalCatalog.SOURCE));
        }
    }

    /** The synthesized constraints of a source, in registration order. */
    public static List<String> synthesized(String source) {
        return ConstraintRegistry.ids(source).stream().filter(id -> ConstraintRegistry.type(id).isSynthesized()).toList();
    }

    /** What {@code jack synth --catalog} takes besides a source name: every registered source's constraints. */
    public static final String ALL = "all";

    /**
     * The synthesized constraints of a catalog: a source ({@code ifeval}, {@code ifbench}, {@code ifevalg}, or
     * a user's), or {@link #ALL} for every source's, source by source in registration order.
     *
     * @throws IllegalArgumentException for a name that is neither, listing the choices
     */
    public static List<String> catalog(String name) {
        List<String> sources = ConstraintRegistry.sources();
        if (name.equals(ALL)) return sources.stream().flatMap(source -> synthesized(source).stream()).toList();
        if (!sources.contains(name)) {
            throw new IllegalArgumentException("unknown catalog \"" + name + "\": choose " + String.join(", ", sources) + " or " + ALL);
        }
        return synthesized(name);
    }
    /** Why an attempt was dropped other than a witness failing a constraint. */
    private static final String CONTAMINATED = "overlaps an evaluation prompt";
    private static final String OUTSIDE_TIER = "outside the measured difficulty tier";

    private final List<BaseTask> tasks;
    private final Decontamination decontamination;
    private final Options options;
    private final TextTools text;
    private final Verifier verifier;
    private final SynthStats stats;
    private final Set<Long> seenPrompts = new HashSet<>();
    /** The constraints to draw from, in {@code options.constraints()} order. */
    private final List<ConstraintType<?>> candidates;
    /** combinable[i][j]: constraints i and j may share a prompt (compatible and not held out). */
    private final boolean[][] combinable;
    private final Map<Difficulty, double[]> tierWeights = new java.util.EnumMap<>(Difficulty.class);

    public Synthesizer(List<BaseTask> tasks, Options options, TextTools text, SynthStats stats) {
        this(tasks, options, text, stats, null);
    }

    /**
     * A synthesizer that also drops prompts overlapping evaluation prompts ({@link Decontamination#promptOverlaps};
     * the base tasks are the caller's to check), counting them in the stats.
     */
    public Synthesizer(List<BaseTask> tasks, Options options, TextTools text, SynthStats stats, Decontamination decontamination) {
        if (tasks.isEmpty()) throw new IllegalArgumentException("no base tasks");
        this.decontamination = decontamination;
        this.tasks = tasks;
        this.options = options;
        this.text = text;
        this.verifier = new Verifier(text);
        this.stats = stats;
        stats.drawingFrom(options.constraints());
        candidates = options.constraints().stream().<ConstraintType<?>>map(ConstraintRegistry::type).toList();
        int n = candidates.size();
        combinable = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                String a = candidates.get(i).id();
                String b = candidates.get(j).id();
                combinable[i][j] = compatible(a, b) && !options.heldOutPairs().contains(pairKey(a, b));
            }
        }
        for (Difficulty tier : Difficulty.values()) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) w[i] = tier.weight(options.hardness().of(candidates.get(i).id()));
            tierWeights.put(tier, w);
        }
    }

    /**
     * What one attempt produced: a prompt without its key yet, or the reason it was dropped ({@code droppedBecause},
     * null for a prompt).
     */
    public record Outcome(String prompt, List<Constraint> constraints, BaseTask task, Difficulty difficulty,
                          long seed, String witness, Double predictedPassRate, String droppedBecause) {
        /** Whether the attempt made a prompt (nothing dropped it). */
        public boolean made() {
            return droppedBecause == null;
        }

        /** The hash by which a prompt that differs from an earlier one only in case and whitespace is a duplicate. */
        public long promptHash() {
            return normalizedHash(prompt);
        }

        /** The prompt made, with its key. */
        public SynthesizedPrompt withKey(long key) {
            return new SynthesizedPrompt(key, prompt, constraints, task, difficulty, seed, witness, predictedPassRate);
        }

        /** Counts a dropped attempt into the statistics, by why it was dropped. */
        public void countDrop(SynthStats stats) {
            if (droppedBecause == CONTAMINATED) stats.contaminated();
            else if (droppedBecause == OUTSIDE_TIER) stats.outsideTier();
            else stats.dropped(droppedBecause);
        }
    }

    /**
     * Makes {@code count} unique prompts with keys firstKey, firstKey+1, ..., handing each to the sink in
     * order. Attempts are independent, so batches of them run on {@code threads} threads; they are
     * accepted strictly in attempt order, so the output does not depend on the thread count.
     */
    public void run(int count, long firstKey, int threads, Consumer<SynthesizedPrompt> sink) {
        java.util.concurrent.ForkJoinPool pool = threads > 1 ? new java.util.concurrent.ForkJoinPool(threads) : null;
        try {
            long key = firstKey;
            int made = 0;
            int failuresInARow = 0;
            int batch = threads > 1 ? 512 : 1;
            // The next batch is attempted while this one is accepted and written (attempts depend on their index only).
            java.util.concurrent.ForkJoinTask<Outcome[]> ahead = pool == null ? null : pool.submit(() -> attempts(0, batch));
            for (long next = 0; made < count; next += batch) {
                Outcome[] outcomes;
                if (pool == null) {
                    outcomes = new Outcome[] {attempt(next)};
                } else {
                    outcomes = ahead.join();
                    long following = next + batch;
                    ahead = pool.submit(() -> attempts(following, batch));
                }
                for (Outcome o : outcomes) {
                    if (made == count) break;
                    if (!o.made()) {
                        o.countDrop(stats);
                    } else if (!seenPrompts.add(o.promptHash())) {
                        stats.duplicate();
                    } else {
                        SynthesizedPrompt p = o.withKey(key++);
                        sink.accept(p);
                        stats.accept(p);
                        made++;
                        failuresInARow = 0;
                        continue;
                    }
                    if (++failuresInARow > 10_000) {
                        throw new IllegalStateException("no new prompt in 10,000 attempts after " + made
                                + ": the options leave too few distinct prompts");
                    }
                }
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    /** Attempts {@code base} to {@code base + n - 1}, in parallel (on the pool that runs this). */
    private Outcome[] attempts(long base, int n) {
        Outcome[] outcomes = new Outcome[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> outcomes[i] = attempt(base + i));
        return outcomes;
    }

    /** Single-threaded {@link #run(int, long, int, Consumer)}. */
    public void run(int count, long firstKey, Consumer<SynthesizedPrompt> sink) {
        run(count, firstKey, 1, sink);
    }

    /**
     * Attempt number {@code attempt} (0, 1, ...) on its own: its outcome depends only on the options and the number, so
     * attempts may run anywhere in any order. {@link #run} accepts outcomes in attempt order: the first {@code count}
     * made prompts whose {@link Outcome#promptHash} no earlier made prompt has, keyed in that order; a distributed
     * run that does the same gets the same prompts. Thread-safe.
     */
    public Outcome attempt(long attempt) {
        long seed = dev.jack.core.Seeds.attempt(options.seed(), attempt);
        SplittableRandom rng = new SplittableRandom(seed);
        BaseTask task = tasks.get(rng.nextInt(tasks.size()));
        Difficulty tier = options.difficulty() == Difficulty.MIXED
                ? Difficulty.values()[rng.nextInt(3)] : options.difficulty();
        int lo = Math.max(options.minConstraints(), tier.minConstraints);
        int hi = Math.min(options.maxConstraints(), tier.maxConstraints);
        if (lo > hi) {
            lo = options.minConstraints();
            hi = options.maxConstraints();
        }
        int k = lo + rng.nextInt(hi - lo + 1);
        List<ConstraintType<?>> chosen = choose(rng, k, tier);
        if (chosen.size() < k) return dropped(seed, "no compatible constraint set");
        Attempt draft = new Attempt(rng, task, chosen);
        Optional<String> failure = draft.build();
        if (failure.isPresent()) return dropped(seed, failure.get());
        String prompt = draft.prompt();
        Double predicted = null;
        if (options.thresholds() != null) {
            double pass = 1;
            for (Constraint c : draft.constraints) pass *= 1 - options.hardness().of(c.id());
            predicted = pass;
            tier = options.thresholds().tierOf(pass);
            if (options.difficulty() != Difficulty.MIXED && tier != options.difficulty()) return dropped(seed, OUTSIDE_TIER);
        }
        if (decontamination != null && decontamination.promptOverlaps(prompt)) return dropped(seed, CONTAMINATED);
        return new Outcome(prompt, draft.constraints, task, tier, seed, draft.witnessText, predicted, null);
    }

    private static Outcome dropped(long seed, String reason) {
        return new Outcome(null, null, null, null, seed, null, null, reason);
    }

    /** 64-bit hash of the prompt with case and whitespace runs normalized. */
    static long normalizedHash(String prompt) {
        long h = 0xcbf29ce484222325L;
        boolean space = false;
        for (int i = 0; i < prompt.length(); i++) {
            char c = prompt.charAt(i);
            if (PyText.isSpace(c)) {
                space = true;
                continue;
            }
            if (space) h = (h ^ ' ') * 0x100000001b3L;
            space = false;
            h = (h ^ Character.toLowerCase(c)) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * Draws up to k constraints one by one, each weighted by the tier and compatible with those drawn
     * before; constraints that are always alone are drawn only when k is 1.
     */
    private List<ConstraintType<?>> choose(SplittableRandom rng, int k, Difficulty tier) {
        int n = candidates.size();
        boolean[] allowed = new boolean[n];
        for (int i = 0; i < n; i++) allowed[i] = k == 1 || candidates.get(i).alone().isEmpty();
        double[] weight = tierWeights.get(tier);
        List<ConstraintType<?>> chosen = new ArrayList<>(k);
        while (chosen.size() < k) {
            double total = 0;
            for (int i = 0; i < n; i++) if (allowed[i]) total += weight[i];
            if (total == 0) break;
            double r = rng.nextDouble() * total;
            int pick = -1;
            for (int i = 0; i < n && r >= 0; i++) {
                if (!allowed[i]) continue;
                pick = i;
                r -= weight[i];
            }
            chosen.add(candidates.get(pick));
            for (int i = 0; i < n; i++) allowed[i] &= combinable[pick][i];
        }
        return chosen;
    }

    /** Whether two different constraints may share a prompt: neither declares a conflict with the other. */
    static boolean compatible(String a, String b) {
        return !a.equals(b) && ConstraintRegistry.conflict(a, b).isEmpty();
    }

    static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /** One attempt: the chosen constraints' sketches run phase by phase on a shared witness. */
    private final class Attempt implements Draft {
        private final SplittableRandom rng;
        private final BaseTask task;
        private final List<ConstraintType<?>> types;
        /** The sketches, in the order of {@code types}. */
        private final Sketch<?>[] sketches;
        /** Indexes into {@code types}, by synthesis order (ties in drawing order). */
        private final int[] order;
        private String language = "en";
        private List<String> pool = Vocabulary.ENGLISH;
        /** The pool in a random order, used up before any sentence repeats. */
        private final List<String> deck = new ArrayList<>();
        private final Set<String> usedWords = new HashSet<>();
        private int blockCount;
        private boolean frontMatter;
        private boolean taskFirst;
        private Witness witness;
        String witnessText;
        List<Constraint> constraints;

        Attempt(SplittableRandom rng, BaseTask task, List<ConstraintType<?>> types) {
            this.rng = rng;
            this.task = task;
            this.types = types;
            int k = types.size();
            sketches = new Sketch<?>[k];
            order = new int[k];
            for (int i = 0; i < k; i++) {
                sketches[i] = types.get(i).sketch();
                int at = i;
                while (at > 0 && types.get(order[at - 1]).synthesisOrder() > types.get(i).synthesisOrder()) {
                    order[at] = order[at - 1];
                    at--;
                }
                order[at] = i;
            }
        }

        /** Runs the phases; returns the id of the constraint the draft could not carry or whose check the witness fails. */
        Optional<String> build() {
            for (int i : order) sketches[i].vocabulary(this);
            blockCount = between(1, 3);
            for (int i : order) sketches[i].layout(this);
            List<String> firsts = new ArrayList<>(blockCount);
            for (int b = 0; b < blockCount; b++) firsts.add(sentence());
            witness = new Witness(firsts);
            for (int i : order) sketches[i].content(this);
            for (int i : order) sketches[i].length(this);
            witnessText = witness.render();
            Constraint[] made = new Constraint[sketches.length];
            for (int i : order) {
                made[i] = sketches[i].finish(this);
                if (made[i] == null) return Optional.of(types.get(i).id());
            }
            constraints = List.of(made);
            for (Constraint c : constraints) {
                if (!verifier.follows(c, witnessText)) return Optional.of(c.id());
            }
            return Optional.empty();
        }

        /** The prompt text: the task and the constraint wordings, some of them maybe before the task. */
        String prompt() {
            List<String> sentences = new ArrayList<>(constraints.size());
            for (Constraint c : constraints) sentences.add(Phrasings.fill(pick(c.type().phrasings()), c.wordingValues()));
            for (int i = sentences.size() - 1; i > 0; i--) java.util.Collections.swap(sentences, i, rng.nextInt(i + 1));
            // A repeated request must be the prompt's first sentence; otherwise vary where constraints go.
            int before = taskFirst ? 0 : switch (rng.nextInt(5)) {
                case 0 -> sentences.size();
                case 1 -> rng.nextInt(sentences.size() + 1);
                default -> 0;
            };
            List<String> parts = new ArrayList<>(sentences.subList(0, before));
            parts.add(task.text());
            parts.addAll(sentences.subList(before, sentences.size()));
            return String.join(" ", parts);
        }

        public int nextInt(int bound) {
            return rng.nextInt(bound);
        }

        public int between(int lo, int hi) {
            return lo + rng.nextInt(hi - lo + 1);
        }

        public <T> T pick(List<T> list) {
            return list.get(rng.nextInt(list.size()));
        }

        public Relation relation() {
            return rng.nextBoolean() ? Relation.AT_LEAST : Relation.LESS_THAN;
        }

        public boolean has(String id) {
            for (ConstraintType<?> t : types) if (t.id().equals(id)) return true;
            return false;
        }

        public String taskText() {
            return task.text();
        }

        public void keepTaskFirst() {
            taskFirst = true;
        }

        public String language() {
            return language;
        }

        public void setLanguage(String language, List<String> sentences) {
            this.language = language;
            this.pool = sentences;
        }

        public List<String> pool() {
            return pool;
        }

        public void setPool(List<String> sentences) {
            pool = sentences;
        }

        public List<String> freshKeywords(int n) {
            List<String> out = new ArrayList<>(n);
            while (out.size() < n) {
                String word = pick(Vocabulary.KEYWORDS);
                boolean inTask = Literals.containsWholeWordIgnoreCase(task.text(), word);
                if (!inTask && usedWords.add(word)) out.add(word);
            }
            return out;
        }

        public String keywordSentence(String keyword) {
            return pick(Vocabulary.KEYWORD_SENTENCES).replace("{}", keyword);
        }

        public int blockCount() {
            return blockCount;
        }

        public void setBlockCount(int blocks) {
            blockCount = blocks;
        }

        public void reserveFrontMatter() {
            frontMatter = true;
        }

        public boolean hasFrontMatter() {
            return frontMatter;
        }

        public String sentence() {
            if (deck.isEmpty()) {
                deck.addAll(pool);
                for (int i = deck.size() - 1; i > 0; i--) java.util.Collections.swap(deck, i, rng.nextInt(i + 1));
            }
            return deck.removeLast();
        }

        public Witness witness() {
            return witness;
        }

        public void addSentence(String sentence) {
            witness.proseLine(rng.nextInt(witness.proseLineCount())).sentences().add(sentence);
        }

        public TextTools text() {
            return text;
        }

        public String witnessText() {
            return witnessText;
        }
    }
}
