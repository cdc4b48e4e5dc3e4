package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

/** words:consonants — every lower-cased whitespace word has two adjacent ASCII consonants (y included). */
public record ConsonantCluster() implements Checker {
    public static final String ID = "words:consonants";

    private static final String CONSONANTS = "bcdfghjklmnpqrstvwxyz";

    static ConsonantCluster parse(Args a) {
        return new ConsonantCluster();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Ensure each word in your response has at least one consonant cluster (two or more consonants together).";
    }

    public boolean check(String response, Analyses text) {
        for (String word : PyText.split(PyText.lower(response))) {
            boolean cluster = false;
            for (int i = 0; i + 1 < word.length() && !cluster; i++) {
                cluster = CONSONANTS.indexOf(word.charAt(i)) >= 0 && CONSONANTS.indexOf(word.charAt(i + 1)) >= 0;
            }
            if (!cluster) return false;
        }
        return true;
    }
}
