package dev.jack.core.constraint;

import java.util.List;

/**
 * A set of constraint types from one source, found with {@link java.util.ServiceLoader}: a jar lists its
 * catalogs, one class name a line, in {@code META-INF/services/dev.jack.core.constraint.ConstraintCatalog},
 * and {@link ConstraintRegistry} registers them on first use. Jack's own catalogs come in this way too.
 * Implementations need a public no-argument constructor.
 */
public interface ConstraintCatalog {

    /** Where the constraints come from: {@code ifeval}, {@code ifbench}, {@code ifevalg}, or a name of the user's. */
    String source();

    /** The types, in the order listings show them and synthesis draws from them. */
    List<ConstraintType<?>> types();
}
