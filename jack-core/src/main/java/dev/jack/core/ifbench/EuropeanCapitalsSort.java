package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.ArrayList;
import java.util.List;

/**
 * custom:european_capitals_sort — after NFKD with non-ASCII characters dropped, the non-blank
 * comma-separated items are, stripped, exactly the reference's 27 capitals in its order.
 */
public record EuropeanCapitalsSort() implements Checker {
    public static final String ID = "custom:european_capitals_sort";

    private static final List<String> ORDER = List.of("Reykjavik", "Helsinki", "Oslo", "Tallinn", "Stockholm", "Riga",
            "Moscow", "Copenhagen", "Vilnius", "Minsk", "Dublin", "Berlin", "Amsterdam", "Warsaw", "London", "Brussels",
            "Prague", "Luxembourg", "Paris", "Vienna", "Bratislava", "Budapest", "Vaduz", "Chisinau", "Bern", "Ljubljana",
            "Zagreb");

    /** The reference's build_description takes and ignores any kwargs. */
    static EuropeanCapitalsSort parse(Args a) {
        a.ignoreOthers();
        return new EuropeanCapitalsSort();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Give me the names of all capital cities of european countries whose latitude is higher than than 45 degrees?"
                + " List the capital cities without country names, separated by commas, sorted by latitude, from highest to lowest.";
    }

    public boolean check(String response, Analyses text) {
        List<String> capitals = new ArrayList<>();
        for (String item : PyText.split(PyStr.asciiFold(response), ",")) if (!PyText.isBlank(item)) capitals.add(PyText.strip(item));
        return capitals.equals(ORDER);
    }
}
