package dev.jack.core.constraint;

import dev.jack.core.text.TextAnalysis;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything about one kind of constraint that does not depend on its parameters: its id, the
 * parameters it takes and how they are parsed, an example, the text analyses its checker uses, the
 * constraints it never shares a synthesized prompt with (and why), its hardness prior, and how prompts
 * with it are synthesized (phrasings, and a {@link Sketch} that samples parameters and shapes the witness).
 * Each constraint record declares one as {@code public static final ConstraintType<X> TYPE}, built with
 * {@link #builder}; a {@link ConstraintCatalog} registers it. See docs/adding-a-constraint.md.
 *
 * @param <C> the constraint record
 */
public final class ConstraintType<C extends Constraint> {
    private final String id;
    private final Function<Kwargs, C> parser;
    private final List<Parameter> parameters;
    private final C example;
    private final Set<TextAnalysis> analyses;
    private final Map<String, String> conflicts;
    private final String alone;
    private final double hardness;
    private final List<String> phrasings;
    private final int synthesisOrder;
    private final Supplier<? extends Sketch<C>> sketches;

    private ConstraintType(Builder<C> b) {
        this.id = b.id;
        this.parser = b.parser;
        this.parameters = List.copyOf(b.parameters);
        this.example = Objects.requireNonNull(b.example, () -> b.id + ": no example");
        this.analyses = b.analyses.isEmpty() ? Set.of() : Set.copyOf(b.analyses);
        this.conflicts = Map.copyOf(b.conflicts);
        this.alone = b.alone;
        this.hardness = b.hardness;
        this.phrasings = List.copyOf(b.phrasings);
        this.synthesisOrder = b.synthesisOrder;
        this.sketches = b.sketches;
        if (!(hardness >= 0 && hardness <= 1)) throw new IllegalArgumentException(id + ": hardness must be in [0, 1], got " + hardness);
        if ((sketches == null) != phrasings.isEmpty()) {
            throw new IllegalArgumentException(id + ": a synthesized constraint needs phrasings, and phrasings need synthesis");
        }
    }

    /**
     * Starts a type. {@code parser} reads the kwargs with {@link Kwargs}'s typed getters and builds the
     * record (whose constructor checks ranges); the registry rejects kwargs it did not read.
     */
    public static <C extends Constraint> Builder<C> builder(String id, Function<Kwargs, C> parser) {
        return new Builder<>(id, parser);
    }

    /** The id, as the reference spells it: {@code category:name}. */
    public String id() {
        return id;
    }

    /** The kwargs it takes, in the order {@code jack constraints} lists them. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Builds the constraint from raw kwargs (JSON values; nulls count as absent).
     *
     * @throws ParameterException for a missing, mistyped, out-of-range or unknown parameter
     */
    public C create(Map<String, ?> rawKwargs) {
        Kwargs kwargs = new Kwargs(rawKwargs);
        C c = parser.apply(kwargs);
        kwargs.rejectUnknown();
        return c;
    }

    /** A typical instance, for listings and tests. */
    public C example() {
        return example;
    }

    /** The text analyses its checker asks {@link dev.jack.core.text.TextTools} for. */
    public Set<TextAnalysis> analyses() {
        return analyses;
    }

    /**
     * The constraint ids it must not share a synthesized prompt with, each with the reason. A conflict
     * is declared on one side only; {@link ConstraintRegistry#conflict} looks at both.
     */
    public Map<String, String> conflicts() {
        return conflicts;
    }

    /**
     * Why it shares a synthesized prompt with no other constraint, if it does not: it dictates the whole
     * response (a copy of the request, a fixed sentence), or every word of it (each word on its own line,
     * an alphabet chain), which leaves no room for what other constraints add.
     */
    public Optional<String> alone() {
        return Optional.ofNullable(alone);
    }

    /** How hard it is for a model, from 0 (almost always followed) to 1 (almost never): a prior. */
    public double hardness() {
        return hardness;
    }

    /** Whether synthesis puts it in prompts. */
    public boolean isSynthesized() {
        return sketches != null;
    }

    /**
     * The ways a synthesized prompt states it: templates whose {@code {name}} placeholders are filled from
     * {@link Constraint#wordingValues()}, and where a name has no value (e.g. {@code {times}}) by that
     * word, made singular after a preceding 1. Empty when it is not synthesized.
     */
    public List<String> phrasings() {
        return phrasings;
    }

    /**
     * Where its sketch's steps run among those of the other constraints of a prompt, within every phase:
     * lower first. IFEval's use 10 to 240.
     */
    public int synthesisOrder() {
        return synthesisOrder;
    }

    /**
     * A fresh sketch for one synthesis attempt.
     *
     * @throws IllegalStateException when it is not synthesized
     */
    public Sketch<C> sketch() {
        if (sketches == null) throw new IllegalStateException(id + " is not synthesized");
        return sketches.get();
    }

    /**
     * Whether {@code id} is {@code category:name}: what the regular expression {@code [^\s:]+:[^\s]+} matches (Java's
     * {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return), checked by a scan. Every constraint
     * type checks its id as its class initializes, some 110 at each start of eval, before the first prompt is parsed;
     * String.matches compiled a Pattern for each. The registry's class initialization, in a fresh C1 JVM with an AOT
     * cache, took 30.0-38.3 ms of thread CPU time (median 33.2) with the regex and 28.2-39.0 ms (median 30.5) with the
     * scan (20 interleaved runs each, 2 cores under load); the C1 thread compiles less of the regex compiler besides.
     */
    static boolean isId(String id) {
        int colon = id.indexOf(':');
        if (colon < 1 || colon == id.length() - 1) return false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == ' ' || (c >= '\t' && c <= '\r')) return false;
        }
        return true;
    }

    /** Collects a type's parts; {@link #build()} checks them. */
    public static final class Builder<C extends Constraint> {
        private final String id;
        private final Function<Kwargs, C> parser;
        private List<Parameter> parameters = List.of();
        private C example;
        private final Set<TextAnalysis> analyses = EnumSet.noneOf(TextAnalysis.class);
        private final Map<String, String> conflicts = new LinkedHashMap<>();
        private String alone;
        private double hardness = 0.5;
        private List<String> phrasings = List.of();
        private int synthesisOrder;
        private Supplier<? extends Sketch<C>> sketches;

        private Builder(String id, Function<Kwargs, C> parser) {
            if (id == null || !isId(id)) throw new IllegalArgumentException("a constraint id is category:name, got " + id);
            this.id = id;
            this.parser = Objects.requireNonNull(parser);
        }

        /** The kwargs it takes, as {@code jack constraints} lists them (a test checks they are the example's). */
        public Builder<C> parameters(Parameter... parameters) {
            this.parameters = List.of(parameters);
            return this;
        }

        /** A typical instance (required): listings show its description. */
        public Builder<C> example(C example) {
            this.example = example;
            return this;
        }

        /** The text analyses the checker asks {@link dev.jack.core.text.TextTools} for. */
        public Builder<C> analyses(TextAnalysis... analyses) {
            this.analyses.addAll(List.of(analyses));
            return this;
        }

        /** This constraint and {@code otherId} never share a synthesized prompt, because of {@code reason}. */
        public Builder<C> conflict(String otherId, String reason) {
            if (otherId.equals(id)) throw new IllegalArgumentException(id + ": a constraint cannot conflict with itself");
            conflicts.put(otherId, reason);
            return this;
        }

        /** It never shares a synthesized prompt with another constraint, because of {@code reason} ({@link ConstraintType#alone()}). */
        public Builder<C> alone(String reason) {
            this.alone = Objects.requireNonNull(reason);
            return this;
        }

        /** The prior in [0, 1] (default 0.5). */
        public Builder<C> hardness(double hardness) {
            this.hardness = hardness;
            return this;
        }

        /** The ways a synthesized prompt states it (see {@link ConstraintType#phrasings()}); three or more. */
        public Builder<C> phrasings(String... phrasings) {
            this.phrasings = List.of(phrasings);
            return this;
        }

        /**
         * Makes it synthesized: {@code sketches} gives one {@link Sketch} per attempt (a shared one when it
         * keeps no state), whose steps run at {@code order} within each phase.
         */
        public Builder<C> synthesis(int order, Supplier<? extends Sketch<C>> sketches) {
            this.synthesisOrder = order;
            this.sketches = Objects.requireNonNull(sketches);
            return this;
        }

        /**
         * The type.
         *
         * @throws NullPointerException without an example
         * @throws IllegalArgumentException for a hardness outside [0, 1], or phrasings without synthesis or the reverse
         */
        public ConstraintType<C> build() {
            return new ConstraintType<>(this);
        }
    }
}
