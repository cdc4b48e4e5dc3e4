package dev.jack.core.constraint.ifevalg;

import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;

/**
 * IFEvalG's keyword counts: {@code len(re.findall(keyword, text, re.IGNORECASE))}, the keyword read as
 * an unescaped regular expression matching anywhere ("cats" contains "cat"). Constraints check that their
 * keywords compile with {@link dev.jack.core.constraint.Kwargs#regex}.
 */
final class KeywordRegex {
    private KeywordRegex() {}

    static int count(String keyword, String text) {
        return PyText.countMatches(PyRegex.cached(keyword, PyRegex.IGNORECASE), text);
    }
}
