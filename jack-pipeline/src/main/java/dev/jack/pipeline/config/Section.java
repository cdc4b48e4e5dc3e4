package dev.jack.pipeline.config;

import dev.jack.core.Choices;
import dev.jack.pipeline.IntRange;
import dev.jack.core.OptionException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One mapping of a config file (the whole file, or a section such as {@code sample} or {@code curate.rs}) read into
 * typed values. Each getter names a key this section knows and returns its value or the default; {@link #build}
 * then makes the options record from them and turns what is wrong into one {@link ConfigException} of the form
 * {@code file:line: section.key: expected ..., got ...}: a value of the wrong type, a value the record refuses, a key
 * no getter asked for (listing the keys that are known here). Keys appear once per mapping.
 */
public final class Section {
    private final String file;
    private final String path;
    private final int line;
    private final boolean present;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    /** Keys whose value had the wrong type: the original text, shown instead of the stand-in value given to the record. */
    private final Map<String, String> typeErrors = new LinkedHashMap<>();
    private final Map<String, String> wanted = new LinkedHashMap<>();

    private static final class Values extends SafeConstructor {
        Values() {
            super(new LoaderOptions());
        }

        Object of(Node node) {
            return constructObject(node);
        }
    }

    private static final Values VALUES = new Values();

    Section(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.line = node == null ? 1 : node.getStartMark().getLine() + 1;
        this.present = node != null && !isNull(node);
        if (node == null || isNull(node)) return;
        if (!(node instanceof MappingNode mapping)) throw error(line, path, "expected a mapping of keys to values, got " + describe(node));
        for (NodeTuple t : mapping.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            int keyLine = t.getKeyNode().getStartMark().getLine() + 1;
            if (key == null) throw error(keyLine, path, "keys must be plain names");
            NodeTuple first = entries.putIfAbsent(key, t);
            if (first != null) {
                throw error(keyLine, qualified(key), "duplicate key (first given at line " + (first.getKeyNode().getStartMark().getLine() + 1) + ")");
            }
        }
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && VALUES.of(s) == null;
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private ConfigException error(int at, String where, String detail) {
        return new ConfigException(file + ":" + at + ": " + (where.isEmpty() ? "" : where + ": ") + detail);
    }

    private int lineOf(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? line : t.getKeyNode().getStartMark().getLine() + 1;
    }

    /** A nested section ({@code curate} holds {@code rs} and {@code mcts}); empty when the key is absent. */
    public Section section(String key) {
        known.add(key);
        NodeTuple t = entries.get(key);
        return new Section(file, qualified(key), t == null ? null : t.getValueNode());
    }

    /** Whether the file gives this section at all (an empty mapping counts). */
    public boolean present() {
        return present;
    }

    /** The raw scalar value of a key, or null. */
    private Object scalar(String key, String expected) {
        known.add(key);
        wanted.put(key, expected);
        NodeTuple t = entries.get(key);
        if (t == null) return null;
        Node v = t.getValueNode();
        if (!(v instanceof ScalarNode)) {
            typeErrors.put(key, describe(v));
            return null;
        }
        return VALUES.of(v);
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        Object v = VALUES.of(node);
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    private void wrongType(String key) {
        typeErrors.put(key, describe(entries.get(key).getValueNode()));
    }

    /** A whole number; a value of another type gets a stand-in that the record's range check refuses. */
    public int whole(String key, int otherwise) {
        Object v = scalar(key, "a whole number");
        if (v == null) return typeErrors.containsKey(key) ? Integer.MIN_VALUE : otherwise;
        if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() == ((Number) v).intValue()) return ((Number) v).intValue();
        if (!typeErrors.containsKey(key)) wrongType(key);
        return Integer.MIN_VALUE;
    }

    /** A whole number that may be larger than an int (a seed). */
    public long wholeLong(String key, long otherwise) {
        Object v = scalar(key, "a whole number");
        if (v == null) return otherwise;
        if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
        if (!typeErrors.containsKey(key)) wrongType(key);
        return otherwise;
    }

    /** An optional whole number. */
    public Integer optionalWhole(String key) {
        return given(key) ? Integer.valueOf(whole(key, 0)) : nothing(key, "a whole number");
    }

    /** A number (whole or not). */
    public double number(String key, double otherwise) {
        Object v = scalar(key, "a number");
        if (v == null) return typeErrors.containsKey(key) ? Double.NaN : otherwise;
        if (v instanceof Number n && !(v instanceof java.math.BigInteger)) return n.doubleValue();
        if (!typeErrors.containsKey(key)) wrongType(key);
        return Double.NaN;
    }

    /** An optional number. */
    public Double optionalNumber(String key) {
        return given(key) ? Double.valueOf(number(key, Double.NaN)) : nothing(key, "a number");
    }

    /** true or false. */
    public boolean flag(String key, boolean otherwise) {
        Object v = scalar(key, "true or false");
        if (v == null) return otherwise;
        if (v instanceof Boolean b) return b;
        if (!typeErrors.containsKey(key)) wrongType(key);
        return otherwise;
    }

    /** A text; numbers and booleans are taken as their text (a model named {@code 7b} or {@code 1}). */
    public String text(String key, String otherwise) {
        Object v = scalar(key, "a text");
        return v == null ? otherwise : String.valueOf(v);
    }

    /** A file or folder path (relative to the working directory), or the default. */
    public Path path(String key, Path otherwise) {
        String t = text(key, null);
        return t == null ? otherwise : Path.of(t);
    }

    /** One of an enum's constants, written in lower case. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E otherwise) {
        Object v = scalar(key, "one of " + Choices.labels(type));
        if (v == null) return otherwise;
        try {
            return Choices.parse(type, String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw error(lineOf(key), qualified(key), e.getMessage().replace("got \"" + v + "\"", "got " + describe(entries.get(key).getValueNode())));
        }
    }

    /** A range MIN-MAX, or one number. */
    public IntRange range(String key, IntRange otherwise) {
        Object v = scalar(key, IntRange.EXPECTED);
        if (v == null) return otherwise;
        try {
            return IntRange.parse(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw error(lineOf(key), qualified(key), "expected " + IntRange.EXPECTED + ", got " + describe(entries.get(key).getValueNode()));
        }
    }

    /** A text, or a list of texts given as one, joined by commas (a list of server URLs). */
    public String textOrList(String key, String otherwise) {
        NodeTuple t = entries.get(key);
        if (t != null && t.getValueNode() instanceof SequenceNode) return String.join(",", texts(key, List.of()));
        return text(key, otherwise);
    }

    /** A list of texts; one text alone ({@code stages: report}) is a list of one. */
    public List<String> texts(String key, List<String> otherwise) {
        known.add(key);
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) return otherwise;
        if (t.getValueNode() instanceof ScalarNode one) return List.of(String.valueOf(VALUES.of(one)));
        if (!(t.getValueNode() instanceof SequenceNode seq)) throw error(lineOf(key), qualified(key), "expected a list, got " + describe(t.getValueNode()));
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            if (!(n instanceof ScalarNode)) throw error(n.getStartMark().getLine() + 1, qualified(key), "expected a list of names, got " + describe(n) + " in it");
            out.add(String.valueOf(VALUES.of(n)));
        }
        return out;
    }

    private boolean given(String key) {
        known.add(key);
        return entries.containsKey(key) && !isNull(entries.get(key).getValueNode());
    }

    private <T> T nothing(String key, String expected) {
        wanted.put(key, expected);
        return null;
    }

    /** An error at a key of this section, for checks that span keys. */
    public ConfigException errorAt(String key, String detail) {
        return error(lineOf(key), qualified(key), detail);
    }

    /**
     * Makes the section's record, after the getters ran: a key of the wrong type, a value the record refuses
     * ({@link OptionException}) or a key nobody asked for becomes one {@link ConfigException}, earliest line first.
     */
    public <T> T build(Supplier<T> make) {
        T made = null;
        OptionException refused = null;
        try {
            made = make.get();
        } catch (OptionException e) {
            refused = e;
        }
        if (refused != null && entries.containsKey(refused.key())) {
            String got = typeErrors.get(refused.key());
            String detail = got == null ? refused.detail() : refused.detail().replaceFirst(", got .*$", ", got " + got);
            throw error(lineOf(refused.key()), qualified(refused.key()), detail);
        }
        for (Map.Entry<String, String> e : typeErrors.entrySet()) {
            throw error(lineOf(e.getKey()), qualified(e.getKey()), "expected " + wanted.getOrDefault(e.getKey(), "another value") + ", got " + e.getValue());
        }
        if (refused != null) throw error(line, path, refused.detail());
        finish();
        return made;
    }

    /** Where each key given in this section is: its qualified name ({@code curate.rs.max_pairs}) → {@code file:line}. */
    public Map<String, String> places() {
        Map<String, String> places = new LinkedHashMap<>();
        for (String key : entries.keySet()) places.put(qualified(key), file + ":" + lineOf(key));
        return places;
    }

    /** Fails on the first key that no getter asked for, listing the known ones. */
    private void finish() {
        for (String key : entries.keySet()) {
            if (!known.contains(key)) {
                throw error(lineOf(key), qualified(key), "unknown key (known here: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }
}
