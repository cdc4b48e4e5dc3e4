package dev.jack.core.ifbench;

import dev.jack.core.text.PyCsv;

import java.util.List;

/**
 * custom:csv_city — Python's csv reader finds exactly 8 rows: the header ID, Country, City, Year, Count
 * and 7 rows of 5 fields. Where Python's reader raises (a carriage return inside an unquoted field),
 * the reference aborts; Jack counts the constraint as not followed.
 */
public record CityCsv() implements Checker {
    public static final String ID = "custom:csv_city";

    private static final List<String> HEADER = List.of("ID", "Country", "City", "Year", "Count");

    /** The reference's build_description takes and ignores any kwargs. */
    static CityCsv parse(Args a) {
        a.ignoreOthers();
        return new CityCsv();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Generate CSV data: The column names are [\"ID\", \"Country\", \"City\", \"Year\", \"Count\"], the data should be comma delimited. Please generate 7 rows.";
    }

    public boolean check(String response, Analyses text) {
        List<List<String>> rows;
        try {
            rows = PyCsv.read(response, ',');
        } catch (PyCsv.CsvError e) {
            return false;
        }
        return rows.size() == 8 && rows.getFirst().equals(HEADER) && rows.stream().skip(1).allMatch(r -> r.size() == 5);
    }
}
