package dev.jack.core.ifbench;

import java.util.Map;

/** format:list — the marker {@code sep} occurs (non-overlapping) at least twice, anywhere. */
public record SpecialBulletPoints(String sep) implements Checker {
    public static final String ID = "format:list";

    static SpecialBulletPoints parse(Args a) {
        return new SpecialBulletPoints(a.string("sep"));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Answer with a list of items, instead of bullet points use " + sep + ".";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("sep", sep);
    }

    public boolean check(String response, Analyses text) {
        return PyStr.count(response, sep) >= 2;
    }
}
