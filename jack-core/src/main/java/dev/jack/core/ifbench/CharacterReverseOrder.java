package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

/** custom:character_reverse — the lower-cased response contains "elgae dlab". */
public record CharacterReverseOrder() implements Checker {
    public static final String ID = "custom:character_reverse";

    /** The reference's build_description takes and ignores any kwargs. */
    static CharacterReverseOrder parse(Args a) {
        a.ignoreOthers();
        return new CharacterReverseOrder();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "What animal is the national symbol of the US? Respond to this query, but make your sentence in reverse order of what it should be, per letter.";
    }

    public boolean check(String response, Analyses text) {
        return PyText.lower(response).contains("elgae dlab");
    }
}
