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
 * custom:csv_quotes — the first line is the tab-separated header StudentID, Subject, Grade, Semester,
 * Score (each optionally quoted); with every '"' tripled, Python's csv reader (tab-delimited) finds 4
 * rows of 5 fields, each field starting and ending with '"' once stripped. The reference raises
 * IndexError on a field that strips to nothing (and aborts the whole run); Jack counts the constraint
 * as not followed there, as it does where Python's csv reader raises.
 */
public record QuotesCsv() implements Constraint {
    public static final String ID = "custom:csv_quotes";

    public static final ConstraintType<QuotesCsv> TYPE = ConstraintType.builder(ID, QuotesCsv::parse)
            .example(new QuotesCsv())
            .build();

    private static final Pattern HEADER = PyRegex.compile(
            "^(StudentID|\"StudentID\")\\t *(Subject|\"Subject\")\\t *(Grade|\"Grade\")\\t *(Semester|\"Semester\")\\t *(Score|\"Score\")$");

    /** The reference's build_description takes and ignores any kwargs. */
    private static QuotesCsv parse(Kwargs k) {
        k.ignoreOthers();
        return new QuotesCsv();
    }

    public ConstraintType<QuotesCsv> type() { return TYPE; }

    public String description() {
        return "Generate CSV data: The column names are [\"StudentID\", \"Subject\", \"Grade\", \"Semester\", \"Score\"], the data"
                + " should be tab delimited. Please generate 3 rows and enclose each single field in double quotes.";
    }

    private static boolean quoted(String field) {
        String s = PyText.strip(field);
        return !s.isEmpty() && s.startsWith("\"") && s.endsWith("\"");
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String header = PyText.strip(Regions.firstLine(response));
        if (!HEADER.matcher(header).lookingAt()) return false;
        List<List<String>> rows;
        try {
            rows = PyCsv.read(response.replace("\"", "\"\"\""), '\t');
        } catch (PyCsv.CsvError e) {
            return false;
        }
        return rows.size() == 4 && rows.stream().allMatch(r -> r.size() == 5 && r.stream().allMatch(QuotesCsv::quoted));
    }
}
