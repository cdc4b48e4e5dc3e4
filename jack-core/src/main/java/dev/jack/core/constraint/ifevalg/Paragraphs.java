package dev.jack.core.constraint.ifevalg;

import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;

import java.util.List;
import java.util.regex.Pattern;

/** How IFEvalG's paragraph constraints count paragraphs between separators. */
final class Paragraphs {
    private Paragraphs() {}

    /** {@code re.split(r"\s?\*\*\*\s?", text)}: the markdown divider, with one whitespace allowed each side. */
    static final Pattern DIVIDER = PyRegex.compile("\\s?\\*\\*\\*\\s?");

    /**
     * The number of paragraphs: blank first and last pieces do not count; -1 when a piece in between is
     * blank (the reference then fails).
     */
    static int count(List<String> pieces) {
        int count = pieces.size();
        for (int i = 0; i < pieces.size(); i++) {
            if (!PyText.isBlank(pieces.get(i))) continue;
            if (i != 0 && i != pieces.size() - 1) return -1;
            count--;
        }
        return count;
    }
}
