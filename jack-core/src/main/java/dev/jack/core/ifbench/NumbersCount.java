package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.Map;

/**
 * count:numbers — exactly N numbers: runs of decimal digits (any script) after ASCII punctuation is
 * deleted, so "3.14", "1,000" and "2024-05-01" are one number each.
 */
public record NumbersCount(int n) implements Checker {
    public static final String ID = "count:numbers";

    static NumbersCount parse(Args a) {
        return new NumbersCount(a.integer("N", 0, Args.RANDOM_IF_NEGATIVE));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Include exactly " + n + " numbers in the response.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("N", n);
    }

    public boolean check(String response, Analyses text) {
        String s = PyStr.removePunctuation(response);
        int numbers = 0;
        boolean inNumber = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean digit = PyText.isDecimal(cp);
            if (digit && !inNumber) numbers++;
            inNumber = digit;
            i += Character.charCount(cp);
        }
        return numbers == n;
    }
}
