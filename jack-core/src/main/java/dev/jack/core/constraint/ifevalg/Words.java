package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.text.PyText;

import java.util.List;

/** Word kwargs that IFEvalG's reference also accepts as a list, using its first element. */
final class Words {
    private Words() {}

    /** The stripped word, from a string or from the first element of a non-empty list. */
    static String wordOrFirstOfList(Kwargs k, String field) {
        Object raw = k.raw(field);
        if (raw instanceof List<?> list) {
            if (list.isEmpty()) throw new ParameterException(field, Kwargs.RANDOM_IF_EMPTY);
            if (!(list.getFirst() instanceof String s)) throw new ParameterException(field + "[0]", "must be a string, got " + Kwargs.describe(list.getFirst()));
            raw = s;
        }
        if (!(raw instanceof String s)) throw new ParameterException(field, "must be a string or a list of strings, got " + Kwargs.describe(raw));
        if (s.isEmpty()) throw new ParameterException(field, Kwargs.RANDOM_IF_EMPTY);
        String word = PyText.strip(s);
        if (word.isEmpty()) throw new ParameterException(field, "must not be blank");
        return word;
    }

    /** {@code re.sub(r'[^\w\s]', '', word)}: only word characters and whitespace kept. */
    static String withoutPunctuation(String word) {
        StringBuilder b = new StringBuilder(word.length());
        word.codePoints().filter(cp -> PyText.isWordChar(cp) || PyText.isSpace(cp)).forEach(b::appendCodePoint);
        return b.toString();
    }
}
