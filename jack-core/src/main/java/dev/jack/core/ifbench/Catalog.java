package dev.jack.core.ifbench;

import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.constraint.UnknownConstraintException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The constraints one reference scorer knows: its own, by id, plus IFEval's 25 (which both IFBench's
 * and IFEvalG's registries include). Building one reads its kwargs and rejects unknown ones.
 */
public final class Catalog {
    private final Source source;
    private final Map<String, Function<Args, ? extends Checker>> parsers;

    /** @param parsers each constraint id with the function that builds its checker from kwargs */
    public Catalog(Source source, Map<String, Function<Args, ? extends Checker>> parsers) {
        this.source = source;
        this.parsers = new LinkedHashMap<>(parsers);
    }

    /** Whose constraints these are. */
    public Source source() {
        return source;
    }

    /** The catalog's own ids, in the reference's order (IFEval's are not listed). */
    public List<String> ids() {
        return List.copyOf(parsers.keySet());
    }

    private List<String> allIds() {
        List<String> all = new ArrayList<>(parsers.keySet());
        all.addAll(ConstraintRegistry.ids());
        return all;
    }

    /**
     * Builds a constraint from its id and raw kwargs (nulls count as absent).
     *
     * @throws UnknownConstraintException for an id this reference does not know
     * @throws dev.jack.core.constraint.ParameterException for a missing, mistyped, out-of-range or unknown kwarg
     */
    public Checker create(String id, Map<String, ?> rawKwargs) {
        Function<Args, ? extends Checker> parser = parsers.get(id);
        if (parser == null) {
            if (!ConstraintRegistry.isKnown(id)) throw new UnknownConstraintException(id, allIds());
            return new IfevalChecker(ConstraintRegistry.create(id, rawKwargs));
        }
        Args args = new Args(rawKwargs);
        Checker checker = parser.apply(args);
        args.rejectUnknown();
        return checker;
    }
}
