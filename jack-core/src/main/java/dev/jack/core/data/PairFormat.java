package dev.jack.core.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a preference pair's texts are written, as TRL's preference datasets have them: {@code strings} (plain
 * {@code prompt}, {@code chosen}, {@code rejected}) or {@code messages} (conversational: the prompt as one user
 * turn, each response as one assistant turn, {@code {"role", "content"}} objects).
 */
public enum PairFormat {
    STRINGS, MESSAGES;

    Object prompt(String text) {
        return this == STRINGS ? text : List.of(turn("user", text));
    }

    Object response(String text) {
        return this == STRINGS ? text : List.of(turn("assistant", text));
    }

    /** A turn with its keys in TRL's order (a Map.of would order them differently from one JVM to the next). */
    private static Map<String, Object> turn(String role, String content) {
        Map<String, Object> turn = new LinkedHashMap<>();
        turn.put("role", role);
        turn.put("content", content);
        return turn;
    }

    /** A prompt, chosen or rejected field in either format as text: the string, or its turns' contents joined by blank lines. */
    static String text(JsonlReader.Row row, String field) {
        Object value = row.fields().get(field);
        if (value instanceof String s) return s;
        if (value instanceof List<?> turns) {
            StringBuilder b = new StringBuilder();
            for (Object t : turns) {
                if (!(t instanceof Map<?, ?> turn) || !(turn.get("content") instanceof String content)) {
                    throw row.error(field, "each turn must be an object with a content string");
                }
                b.append(b.isEmpty() ? "" : "\n\n").append(content);
            }
            return b.toString();
        }
        throw row.error(field, value == null ? "is missing" : "must be a string or a list of chat turns");
    }
}
