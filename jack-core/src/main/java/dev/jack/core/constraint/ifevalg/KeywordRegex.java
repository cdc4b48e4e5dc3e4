package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.ParameterException;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;

import java.util.regex.Pattern;

/**
 * IFEvalG's keyword counts: {@code len(re.findall(keyword, text, re.IGNORECASE))}, the keyword read as
 * an unescaped regular expression matching anywhere ("cats" contains "cat").
 */
final class KeywordRegex {
    private KeywordRegex() {}

    /** The compiled keyword; one the reference could not compile is a parameter error. */
    static Pattern compile(String field, String keyword) {
        try {
            return PyRegex.cached(keyword, PyRegex.IGNORECASE);
        } catch (PyRegex.InvalidPatternException e) {
            throw new ParameterException(field, "\"" + keyword + "\" is not a valid regular expression (the reference reads it as one): " + e.getMessage());
        }
    }

    static int count(String keyword, String text) {
        return PyText.countMatches(PyRegex.cached(keyword, PyRegex.IGNORECASE), text);
    }
}
