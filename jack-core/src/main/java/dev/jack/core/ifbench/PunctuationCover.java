package dev.jack.core.ifbench;

/**
 * count:punctuation — an interrobang ("?!", "!?" or "‽"), and each of . , ! ? ; : somewhere outside the
 * first "?!" (or, if there is none, the first "!?").
 */
public record PunctuationCover() implements Checker {
    public static final String ID = "count:punctuation";

    static PunctuationCover parse(Args a) {
        return new PunctuationCover();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Use every standard punctuation mark at least once, including semicolons, colons, and the interrobang (?!).";
    }

    public boolean check(String response, Analyses text) {
        if (!response.contains("!?") && !response.contains("?!") && !response.contains("‽")) return false;
        String rest = response.replaceFirst("\\?!", "");
        if (rest.length() == response.length()) rest = response.replaceFirst("!\\?", "");
        for (char mark : ".,!?;:".toCharArray()) if (rest.indexOf(mark) < 0) return false;
        return true;
    }
}
