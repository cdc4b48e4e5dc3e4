package dev.jack.llm;

import dev.jack.core.json.Json;
import dev.jack.llm.engine.GgufFile;
import dev.jack.llm.engine.Llama3Tokenizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Renderings equal llama.cpp's /apply-template, in both its modes, and tokenize to the same ids. */
class ChatTemplatesTest {
    private static final Path LLM = Path.of(System.getProperty("jack.shared.dir", "../shared")).toAbsolutePath().normalize().resolve("llm");

    @Test
    void rendersEveryReferenceConversationAsLlamaCppDoes() throws IOException {
        Path expected = LLM.resolve("expected/llama3.chat_template.jsonl");
        Path model = LLM.resolve("llama3vocab/tiny-llama3vocab-q8_0.gguf");
        Assumptions.assumeTrue(Files.exists(expected) && Files.exists(model),
                "skipped: " + expected + " is absent (reference data lives in ../shared, which CI provides)");
        try (GgufFile gguf = GgufFile.open(model)) {
            Llama3Tokenizer tokenizer = Llama3Tokenizer.from(gguf);
            ChatTemplates.Style jinja = ChatTemplates.Style.of((String) gguf.get("tokenizer.chat_template"));
            assertEquals(ChatTemplates.Style.LLAMA3_1, jinja);
            int rows = 0;
            for (String line : Files.readAllLines(expected)) {
                Map<?, ?> row = (Map<?, ?>) Json.parse(line);
                List<Prompt.Message> messages = new ArrayList<>();
                for (Object o : (List<?>) row.get("messages")) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    messages.add(new Prompt.Message((String) m.get("role"), (String) m.get("content")));
                }
                boolean addGenerationPrompt = !Boolean.FALSE.equals(((Map<?, ?>) row.get("options")).get("add_generation_prompt"));
                ChatTemplates.Style style = row.get("mode").equals("jinja") ? jinja : ChatTemplates.Style.LLAMA3;
                String prompt = ChatTemplates.render(messages, style, addGenerationPrompt, ChatTemplates.DEFAULT_DATE);
                String label = row.get("name") + " (" + row.get("mode") + ")";
                assertEquals(row.get("prompt"), prompt, label);
                List<Integer> ids = new ArrayList<>();
                ids.add(tokenizer.bos());
                ids.addAll(tokenizer.encode(prompt, true));
                assertEquals(((List<?>) row.get("prompt_token_ids")).stream().map(o -> ((Long) o).intValue()).toList(), ids, label);
                rows++;
            }
            assertEquals(24, rows);
        }
    }

    @Test
    void aTemplateOfAnotherFamilyIsAnError() {
        var e = assertThrows(IllegalArgumentException.class, () -> ChatTemplates.Style.of("{% for m in messages %}<|im_start|>{{ m.role }}{% endfor %}"));
        assertEquals(true, e.getMessage().contains("not a Llama 3 template"));
    }
}
