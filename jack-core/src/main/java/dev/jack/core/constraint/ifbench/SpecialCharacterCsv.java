package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.PyCsv;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.regex.Pattern;

/**
 * custom:csv_special_character — the first line is the header ProductID, Category, Brand, Price, Stock
 * (each optionally quoted, spaces or tabs after commas); with every '"' tripled, Python's csv reader
 * finds 15 rows of which a data row before any row not of 5 fields has a field that, quotes kept,
 * matches {@code ".*[^\d\w\s].*"}. Where Python's reader raises, the constraint is not followed.
 */
public record SpecialCharacterCsv() implements Constraint {
    public static final String ID = "custom:csv_special_character";

    public static final ConstraintType<SpecialCharacterCsv> TYPE = ConstraintType.builder(ID, SpecialCharacterCsv::parse)
            .example(new SpecialCharacterCsv())
            .build();

    private static final Pattern HEADER = PyRegex.compile(
            "^(ProductID|\"ProductID\"),[ \\t]*(Category|\"Category\"),[ \\t]*(Brand|\"Brand\"),[ \\t]*(Price|\"Price\"),[ \\t]*(Stock|\"Stock\")$");
    private static final Pattern SPECIAL = PyRegex.compile("\".*[^\\d\\w\\s].*\"");

    /** The reference's build_description takes and ignores any kwargs. */
    private static SpecialCharacterCsv parse(Kwargs k) {
        k.ignoreOthers();
        return new SpecialCharacterCsv();
    }

    public ConstraintType<SpecialCharacterCsv> type() { return TYPE; }

    public String description() {
        return "Generate CSV data: The column names are [\"ProductID\", \"Category\", \"Brand\", \"Price\", \"Stock\"], the data"
                + " should be comma delimited. Please generate 14 rows. Add one field which contains a special character and enclose it in double quotes.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String header = PyText.strip(Regions.firstLine(response));
        if (!HEADER.matcher(header).lookingAt()) return false;
        List<List<String>> rows;
        try {
            rows = PyCsv.read(response.replace("\"", "\"\"\""), ',');
        } catch (PyCsv.CsvError e) {
            return false;
        }
        if (rows.size() != 15) return false;
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() != 5) return false;
            for (String field : row) if (SPECIAL.matcher(field).lookingAt()) return true;
        }
        return false;
    }
}
