package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

/**
 * count:punctuation — an interrobang ("?!", "!?" or "‽"), and each of . , ! ? ; : somewhere outside the
 * first "?!" (or, if there is none, the first "!?").
 */
public record PunctuationCover() implements Constraint {
    public static final String ID = "count:punctuation";

    public static final ConstraintType<PunctuationCover> TYPE = ConstraintType.builder(ID, PunctuationCover::parse)
            .example(new PunctuationCover())
            .build();

    private static PunctuationCover parse(Kwargs k) {
        return new PunctuationCover();
    }

    public ConstraintType<PunctuationCover> type() { return TYPE; }



    public String description() {
        return "Use every standard punctuation mark at least once, including semicolons, colons, and the interrobang (?!).";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        if (!response.contains("!?") && !response.contains("?!") && !response.contains("‽")) return false;
        String rest = response.replaceFirst("\\?!", "");
        if (rest.length() == response.length()) rest = response.replaceFirst("!\\?", "");
        for (char mark : ".,!?;:".toCharArray()) if (rest.indexOf(mark) < 0) return false;
        return true;
    }
}
