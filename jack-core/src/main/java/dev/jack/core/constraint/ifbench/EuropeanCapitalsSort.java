package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * custom:european_capitals_sort — after NFKD with non-ASCII characters dropped, the non-blank
 * comma-separated items are, stripped, exactly the reference's 27 capitals in its order.
 */
public record EuropeanCapitalsSort() implements Constraint {
    public static final String ID = "custom:european_capitals_sort";

    public static final ConstraintType<EuropeanCapitalsSort> TYPE = ConstraintType.builder(ID, EuropeanCapitalsSort::parse)
            .example(new EuropeanCapitalsSort())
            .build();

    private static final List<String> ORDER = List.of("Reykjavik", "Helsinki", "Oslo", "Tallinn", "Stockholm", "Riga",
            "Moscow", "Copenhagen", "Vilnius", "Minsk", "Dublin", "Berlin", "Amsterdam", "Warsaw", "London", "Brussels",
            "Prague", "Luxembourg", "Paris", "Vienna", "Bratislava", "Budapest", "Vaduz", "Chisinau", "Bern", "Ljubljana",
            "Zagreb");

    /** The reference's build_description takes and ignores any kwargs. */
    private static EuropeanCapitalsSort parse(Kwargs k) {
        k.ignoreOthers();
        return new EuropeanCapitalsSort();
    }

    public ConstraintType<EuropeanCapitalsSort> type() { return TYPE; }

    public String description() {
        return "Give me the names of all capital cities of european countries whose latitude is higher than than 45 degrees?"
                + " List the capital cities without country names, separated by commas, sorted by latitude, from highest to lowest.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<String> capitals = new ArrayList<>();
        for (String item : PyText.split(PyText.asciiFold(response), ",")) if (!PyText.isBlank(item)) capitals.add(PyText.strip(item));
        return capitals.equals(ORDER);
    }
}
