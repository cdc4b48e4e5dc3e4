package dev.jack.judge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many of a judge's answers could not be read (no verdict, no score in range, no category), out of how many,
 * and how they were counted ({@code ties}, {@code wrong}, {@code dropped}, {@code unscored}, ...). Every judge
 * command prints it and writes it, and warns when more than {@link #WARN_SHARE} of the answers were unreadable: at
 * that point the judge model, its prompt or {@code --max-tokens} is the problem, not the data.
 *
 * @param what the kind of answer, plural ("pairwise verdicts", "scores", "critiques")
 */
public record Unreadable(String what, long count, long of, String countedAs) {
    /** The share of unreadable answers above which a warning is printed. */
    public static final double WARN_SHARE = 0.05;

    /** Whether more than {@link #WARN_SHARE} of the answers were unreadable. */
    public boolean worrying() {
        return count > WARN_SHARE * of;
    }

    /** "3 of 40 pairwise verdicts could not be read (counted as ties)". */
    public String line() {
        return count + " of " + of + " " + what + " could not be read (counted as " + countedAs + ")";
    }

    /** The warning printed when {@link #worrying()}. */
    public String warning() {
        return String.format(java.util.Locale.ROOT, "%.1f%% of the %s could not be read; check the judge model, its answers' length (--max-tokens) and its prompt",
                of == 0 ? 0 : 100.0 * count / of, what);
    }

    /** The tally as the JSON object reports carry under {@code unreadable}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", what);
        m.put("count", count);
        m.put("of", of);
        m.put("counted_as", countedAs);
        return m;
    }
}
