package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * custom:date_format_list — every comma-separated item, stripped, is YYYY-MM-DD (digits of any script)
 * with a year from 1769 to 1821, a month up to 12 and a day within the month's length (29 for
 * February); month 00 and day 00 pass.
 */
public record DateFormatList() implements Constraint {
    public static final String ID = "custom:date_format_list";

    public static final ConstraintType<DateFormatList> TYPE = ConstraintType.builder(ID, DateFormatList::parse)
            .example(new DateFormatList())
            .build();

    private static final Pattern DATE = PyRegex.compile("^\\d{4}-\\d{2}-\\d{2}$");

    /** The reference's build_description takes and ignores any kwargs. */
    private static DateFormatList parse(Kwargs k) {
        k.ignoreOthers();
        return new DateFormatList();
    }

    public ConstraintType<DateFormatList> type() { return TYPE; }

    public String description() {
        return "List the start dates of all the battles Napoleon fought separated by commas, use the following date format: YYYY-MM-DD. Do not provide an explanation.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String item : PyText.split(PyText.strip(response), ",")) {
            String date = PyText.strip(item);
            if (!DATE.matcher(date).lookingAt()) return false;
            String[] parts = date.split("-");
            int year = Integer.parseInt(parts[0]);
            int month = Integer.parseInt(parts[1]);
            int day = Integer.parseInt(parts[2]);
            if (year < 1769 || year > 1821 || month > 12) return false;
            int longest = switch (month) {
                case 1, 3, 5, 7, 8, 10, 12 -> 31;
                case 4, 6, 9, 11 -> 30;
                case 2 -> 29;
                default -> 99;
            };
            if (day > longest) return false;
        }
        return true;
    }

    /** The comma-separated items the checker reads, each as {@code [start, end)} without the whitespace around it. */
    private static List<int[]> items(String response) {
        List<int[]> out = new ArrayList<>();
        int end = PyText.rstrip(response).length();
        for (int from = Math.min(PyText.stripStart(response), end); ; ) {
            int comma = response.indexOf(',', from);
            int to = comma < 0 ? end : comma;
            String item = response.substring(from, to);
            int start = from + PyText.stripStart(item);
            out.add(new int[] {start, Math.max(start, from + PyText.rstrip(item).length())});
            if (to == end) return out;
            from = to + 1;
        }
    }

    /** Each item that is not a date in range (checked alone), or, with none, the whole list. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> failing = items(response).stream().filter(r -> !isFollowedBy(response.substring(r[0], r[1]), text)).toList();
        return Edits.failingOrWhole(response, failing, "not a date YYYY-MM-DD from 1769 to 1821", "dates in range");
    }

    /** An item that is not a date added at the end. */
    public List<Edit> breaks(String response, TextTools text) {
        int end = Edits.textEnd(response);
        return Edits.verified(List.of(new Edit("add_item", Edits.replace(response, end, end, ", " + Edits.inCaseOf(response, "later")))),
                r -> !isFollowedBy(r, text));
    }

    /** The items that are not dates in range cut, the others kept as they are, separated by ", ". */
    public List<Edit> repairs(String response, TextTools text) {
        List<String> kept = new ArrayList<>();
        for (int[] r : items(response)) {
            String item = response.substring(r[0], r[1]);
            if (isFollowedBy(item, text)) kept.add(item);
        }
        return Edits.verified(List.of(new Edit("remove_items", String.join(", ", kept))), r -> isFollowedBy(r, text));
    }
}
