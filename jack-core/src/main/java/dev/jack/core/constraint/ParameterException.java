package dev.jack.core.constraint;

/** A constraint parameter is missing, of the wrong type or out of range; names the field. */
public final class ParameterException extends IllegalArgumentException {
    private final String field;

    public ParameterException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
