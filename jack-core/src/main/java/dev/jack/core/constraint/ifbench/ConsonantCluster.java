package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

import dev.jack.core.text.PyText;

/** words:consonants — every lower-cased whitespace word has two adjacent ASCII consonants (y included). */
public record ConsonantCluster() implements Constraint {
    public static final String ID = "words:consonants";

    public static final ConstraintType<ConsonantCluster> TYPE = ConstraintType.builder(ID, ConsonantCluster::parse)
            .example(new ConsonantCluster())
            .build();

    private static final String CONSONANTS = "bcdfghjklmnpqrstvwxyz";

    private static ConsonantCluster parse(Kwargs k) {
        return new ConsonantCluster();
    }

    public ConstraintType<ConsonantCluster> type() { return TYPE; }



    public String description() {
        return "Ensure each word in your response has at least one consonant cluster (two or more consonants together).";
    }

    public boolean isFollowedBy(String response, TextTools text) {
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
