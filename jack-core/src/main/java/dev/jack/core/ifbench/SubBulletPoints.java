package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * format:sub-bullets — every piece after a '*' (the text is split on each '*') contains a '-'. A text
 * without '*' passes; in loose mode the variant without '*' always does.
 */
public record SubBulletPoints() implements Checker {
    public static final String ID = "format:sub-bullets";

    static SubBulletPoints parse(Args a) {
        return new SubBulletPoints();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Your response must include bullet points denoted by * and at least one sub-bullet point denoted by - for each bullet point.";
    }

    public boolean check(String response, Analyses text) {
        List<String> pieces = PyText.split(response, "*");
        return pieces.subList(1, pieces.size()).stream().allMatch(p -> p.indexOf('-') >= 0);
    }
}
