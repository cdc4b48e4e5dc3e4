package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
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

    /** The reference's matches of {@code \s?SPLITTER\s?\d+\s?}, without the spaces at their ends. */
    private List<int[]> markers(String response) {
        List<int[]> found = new ArrayList<>();
        Matcher m = PyRegex.cached(pattern(sectionSpliter), 0).matcher(response);
        while (m.find()) {
            int start = m.start() + PyText.stripStart(m.group());
            found.add(new int[] {start, Math.max(start, m.start() + PyText.rstrip(m.group()).length())});
        }
        return found;
    }

    /** Each section marker; with too few, also where more would go. */
    public List<Span> spans(String response, TextTools text) {
        return Edits.counted(markers(response), Relation.AT_LEAST, numSections, "section marker", Edits.textEnd(response));
    }

    /** Section markers cut (with their line when alone on it), the last first, until fewer than N are left. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> units = new ArrayList<>();
        for (int[] m : markers(response)) {
            int lineStart = response.lastIndexOf('\n', m[0] - 1) + 1;
            int nl = response.indexOf('\n', m[1]);
            int lineEnd = nl < 0 ? response.length() : nl;
            boolean alone = PyText.isBlank(response.substring(lineStart, m[0])) && PyText.isBlank(response.substring(m[1], lineEnd));
            units.add(alone && nl >= 0 ? new int[] {lineStart, nl + 1} : m);
        }
        return Edits.cutFromEnd("remove_section_markers", response, units, r -> !isFollowedBy(r, text));
    }

    /** The missing sections added at the end, each a marker line numbered on from the last and a neutral sentence. */
    public List<Edit> repairs(String response, TextTools text) {
        if (!PyRegex.isLiteral(sectionSpliter)) return List.of();
        int have = markers(response).size();
        int end = Edits.textEnd(response);
        StringBuilder added = new StringBuilder();
        List<String> sentences = Edits.fillers(response, numSections);
        for (int s = have; s < numSections; s++) added.append("\n\n").append(sectionSpliter).append(' ').append(s + 1).append('\n').append(sentences.get(s - have));
        return List.of(new Edit("add_sections", Edits.replace(response, end, end, added.toString())));
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
