package dev.jack.core.synth;

import java.util.List;
import java.util.Map;

/** Fills a constraint's phrasing template ({@link dev.jack.core.constraint.ConstraintType#phrasings()}). */
final class Phrasings {
    private Phrasings() {}

    /**
     * Replaces each {name} with its value: lists as "a", "b" and "c", numbers and strings as they are. A
     * name without a value ({times}, {words}, {paragraphs}...) stays the word itself, made singular when
     * the nearest number before it is 1. Braces around anything but a name are kept as written.
     */
    static String fill(String template, Map<String, ?> values) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int number = 0;
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) break;
            int close = template.indexOf('}', open);
            out.append(template, i, open);
            if (close < 0 || !template.substring(open + 1, close).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                out.append('{');
                i = open + 1;
                continue;
            }
            String name = template.substring(open + 1, close);
            Object value = values.get(name);
            if (value instanceof Integer n) number = n;
            out.append(value != null ? format(value) : number == 1 ? singular(name) : name);
            i = close + 1;
        }
        return out.append(template, i, template.length()).toString();
    }

    private static String format(Object value) {
        if (value instanceof List<?> list) {
            List<String> quoted = list.stream().map(v -> "\"" + v + "\"").toList();
            if (quoted.size() == 1) return quoted.getFirst();
            return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.getLast();
        }
        return String.valueOf(value);
    }

    private static String singular(String plural) {
        return switch (plural) {
            case "times" -> "time";
            case "parts" -> "part";
            case "phrases" -> "phrase";
            default -> plural.substring(0, plural.length() - 1);
        };
    }
}
