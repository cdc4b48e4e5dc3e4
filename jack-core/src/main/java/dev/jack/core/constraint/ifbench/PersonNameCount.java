package dev.jack.core.constraint.ifbench;

import dev.jack.core.text.PyText;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;
import dev.jack.core.constraint.Parameter;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** count:person_names — at least N of the reference's 50 first names occur as whole words, case-sensitively. */
public record PersonNameCount(int n) implements Constraint {
    public static final String ID = "count:person_names";

    public static final ConstraintType<PersonNameCount> TYPE = ConstraintType.builder(ID, PersonNameCount::parse)
            .parameters(Parameter.integer("N", 0))
            .example(new PersonNameCount(10))
            .build();

    static final List<String> NAMES = List.of("Emma", "Liam", "Sophia", "Jackson", "Olivia", "Noah", "Ava", "Lucas",
            "Isabella", "Mason", "Mia", "Ethan", "Charlotte", "Alexander", "Amelia", "Benjamin", "Harper", "Leo", "Zoe",
            "Daniel", "Chloe", "Samuel", "Lily", "Matthew", "Grace", "Owen", "Abigail", "Gabriel", "Ella", "Jacob",
            "Scarlett", "Nathan", "Victoria", "Elijah", "Layla", "Nicholas", "Audrey", "David", "Hannah", "Christopher",
            "Penelope", "Thomas", "Nora", "Andrew", "Aria", "Joseph", "Claire", "Ryan", "Stella", "Jonathan");

    private static PersonNameCount parse(Kwargs k) {
        return new PersonNameCount(k.integer("N", 0, Kwargs.RANDOM_IF_NEGATIVE));
    }

    public ConstraintType<PersonNameCount> type() { return TYPE; }



    public String description() {
        return "Mention at least " + n + " different person names in the response, from this list of person names: "
                + String.join(", ", NAMES) + " .";
    }

    public Map<String, Object> kwargs() {
        return Map.of("N", n);
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // A name made of word characters matches \bName\b exactly where it is a whole run of word characters.
        Set<String> runs = new HashSet<>(PyText.wordRuns(response));
        return NAMES.stream().filter(runs::contains).count() >= n;
    }
}
