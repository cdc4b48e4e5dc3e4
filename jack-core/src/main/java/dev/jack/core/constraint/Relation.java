package dev.jack.core.constraint;

/** IFEval's comparison relations. */
public enum Relation {
    LESS_THAN("less than"),
    AT_LEAST("at least");

    private final String text;

    Relation(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean holds(int actual, int threshold) {
        return this == LESS_THAN ? actual < threshold : actual >= threshold;
    }

    static Relation parse(String field, String value) {
        for (Relation r : values()) if (r.text.equals(value)) return r;
        throw new ParameterException(field, "must be \"less than\" or \"at least\", got \"" + value + "\"");
    }
}
