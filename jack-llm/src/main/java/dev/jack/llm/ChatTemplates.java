package dev.jack.llm;

/** Client-side chat templates, for servers reached through the raw completions endpoint. */
public final class ChatTemplates {
    private ChatTemplates() {}

    /**
     * The Llama 3 family's template with the assistant header open for generation. The
     * {@code <|begin_of_text|>} token is left out: servers add BOS when they tokenize a prompt.
     */
    public static String llama3(Prompt.Chat chat) {
        StringBuilder b = new StringBuilder();
        for (Prompt.Message m : chat.messages()) {
            b.append("<|start_header_id|>").append(m.role()).append("<|end_header_id|>\n\n")
                    .append(m.content().strip()).append("<|eot_id|>");
        }
        return b.append("<|start_header_id|>assistant<|end_header_id|>\n\n").toString();
    }
}
