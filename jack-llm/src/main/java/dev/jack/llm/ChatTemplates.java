package dev.jack.llm;

import dev.jack.core.text.PyText;

import java.util.List;

/**
 * The Llama 3 family's chat templates, rendered as llama.cpp renders them. The {@code <|begin_of_text|>}
 * token is left out: it is added when the prompt is tokenized.
 */
public final class ChatTemplates {
    private ChatTemplates() {}

    /** The Llama 3.1 template's fallback date; llama.cpp passes today's date, Jack keeps prompts reproducible. */
    public static final String DEFAULT_DATE = "26 Jul 2024";

    /**
     * Which rendering: llama.cpp's built-in Llama 3 formatter ({@code --no-jinja}), or the Llama 3.1 Instruct Jinja
     * template, which always opens with a system turn carrying the knowledge cutoff and a date.
     */
    public enum Style {
        LLAMA3, LLAMA3_1;

        /**
         * The style of a GGUF's {@code tokenizer.chat_template}; a template of another family is an error,
         * because rendering it as Llama 3 would silently produce prompts the model was not trained on.
         */
        public static Style of(String template) {
            if (template == null) return LLAMA3;
            if (!template.contains("<|start_header_id|>")) {
                throw new IllegalArgumentException("the model's chat template is not a Llama 3 template (no <|start_header_id|>); "
                        + "only the Llama 3 family's templates are supported");
            }
            return template.contains("Cutting Knowledge Date") ? LLAMA3_1 : LLAMA3;
        }
    }

    /**
     * Renders messages. Contents are trimmed. A final assistant message is a prefill: the Llama 3.1 template
     * leaves it open for the model to continue, the built-in formatter closes it; neither adds a generation prompt.
     */
    public static String render(List<Prompt.Message> messages, Style style, boolean addGenerationPrompt, String date) {
        StringBuilder b = new StringBuilder();
        int first = 0;
        if (style == Style.LLAMA3_1) {
            boolean hasSystem = !messages.isEmpty() && messages.getFirst().role().equals("system");
            turn(b, "system", "Cutting Knowledge Date: December 2023\nToday Date: " + date + "\n\n"
                    + (hasSystem ? PyText.strip(messages.getFirst().content()) : ""));
            b.append("<|eot_id|>");
            first = hasSystem ? 1 : 0;
        }
        boolean prefill = !messages.isEmpty() && messages.getLast().role().equals("assistant");
        for (int i = first; i < messages.size(); i++) {
            Prompt.Message m = messages.get(i);
            turn(b, m.role(), style == Style.LLAMA3_1 ? PyText.strip(m.content()) : asciiTrim(m.content()));
            if (!(prefill && style == Style.LLAMA3_1 && i == messages.size() - 1)) b.append("<|eot_id|>");
        }
        if (addGenerationPrompt && !prefill) b.append("<|start_header_id|>assistant<|end_header_id|>\n\n");
        return b.toString();
    }

    private static void turn(StringBuilder b, String role, String content) {
        b.append("<|start_header_id|>").append(role).append("<|end_header_id|>\n\n").append(content);
    }

    /** llama.cpp's built-in formatter trims with C's isspace. */
    private static String asciiTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && " \t\n\u000b\f\r".indexOf(s.charAt(start)) >= 0) start++;
        while (end > start && " \t\n\u000b\f\r".indexOf(s.charAt(end - 1)) >= 0) end--;
        return s.substring(start, end);
    }
}
