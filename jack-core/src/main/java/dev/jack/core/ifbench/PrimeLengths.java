package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

/** words:prime_lengths — every whitespace word (ASCII punctuation deleted) has a prime length below 100. */
public record PrimeLengths() implements Checker {
    public static final String ID = "words:prime_lengths";

    static PrimeLengths parse(Args a) {
        return new PrimeLengths();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Use only words with lengths that are prime numbers.";
    }

    private static boolean isListedPrime(int n) {
        if (n < 2 || n > 97) return false;
        for (int d = 2; d * d <= n; d++) if (n % d == 0) return false;
        return true;
    }

    public boolean check(String response, Analyses text) {
        for (String w : PyText.split(PyStr.removePunctuation(response))) if (!isListedPrime(PyStr.length(w))) return false;
        return true;
    }
}
