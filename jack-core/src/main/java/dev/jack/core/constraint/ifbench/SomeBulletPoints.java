package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Witness;
import dev.jack.core.constraint.ifeval.JsonFormat;
import dev.jack.core.constraint.ifeval.NthParagraphFirstWord;
import dev.jack.core.constraint.ifeval.NumberOfBulletLists;
import dev.jack.core.constraint.ifeval.NumberOfParagraphs;
import dev.jack.core.constraint.ifeval.Postscript;
import dev.jack.core.constraint.ifeval.TwoResponses;
import dev.jack.core.constraint.ifevalg.NoDots;
import dev.jack.core.constraint.ifevalg.ParagraphsBlankLine;
import dev.jack.core.constraint.ifevalg.ParagraphsDivider;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * format:no_bullets_bullets — lines of text holding at least two Punkt sentences, then at least two
 * lines starting (after stripping) with '*', and nothing after them: any later non-bullet line fails,
 * including the empty line after a trailing newline. The reference reuses its "still in the text"
 * flag for the last line's sentence list, so a text line that follows a blank one also fails.
 */
public record SomeBulletPoints() implements Constraint {
    public static final String ID = "format:no_bullets_bullets";

    public static final ConstraintType<SomeBulletPoints> TYPE = ConstraintType.builder(ID, SomeBulletPoints::parse)
            .example(new SomeBulletPoints())
            .analyses(TextAnalysis.SENTENCES)
            .conflict(NumberOfParagraphs.ID, "its text must be one run of lines, without blank lines")
            .conflict(NthParagraphFirstWord.ID, "its text must be one run of lines, without blank lines")
            .conflict(ParagraphsDivider.ID, "its text must be one run of lines, without blank lines")
            .conflict(ParagraphsBlankLine.ID, "its text must be one run of lines, without blank lines")
            .conflict(TwoResponses.ID, "the ****** divider would be read as a bullet")
            .conflict(NumberOfBulletLists.ID, "both count the bullet points")
            .conflict(JsonFormat.ID, "JSON is one line, without bullets")
            .conflict(Postscript.ID, "nothing may follow the bullets")
            .conflict(SubBulletPoints.ID, "nothing but * bullets may follow the sentences")
            .conflict(NoDots.ID, "its sentences must end in periods")
            .hardness(0.45)
            .phrasings("Your answer must contain at least two sentences ending in a period followed by at least two bullet points denoted by *.",
                    "Write at least two sentences first, then finish with two or more * bullet points and nothing after them.",
                    "Begin with a short paragraph of at least two sentences, and end with at least two bullet points marked with *.")
            .synthesis(975, () -> Sampling.INSTANCE)
            .build();

    private static SomeBulletPoints parse(Kwargs k) {
        return new SomeBulletPoints();
    }

    public ConstraintType<SomeBulletPoints> type() { return TYPE; }

    public String description() {
        return "Your answer must contain at least two sentences ending in a period followed by at least two bullet points denoted by *.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        boolean inText = true;
        int sentences = 0;
        int bullets = 0;
        for (String line : PyText.split(response, "\n")) {
            String stripped = PyText.strip(line);
            if (stripped.startsWith("*")) {
                inText = false;
                if (sentences < 2) return false;
                bullets++;
            } else if (inText) {
                List<String> found = text.sentences(stripped);
                sentences += found.size();
                inText = !found.isEmpty();
            } else {
                return false;
            }
        }
        return bullets >= 2;
    }

    /** Each line after the first bullet that is not a bullet (a blank one too, as an empty span), in order. */
    private static List<int[]> textAfterBullets(String response) {
        List<int[]> out = new ArrayList<>();
        boolean bullets = false;
        for (int[] line : Edits.lines(response)) {
            boolean bullet = response.startsWith("*", line[0]) && line[1] > line[0];
            if (bullets && !bullet) out.add(line);
            bullets |= bullet;
        }
        return out;
    }

    /** The lines after the bullets that are not bullets, else the whole text (too few sentences or bullets when it fails). */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> after = textAfterBullets(response);
        if (after.isEmpty() && !isFollowedBy(response, text)) return List.of(Edits.whole(response, "not two sentences then two bullets"));
        return Edits.failingOrWhole(response, after, "text after the bullets", "sentences then bullets");
    }

    /** A line of text added after the bullets. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("add_line", PyText.rstrip(response) + "\nThat is all.")), r -> !isFollowedBy(r, text));
    }

    /** What follows the last bullet cut, and bullets added at the end (up to two). */
    public List<Edit> repairs(String response, TextTools text) {
        List<Edit> out = new ArrayList<>();
        List<int[]> after = textAfterBullets(response);
        if (!after.isEmpty()) {
            int cut = PyText.rstrip(response.substring(0, after.getFirst()[0])).length();
            out.add(new Edit("remove_text_after_bullets", response.substring(0, cut)));
        }
        String added = PyText.rstrip(response);
        for (int i = 0; i < 2; i++) {
            added += "\n* One more point.";
            if (isFollowedBy(added, text)) {
                out.add(new Edit("add_bullets", added));
                break;
            }
        }
        return Edits.verified(out, r -> isFollowedBy(r, text));
    }

    /** Blocks joined without blank lines, the first line of three sentences or more, and two to four bullets at the end. */
    private enum Sampling implements Sketch<SomeBulletPoints> {
        INSTANCE;

        public void content(Draft d) {
            Witness w = d.witness();
            w.setBlockSeparator("\n");
            List<String> first = w.proseLine(0).sentences();
            // Three, as a sentence end that Punkt does not see (a closing HTML tag after the period) can join two.
            while (first.size() < 3) first.add(d.sentence());
            List<Witness.Line> last = w.blocks().getLast();
            for (int i = d.between(2, 4); i > 0; i--) last.add(Witness.Line.fixed("* " + d.sentence()));
        }

        public SomeBulletPoints finish(Draft d) {
            return new SomeBulletPoints();
        }
    }
}
