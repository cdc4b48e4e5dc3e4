package dev.jack.judge;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the score a judge states at the end of its critique, e.g. "Score: 4/5" or "**Score**: 7". */
public final class Scores {
    private Scores() {}

    private static final Pattern SCORE = Pattern.compile(
            "(?i)score\\s*[*_]*\\s*[:=]\\s*[*_]*\\s*(-?\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(\\d+(?:\\.\\d+)?))?");

    /**
     * The last stated score, if it lies in [min, max] (and any "/N" denominator equals max); empty when
     * there is none or it is out of range.
     */
    public static OptionalDouble parse(String answer, double min, double max) {
        Matcher m = SCORE.matcher(answer);
        OptionalDouble last = OptionalDouble.empty();
        while (m.find()) {
            double value = Double.parseDouble(m.group(1));
            boolean denominatorOk = m.group(2) == null || Double.parseDouble(m.group(2)) == max;
            last = denominatorOk && value >= min && value <= max ? OptionalDouble.of(value) : OptionalDouble.empty();
        }
        return last;
    }
}
