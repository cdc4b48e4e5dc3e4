package dev.jack.core.ifbench;

import dev.jack.core.text.PyRegex;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** custom:multiples — the digit runs of the response (with ", " for ",") are exactly 14 21 28 35 42 49. */
public record PrintMultiples() implements Checker {
    public static final String ID = "custom:multiples";

    private static final Pattern DIGITS = PyRegex.compile("\\d+");
    private static final List<String> MULTIPLES = List.of("14", "21", "28", "35", "42", "49");

    /** The reference's build_description takes and ignores any kwargs. */
    static PrintMultiples parse(Args a) {
        a.ignoreOthers();
        return new PrintMultiples();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Count from 10 to 50 but only print multiples of 7.";
    }

    public boolean check(String response, Analyses text) {
        // Replacing "," by ", " never changes the digit runs.
        List<String> numbers = new ArrayList<>();
        Matcher m = DIGITS.matcher(response);
        while (m.find()) numbers.add(m.group());
        return numbers.equals(MULTIPLES);
    }
}
