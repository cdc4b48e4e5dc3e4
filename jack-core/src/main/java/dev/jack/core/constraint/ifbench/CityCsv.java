package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.PyCsv;
import dev.jack.core.text.TextTools;

import java.util.List;

/**
 * custom:csv_city — Python's csv reader finds exactly 8 rows: the header ID, Country, City, Year, Count
 * and 7 rows of 5 fields. Where Python's reader raises (a carriage return inside an unquoted field),
 * the reference aborts; Jack counts the constraint as not followed.
 */
public record CityCsv() implements Constraint {
    public static final String ID = "custom:csv_city";

    public static final ConstraintType<CityCsv> TYPE = ConstraintType.builder(ID, CityCsv::parse)
            .example(new CityCsv())
            .build();

    private static final List<String> HEADER = List.of("ID", "Country", "City", "Year", "Count");

    /** The reference's build_description takes and ignores any kwargs. */
    private static CityCsv parse(Kwargs k) {
        k.ignoreOthers();
        return new CityCsv();
    }

    public ConstraintType<CityCsv> type() { return TYPE; }

    public String description() {
        return "Generate CSV data: The column names are [\"ID\", \"Country\", \"City\", \"Year\", \"Count\"], the data should be comma delimited. Please generate 7 rows.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        List<List<String>> rows;
        try {
            rows = PyCsv.read(response, ',');
        } catch (PyCsv.CsvError e) {
            return false;
        }
        return rows.size() == 8 && rows.getFirst().equals(HEADER) && rows.stream().skip(1).allMatch(r -> r.size() == 5);
    }
}
