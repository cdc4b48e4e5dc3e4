package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Set;

/**
 * format:no_bullets_bullets — lines of text holding at least two Punkt sentences, then at least two
 * lines starting (after stripping) with '*', and nothing after them: any later non-bullet line fails,
 * including the empty line after a trailing newline. The reference reuses its "still in the text"
 * flag for the last line's sentence list, so a text line that follows a blank one also fails.
 */
public record SomeBulletPoints() implements Checker {
    public static final String ID = "format:no_bullets_bullets";

    static SomeBulletPoints parse(Args a) {
        return new SomeBulletPoints();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Your answer must contain at least two sentences ending in a period followed by at least two bullet points denoted by *.";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.PUNKT_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
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
}
