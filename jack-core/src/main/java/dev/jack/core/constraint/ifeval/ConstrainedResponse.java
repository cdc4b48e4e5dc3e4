package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * detectable_format:constrained_response — the response contains one of the fixed answer options.
 * Synthesis leaves it out: the fixed answers ("My answer is yes.") only make sense for yes/no questions,
 * which open-ended base tasks are not.
 */
public record ConstrainedResponse() implements Constraint {
    public static final String ID = "detectable_format:constrained_response";
    static final List<String> OPTIONS = List.of("My answer is yes.", "My answer is no.", "My answer is maybe.");
    /** "My answer is yes" as models write it when they miss the option: other case, no period. */
    private static final Pattern NEAR_MISS = Pattern.compile("(?i)\\bmy answer is (yes|no|maybe)\\b\\.?");

    public static final ConstraintType<ConstrainedResponse> TYPE = ConstraintType.builder(ID, ConstrainedResponse::parse)
            .example(new ConstrainedResponse())
            .build();

    private static ConstrainedResponse parse(Kwargs k) {
        return new ConstrainedResponse();
    }

    public ConstraintType<ConstrainedResponse> type() { return TYPE; }

    public String description() {
        return "Answer with one of the following options: ('My answer is yes.', 'My answer is no.', 'My answer is maybe.')";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        for (String option : OPTIONS) if (response.contains(option)) return true;
        return false;
    }

    /** Passed: each option given. Failed: near misses ("my answer is yes" without its period or in other case), else nothing. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        for (String option : OPTIONS) {
            for (int at = response.indexOf(option); at >= 0; at = response.indexOf(option, at + 1)) out.add(new Span(at, at + option.length(), "answer option"));
        }
        if (!out.isEmpty()) {
            out.sort(Comparator.comparingInt(Span::start));
            return out;
        }
        Matcher m = NEAR_MISS.matcher(response);
        while (m.find()) out.add(new Span(m.start(), m.end(), "not exactly one of the options"));
        if (out.isEmpty()) out.add(Span.missing(PyText.stripStart(response), "none of the answer options"));
        return out;
    }

    /** The period after each option removed ("My answer is yes"). */
    public List<Edit> breaks(String response, TextTools text) {
        String edited = response;
        for (String option : OPTIONS) edited = edited.replace(option, option.substring(0, option.length() - 1));
        return List.of(new Edit("remove_option_period", edited));
    }

    /** Near misses written as the options are. */
    public List<Edit> repairs(String response, TextTools text) {
        Matcher m = NEAR_MISS.matcher(response);
        if (!m.find()) return List.of();
        m.reset();
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, "My answer is " + PyText.lower(m.group(1)) + ".");
        m.appendTail(out);
        return List.of(new Edit("fix_option", out.toString()));
    }


    public Map<String, Object> kwargs() { return Map.of(); }
}
