package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * detectable_format:multiple_sections — at least N section markers "SPLITTER number". The splitter is
 * read as a regular expression and matched case-sensitively, as in the reference.
 */
public record MultipleSections(String sectionSpliter, int numSections) implements Constraint {
    public static final String ID = "detectable_format:multiple_sections";

    /** The splitters synthesis uses. */
    private static final List<String> SPLITTERS = List.of("Section", "SECTION", "Part", "PART", "Step");

    public MultipleSections {
        Kwargs.regex("section_spliter", pattern(sectionSpliter), 0);
    }

    public static final ConstraintType<MultipleSections> TYPE = ConstraintType.builder(ID, MultipleSections::parse)
            .parameters(new Parameter("section_spliter", "string (a regular expression, matched with case)"),
                    Parameter.integer("num_sections", 0))
            .example(new MultipleSections("Section", 3))
            .conflict(NthParagraphFirstWord.ID, "section markers would be the first word of the paragraphs")
            .hardness(0.45)
            .phrasings("Your response must have {num_sections} sections. Mark the beginning of each section with {section_spliter} X, such as: {section_spliter} 1",
                    "Divide your answer into {num_sections} sections, each starting with \"{section_spliter} X\" where X is its number.",
                    "Organize the response in {num_sections} parts labeled {section_spliter} 1, {section_spliter} 2 and so on.")
            .synthesis(110, Sampling::new)
            .build();

    private static String pattern(String spliter) {
        return "\\s?" + spliter + "\\s?\\d+\\s?";
    }

    private static MultipleSections parse(Kwargs k) {
        return new MultipleSections(k.strippedString("section_spliter"), k.integer("num_sections", 0));
    }

    public ConstraintType<MultipleSections> type() { return TYPE; }

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

    /** 2-5 sections, each a marker line and a sentence, spread over the blocks in order. */
    private static final class Sampling implements Sketch<MultipleSections> {
        private String spliter;
        private int sections;

        public void content(Draft d) {
            spliter = d.pick(SPLITTERS);
            sections = d.between(2, 5);
            List<List<Witness.Line>> blocks = d.witness().blocks();
            for (List<Witness.Line> block : blocks) block.clear();
            for (int s = 0; s < sections; s++) {
                List<Witness.Line> block = blocks.get(s * blocks.size() / sections);
                block.add(Witness.Line.fixed(spliter + " " + (s + 1)));
                block.add(Witness.Line.prose(d.sentence()));
            }
            for (List<Witness.Line> block : blocks) if (block.isEmpty()) block.add(Witness.Line.prose(d.sentence()));
        }

        public MultipleSections finish(Draft d) {
            return new MultipleSections(spliter, sections);
        }
    }
}
