package dev.jack.core.ifbench;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** count:person_names — at least N of the reference's 50 first names occur as whole words, case-sensitively. */
public record PersonNameCount(int n) implements Checker {
    public static final String ID = "count:person_names";

    static final List<String> NAMES = List.of("Emma", "Liam", "Sophia", "Jackson", "Olivia", "Noah", "Ava", "Lucas",
            "Isabella", "Mason", "Mia", "Ethan", "Charlotte", "Alexander", "Amelia", "Benjamin", "Harper", "Leo", "Zoe",
            "Daniel", "Chloe", "Samuel", "Lily", "Matthew", "Grace", "Owen", "Abigail", "Gabriel", "Ella", "Jacob",
            "Scarlett", "Nathan", "Victoria", "Elijah", "Layla", "Nicholas", "Audrey", "David", "Hannah", "Christopher",
            "Penelope", "Thomas", "Nora", "Andrew", "Aria", "Joseph", "Claire", "Ryan", "Stella", "Jonathan");

    static PersonNameCount parse(Args a) {
        return new PersonNameCount(a.integer("N", 0, Args.RANDOM_IF_NEGATIVE));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Mention at least " + n + " different person names in the response, from this list of person names: "
                + String.join(", ", NAMES) + " .";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("N", n);
    }

    public boolean check(String response, Analyses text) {
        // A name made of word characters matches \bName\b exactly where it is a whole run of word characters.
        Set<String> runs = new HashSet<>(PyStr.wordRuns(response));
        return NAMES.stream().filter(runs::contains).count() >= n;
    }
}
