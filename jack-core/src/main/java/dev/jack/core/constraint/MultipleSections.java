package dev.jack.core.constraint;

import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;
import java.util.regex.Matcher;

/**
 * detectable_format:multiple_sections — at least N section markers "SPLITTER number". The splitter is
 * read as a regular expression and matched case-sensitively, as in the reference.
 */
public record MultipleSections(String sectionSpliter, int numSections) implements Constraint {
    public static final String ID = "detectable_format:multiple_sections";

    public MultipleSections {
        Kwargs.regex("section_spliter", pattern(sectionSpliter), 0);
    }

    private static String pattern(String spliter) {
        return "\\s?" + spliter + "\\s?\\d+\\s?";
    }

    static MultipleSections parse(Kwargs k) {
        return new MultipleSections(k.strippedString("section_spliter"), k.integer("num_sections", 0));
    }

    public String id() { return ID; }

    public String description() {
        return "Your response must have " + numSections + " sections. Mark the beginning of each section with "
                + sectionSpliter + " X, such as:\n" + sectionSpliter + " 1\n[content of section 1]\n"
                + sectionSpliter + " 2\n[content of section 2]";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return countMarkers(response, sectionSpliter) >= numSections;
    }

    /** Non-overlapping matches of {@code \s?SPLITTER\s?\d+\s?}, scanned directly when the splitter is plain text. */
    static int countMarkers(String s, String spliter) {
        int count = 0;
        if (!PyRegex.isLiteral(spliter)) {
            Matcher m = PyRegex.cached(pattern(spliter), 0).matcher(s);
            while (m.find()) count++;
            return count;
        }
        for (int at = s.indexOf(spliter); at >= 0; ) {
            int i = at + spliter.length();
            if (i < s.length() && PyText.isSpace(s.charAt(i)) && i + 1 < s.length() && PyText.isDecimal(s.codePointAt(i + 1))) i++;
            if (i < s.length() && PyText.isDecimal(s.codePointAt(i))) {
                while (i < s.length() && PyText.isDecimal(s.codePointAt(i))) i += Character.charCount(s.codePointAt(i));
                if (i < s.length() && PyText.isSpace(s.charAt(i))) i++;
                count++;
                at = s.indexOf(spliter, i);
            } else {
                at = s.indexOf(spliter, at + 1);
            }
        }
        return count;
    }

    public Map<String, Object> kwargs() { return Map.of("section_spliter", sectionSpliter, "num_sections", numSections); }
}
