package dev.jack.core.constraint;

import java.util.List;
import java.util.stream.Collectors;

/** Python's {@code repr} of strings and string lists, which the references' wordings embed (IFEval: {@code str(list)}). */
public final class PyRepr {
    private PyRepr() {}

    public static String str(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(quote);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == quote) b.append('\\');
                    b.append(c);
                }
            }
        }
        return b.append(quote).toString();
    }

    public static String list(List<String> items) {
        return items.stream().map(PyRepr::str).collect(Collectors.joining(", ", "[", "]"));
    }
}
