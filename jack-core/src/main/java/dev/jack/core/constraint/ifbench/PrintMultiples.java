package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** custom:multiples — the digit runs of the response (with ", " for ",") are exactly 14 21 28 35 42 49. */
public record PrintMultiples() implements Constraint {
    public static final String ID = "custom:multiples";

    public static final ConstraintType<PrintMultiples> TYPE = ConstraintType.builder(ID, PrintMultiples::parse)
            .example(new PrintMultiples())
            .build();

    private static final Pattern DIGITS = PyRegex.compile("\\d+");
    private static final List<String> MULTIPLES = List.of("14", "21", "28", "35", "42", "49");

    /** The reference's build_description takes and ignores any kwargs. */
    private static PrintMultiples parse(Kwargs k) {
        k.ignoreOthers();
        return new PrintMultiples();
    }

    public ConstraintType<PrintMultiples> type() { return TYPE; }

    public String description() {
        return "Count from 10 to 50 but only print multiples of 7.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // Replacing "," by ", " never changes the digit runs.
        List<String> numbers = new ArrayList<>();
        Matcher m = DIGITS.matcher(response);
        while (m.find()) numbers.add(m.group());
        return numbers.equals(MULTIPLES);
    }
}
