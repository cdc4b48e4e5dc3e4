package dev.jack.core.constraint;

/**
 * A stretch of a response that decides a checker's verdict (see {@link Constraint#spans}): characters
 * {@code [start, end)} as UTF-16 indexes into the response, and what they are ("comma", "word 301 of at most
 * 300", "missing postscript"). An empty span ({@code start == end}) marks where something missing would go.
 */
public record Span(int start, int end, String label) {
    public Span {
        if (start < 0 || end < start) throw new IllegalArgumentException("a span is 0 <= start <= end, got " + start + ", " + end);
    }

    /** An empty span at {@code at}: where something missing would go. */
    public static Span missing(int at, String label) {
        return new Span(at, at, label);
    }
}
