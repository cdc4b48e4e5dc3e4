package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;

/**
 * detectable_format:number_bullet_lists — exactly N markdown bullet points ("* " or "- " lines),
 * counted with the reference's regexes, whose leading {@code \s*} may span blank lines.
 */
public record NumberOfBulletLists(int numBullets) implements Constraint {
    public static final String ID = "detectable_format:number_bullet_lists";

    public static final ConstraintType<NumberOfBulletLists> TYPE = ConstraintType.builder(ID, NumberOfBulletLists::parse)
            .parameters(Parameter.integer("num_bullets", 0))
            .example(new NumberOfBulletLists(4))
            .hardness(0.45)
            .phrasings("Your answer must contain exactly {num_bullets} bullet {points}. Use markdown bullets such as:\n* This is a point.",
                    "Use exactly {num_bullets} markdown bullet {points} (lines starting with \"* \").",
                    "Include a list of exactly {num_bullets} bullet {points}, each line starting with an asterisk.")
            .synthesis(120, Sampling::new)
            .build();

    private static NumberOfBulletLists parse(Kwargs k) {
        return new NumberOfBulletLists(k.integer("num_bullets", 0));
    }

    public ConstraintType<NumberOfBulletLists> type() { return TYPE; }

    public String description() {
        return "Your answer must contain exactly " + numBullets + " bullet points. Use the markdown bullet points such as:\n* This is point 1. \n* This is point 2";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return countBullets(response, '*') + countBullets(response, '-') == numBullets;
    }

    /**
     * Counts matches of {@code ^\s*\*[^*].*$} (marker '*') or {@code ^\s*-.*$} (marker '-') in
     * MULTILINE mode. From a line start, {@code \s*} runs to the first non-space character, across
     * blank lines; a match needs the marker there (and, for '*', any one character but '*' after it,
     * a newline included, so the match may run on through the next line). The next match can only
     * start at the line after the one where this one ended.
     */
    static int countBullets(String s, char marker) {
        int count = 0;
        int lineStart = 0;
        int n = s.length();
        while (lineStart < n) {
            int q = lineStart;
            while (q < n && PyText.isSpace(s.charAt(q))) q++;
            int end = -1;
            if (q < n && s.charAt(q) == marker) {
                if (marker == '-') end = q + 1;
                else if (q + 1 < n && s.charAt(q + 1) != '*') end = q + 2;
            }
            int resume;
            if (end >= 0) {
                count++;
                resume = end;
            } else {
                resume = q;
            }
            int newline = s.indexOf('\n', resume);
            if (end >= 0 && s.charAt(end - 1) == '\n') newline = s.indexOf('\n', end);
            if (newline < 0) break;
            lineStart = newline + 1;
        }
        return count;
    }

    public Map<String, Object> kwargs() { return Map.of("num_bullets", numBullets); }

    /** 1-5 "* " lines after the first line of a random block. */
    private static final class Sampling implements Sketch<NumberOfBulletLists> {
        private int bullets;

        public void content(Draft d) {
            bullets = d.between(1, 5);
            List<Witness.Line> block = d.pick(d.witness().blocks());
            for (int b = 0; b < bullets; b++) block.add(1 + b, Witness.Line.fixed("* " + d.sentence()));
        }

        public NumberOfBulletLists finish(Draft d) {
            return new NumberOfBulletLists(bullets);
        }
    }
}
