package dev.jack.core.constraint;

/** A constraint parameter is missing, of the wrong type or out of range; names the field. */
public final class ParameterException extends IllegalArgumentException {
    private final String field;
    private final String reason;

    public ParameterException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    /** What is wrong with the field, without its name. */
    public String reason() {
        return reason;
    }
}
