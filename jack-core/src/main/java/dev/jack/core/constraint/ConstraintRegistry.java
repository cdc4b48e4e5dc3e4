package dev.jack.core.constraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The constraint types Jack knows, by id. It starts with every {@link ConstraintCatalog} that
 * {@link ServiceLoader} finds on jack-core's class path (IFEval's 25 first, with IFEval's ids), and is
 * open: {@link #register} adds a catalog at run time, e.g. one whose jar another class loader loaded.
 * Reads see a consistent snapshot, so registering while other threads look ids up is safe.
 */
public final class ConstraintRegistry {
    private ConstraintRegistry() {}

    private record Entry(String source, ConstraintType<?> type) {}

    private record Snapshot(List<Entry> entries, Map<String, Entry> byId) {}

    private static volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());

    static {
        ServiceLoader.load(ConstraintCatalog.class, ConstraintRegistry.class.getClassLoader()).forEach(ConstraintRegistry::register);
    }

    /** Registers a catalog's types under its source. */
    public static void register(ConstraintCatalog catalog) {
        register(catalog.source(), catalog.types());
    }

    /**
     * Registers types under a source name.
     *
     * @throws IllegalArgumentException for a source that is not a lowercase name, or an id already registered
     */
    public static synchronized void register(String source, List<? extends ConstraintType<?>> types) {
        if (!source.matches("[a-z0-9_.-]+")) throw new IllegalArgumentException("a source is a lowercase name, got \"" + source + "\"");
        List<Entry> entries = new ArrayList<>(snapshot.entries());
        Map<String, Entry> byId = new HashMap<>(snapshot.byId());
        for (ConstraintType<?> type : types) {
            Entry e = new Entry(source, type);
            Entry before = byId.putIfAbsent(type.id(), e);
            if (before != null) {
                throw new IllegalArgumentException("constraint id " + type.id() + " is registered twice (sources "
                        + before.source() + " and " + source + ")");
            }
            entries.add(e);
        }
        snapshot = new Snapshot(List.copyOf(entries), Map.copyOf(byId));
    }

    /** Every id, in registration order. */
    public static List<String> ids() {
        return snapshot.entries().stream().map(e -> e.type().id()).toList();
    }

    /** The ids of one source, in registration order (empty for an unknown source). */
    public static List<String> ids(String source) {
        return snapshot.entries().stream().filter(e -> e.source().equals(source)).map(e -> e.type().id()).toList();
    }

    /** The sources, in the order their first type was registered. */
    public static List<String> sources() {
        return List.copyOf(new LinkedHashSet<>(snapshot.entries().stream().map(Entry::source).toList()));
    }

    public static boolean isKnown(String id) {
        return snapshot.byId().containsKey(id);
    }

    /**
     * The type with this id.
     *
     * @throws UnknownConstraintException for an id not registered
     */
    public static ConstraintType<?> type(String id) {
        return entry(id).type();
    }

    /**
     * The source the id was registered under.
     *
     * @throws UnknownConstraintException for an id not registered
     */
    public static String source(String id) {
        return entry(id).source();
    }

    private static Entry entry(String id) {
        Entry e = snapshot.byId().get(id);
        if (e == null) throw new UnknownConstraintException(id, ids());
        return e;
    }

    /**
     * Why two different constraints never share a synthesized prompt, if they do not: the reason either
     * one declares (see {@link ConstraintType#conflicts()}), or why one of them is always alone
     * ({@link ConstraintType#alone()}). Unregistered ids declare nothing.
     */
    public static Optional<String> conflict(String a, String b) {
        Map<String, Entry> byId = snapshot.byId();
        Entry ea = byId.get(a);
        Entry eb = byId.get(b);
        String reason = ea == null ? null : ea.type().conflicts().get(b);
        if (reason == null && eb != null) reason = eb.type().conflicts().get(a);
        if (reason == null && ea != null && !a.equals(b)) reason = ea.type().alone().orElse(null);
        if (reason == null && eb != null && !a.equals(b)) reason = eb.type().alone().orElse(null);
        return Optional.ofNullable(reason);
    }

    /**
     * Builds a constraint from its id and raw kwargs.
     *
     * @throws UnknownConstraintException for an id not in the catalog
     * @throws ParameterException for a missing, mistyped or out-of-range parameter
     */
    public static Constraint create(String id, Map<String, ?> rawKwargs) {
        return type(id).create(rawKwargs);
    }
}
