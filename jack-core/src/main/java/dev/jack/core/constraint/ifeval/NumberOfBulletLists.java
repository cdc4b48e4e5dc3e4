package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Vocabulary;
import dev.jack.core.constraint.Witness;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

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
            int newline = PyText.indexOf(s, '\n', resume);
            if (end >= 0 && s.charAt(end - 1) == '\n') newline = PyText.indexOf(s, '\n', end);
            if (newline < 0) break;
            lineStart = newline + 1;
        }
        return count;
    }

    /** The reference's matches ({@code ^\s*\*[^\*].*$} and {@code ^\s*-.*$}, multiline), from the marker on, in order. */
    private static List<int[]> bullets(String response) {
        List<int[]> found = new ArrayList<>();
        for (String pattern : List.of("^\\s*\\*[^\\*].*$", "^\\s*-.*$")) {
            Matcher m = PyRegex.cached(pattern, PyRegex.MULTILINE).matcher(response);
            while (m.find()) found.add(new int[] {m.start() + PyText.stripStart(m.group()), m.end()});
        }
        found.sort(Comparator.comparingInt((int[] b) -> b[0]));
        return found;
    }

    /** Each bullet point; with too many, the ones past N; with too few, all and where more would go. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> found = bullets(response);
        List<Span> out = new ArrayList<>();
        int from = found.size() > numBullets ? numBullets : 0;
        for (int i = from; i < found.size(); i++) {
            out.add(new Span(found.get(i)[0], found.get(i)[1], "bullet " + (i + 1) + " (exactly " + numBullets + " needed)"));
        }
        if (found.size() < numBullets) out.add(Span.missing(Edits.textEnd(response), (numBullets - found.size()) + " more bullet points (exactly " + numBullets + " needed)"));
        return out;
    }

    /** One bullet's marker removed, or one bullet point added. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>(2);
        List<int[]> found = bullets(response);
        if (!found.isEmpty()) out.add(new Edit("remove_bullet", unbullet(response, found.subList(found.size() - 1, found.size()))));
        out.add(new Edit("add_bullet", addBullets(response, found, 1)));
        return out;
    }

    /** The markers of the extra bullets removed (the last ones), or the missing bullet points added after the last one. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> found = bullets(response);
        if (found.size() > numBullets) {
            return List.of(new Edit("remove_bullets", unbullet(response, found.subList(numBullets, found.size()))));
        }
        return List.of(new Edit("add_bullets", addBullets(response, found, numBullets - found.size())));
    }

    /** The text with these bullets' markers (and the space after each) removed. */
    private static String unbullet(String response, List<int[]> bullets) {
        List<int[]> markers = new ArrayList<>();
        for (int[] b : bullets) markers.add(new int[] {b[0], b[0] + (b[0] + 1 < response.length() && response.charAt(b[0] + 1) == ' ' ? 2 : 1)});
        String edited = response;
        for (int i = markers.size() - 1; i >= 0; i--) edited = Edits.replace(edited, markers.get(i)[0], markers.get(i)[1], "");
        return edited;
    }

    /** The text with n bullet points (neutral sentences, marked as the last bullet is) after the last bullet, or at the end. */
    private static String addBullets(String response, List<int[]> bullets, int n) {
        char marker = bullets.isEmpty() ? '*' : response.charAt(bullets.getLast()[0]);
        int at = bullets.isEmpty() ? Edits.textEnd(response) : lineEnd(response, bullets.getLast()[0]);
        StringBuilder lines = new StringBuilder(bullets.isEmpty() ? "\n" : "");
        List<String> sentences = Vocabulary.ENGLISH;
        for (int i = 0; i < n; i++) lines.append('\n').append(marker).append(' ').append(Edits.inCaseOf(response, sentences.get(i % sentences.size())));
        return Edits.replace(response, at, at, lines.toString());
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
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
