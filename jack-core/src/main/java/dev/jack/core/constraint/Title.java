package dev.jack.core.constraint;

import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** detectable_format:title — a non-blank title in double angular brackets, {@code <<like this>>}, on one line. */
public record Title() implements Constraint {
    public static final String ID = "detectable_format:title";
    private static final Pattern TITLE = PyRegex.compile("<<[^\\n]+>>");

    static Title parse(Kwargs k) {
        return new Title();
    }

    public String id() { return ID; }

    public String description() {
        return "Your answer must contain a title, wrapped in double angular brackets, such as <<poem of joy>>.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        Matcher m = TITLE.matcher(response);
        while (m.find()) {
            if (!PyText.isBlank(PyText.rstrip(PyText.lstrip(m.group(), "<"), ">"))) return true;
        }
        return false;
    }

    public Map<String, Object> kwargs() { return Map.of(); }
}
