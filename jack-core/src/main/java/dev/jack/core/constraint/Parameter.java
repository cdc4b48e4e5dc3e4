package dev.jack.core.constraint;

/**
 * One parameter a constraint takes, as {@code jack constraints} lists it: its kwargs name and the values it
 * accepts, in words. Parsing and its error messages stay in the constraint's parser ({@link Kwargs}).
 */
public record Parameter(String name, String accepts) {

    /** An integer of at least {@code min}, read with {@link Kwargs#integer}. */
    public static Parameter integer(String name, int min) {
        return new Parameter(name, "integer >= " + min);
    }

    /** A string, read with {@link Kwargs#string} or {@link Kwargs#strippedString}. */
    public static Parameter string(String name) {
        return new Parameter(name, "string");
    }

    /** A non-empty list of non-empty strings, read with {@link Kwargs#strings}. */
    public static Parameter strings(String name) {
        return new Parameter(name, "list of strings");
    }

    /** IFEval's comparison, read with {@link Kwargs#relation}. */
    public static Parameter relation(String name) {
        return new Parameter(name, "\"less than\" or \"at least\"");
    }
}
