package dev.jack.core.constraint;

import java.util.List;

/** A constraint id that is not in the catalog; the message lists the known ids. */
public final class UnknownConstraintException extends IllegalArgumentException {
    public UnknownConstraintException(String id, List<String> known) {
        super("unknown constraint id \"" + id + "\"; known ids: " + String.join(", ", known));
    }
}
