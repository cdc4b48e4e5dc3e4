package dev.jack.core.constraint;

import dev.jack.core.text.PyRegex;
import dev.jack.core.text.TextTools;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * detectable_format:number_bullet_lists — exactly N markdown bullet points ("* " or "- " lines),
 * counted with the reference's regexes, whose leading {@code \s*} may span blank lines.
 */
public record NumberOfBulletLists(int numBullets) implements Constraint {
    public static final String ID = "detectable_format:number_bullet_lists";
    private static final Pattern STAR = PyRegex.compile("^\\s*\\*[^*].*$", PyRegex.MULTILINE);
    private static final Pattern DASH = PyRegex.compile("^\\s*-.*$", PyRegex.MULTILINE);

    static NumberOfBulletLists parse(Kwargs k) {
        return new NumberOfBulletLists(k.integer("num_bullets", 0));
    }

    public String id() { return ID; }

    public String description() {
        return "Your answer must contain exactly " + numBullets + " bullet points. Use the markdown bullet points such as:\n* This is point 1. \n* This is point 2";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return count(STAR.matcher(response)) + count(DASH.matcher(response)) == numBullets;
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    public Map<String, Object> kwargs() { return Map.of("num_bullets", numBullets); }
}
