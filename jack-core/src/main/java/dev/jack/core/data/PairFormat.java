package dev.jack.core.data;

import dev.jack.core.UserException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a preference pair's texts are written, as TRL's preference datasets have them: {@code strings} (plain
 * {@code prompt}, {@code chosen}, {@code rejected}) or {@code messages} (conversational: the prompt as the
 * conversation the responses were drawn from, a system turn when there was a system prompt and then the user turn,
 * each response as one assistant turn, {@code {"role", "content"}} objects). A plain prompt string has no place for a
 * system prompt, and leaving it out would have a trainer learn from a context the responses were not drawn in, so
 * {@code strings} refuses pairs that have one.
 */
public enum PairFormat {
    STRINGS, MESSAGES;

    /**
     * Checks that this format can hold a pair drawn under this system prompt.
     *
     * @throws UserException for {@code strings} and a system prompt, saying to use the messages format
     */
    public void checkHolds(String system) {
        if (this == STRINGS && system != null) {
            throw new UserException("the samples were drawn with a system prompt (--system, or sample.system in jack run's config), which the"
                    + " strings format has no place for: use --format messages (format: messages in jack run's config), whose prompt holds the"
                    + " system turn");
        }
    }

    Object prompt(String system, String text) {
        checkHolds(system);
        if (this == STRINGS) return text;
        return system == null ? List.of(turn("user", text)) : List.of(turn("system", system), turn("user", text));
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

    /**
     * A prompt, chosen or rejected field in either format as text: the string, or its turns' contents joined by blank
     * lines, a leading system turn left out (see {@link #system}).
     */
    static String text(JsonlReader.Row row, String field) {
        Object value = row.fields().get(field);
        if (value instanceof String s) return s;
        if (value instanceof List<?> turns) {
            StringBuilder b = new StringBuilder();
            for (int i = system(row, field) == null ? 0 : 1; i < turns.size(); i++) {
                if (!(turns.get(i) instanceof Map<?, ?> turn) || !(turn.get("content") instanceof String content)) {
                    throw row.error(field, "each turn must be an object with a content string");
                }
                b.append(b.isEmpty() ? "" : "\n\n").append(content);
            }
            return b.toString();
        }
        throw row.error(field, value == null ? "is missing" : "must be a string or a list of chat turns");
    }

    /** The content of a chat-turns field's leading system turn, or null when it has none (or is a string). */
    static String system(JsonlReader.Row row, String field) {
        if (row.fields().get(field) instanceof List<?> turns && !turns.isEmpty() && turns.getFirst() instanceof Map<?, ?> first
                && "system".equals(first.get("role"))) {
            if (!(first.get("content") instanceof String content)) throw row.error(field, "each turn must be an object with a content string");
            return content;
        }
        return null;
    }
}
