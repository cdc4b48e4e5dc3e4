package dev.jack.llm;

import dev.jack.llm.engine.GgufFile;
import dev.jack.llm.engine.Llama3Tokenizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlTokensTest {
    @Test
    void findsTheSpecialTokensOfTheCommonFamilies() {
        for (String leaked : List.of("<|start_header_id|>", "<|eot_id|>", "<|begin_of_text|>", "<|im_start|>", "<|im_end|>", "</s>", "[INST]",
                "<end_of_turn>", "<|endoftext|>", "<|reserved_special_token_17|>", "<\uff5cend\u2581of\u2581sentence\uff5c>", "<|channel|>")) {
            var match = ControlTokens.KNOWN.find("The answer is 4." + leaked + "assistant");
            assertTrue(match.isPresent(), leaked);
            assertEquals(leaked, match.get().token());
            assertEquals(16, match.get().offset());
        }
        for (String clean : List.of("a < b | c > d", "x<|y", "Use <b>bold</b>", "[1] cites", "a || b", "<| spaced |>", "")) {
            assertFalse(ControlTokens.KNOWN.containsAny(clean), clean);
        }
        assertEquals("</s>", ControlTokens.KNOWN.find("x</s><|eot_id|>").get().token(), "the earliest occurrence");
    }

    /** findAll gives what find gives again and again on the rest of the text, in one forward pass (a response of 250,000 "</s>" too). */
    @Test
    void findAllIsFindRepeatedOnWhatIsLeft() {
        ControlTokens tokens = ControlTokens.KNOWN.with(List.of("<|eot_id|>", "s>"));
        List<String> pieces = List.of("<s>", "</s>", "<|eot_id|>", "<|im_end|>", "<", "|", ">", "s>", "a", " ", "[INST]", "<｜end｜>");
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) b.append(pieces.get(random.nextInt(pieces.size())));
            String text = b.toString();
            List<ControlTokens.Match> expected = new java.util.ArrayList<>();
            for (int from = 0; from < text.length(); ) {
                var m = tokens.find(text.substring(from));
                if (m.isEmpty()) break;
                expected.add(new ControlTokens.Match(m.get().token(), from + m.get().offset()));
                from += m.get().offset() + m.get().token().length();
            }
            assertEquals(expected, tokens.findAll(text), text);
        }
        assertEquals(250_000, ControlTokens.KNOWN.findAll("</s>".repeat(250_000)).size());
    }

    /** Responses are passed over when they hold none of the chars control tokens begin with: a model's own tokens' too. */
    @Test
    void aTokenIsFoundWhateverCharItBeginsWith() {
        ControlTokens custom = ControlTokens.KNOWN.with(List.of("END!", "\uD83D\uDE00stop"));
        assertEquals(List.of(new ControlTokens.Match("END!", 5), new ControlTokens.Match("\uD83D\uDE00stop", 9)), custom.findAll("done END!\uD83D\uDE00stop"));
        assertTrue(custom.find("no brackets, just END!").isPresent());
        assertTrue(ControlTokens.KNOWN.findAll("no brackets, no END").isEmpty());
        assertEquals("[INST]", ControlTokens.KNOWN.find("a [INST] b").get().token());
    }

    /** A model's own control tokens, from its vocabulary: every Llama 3 special, including names no list knows. */
    @Test
    void aModelsVocabularyAddsItsControlTokens() {
        ControlTokens custom = ControlTokens.KNOWN.with(List.of("<<END>>"));
        assertTrue(custom.containsAny("done<<END>>"));
        assertFalse(ControlTokens.KNOWN.containsAny("done<<END>>"));
        Path model = Path.of(System.getProperty("jack.shared.dir", "../shared")).toAbsolutePath().normalize().resolve("llm/llama3vocab/tiny-llama3vocab-q8_0.gguf");
        Assumptions.assumeTrue(Files.exists(model), "skipped: " + model + " is absent");
        try (GgufFile gguf = GgufFile.open(model)) {
            List<String> controls = Llama3Tokenizer.from(gguf).controlTokenTexts();
            assertEquals(256, controls.size());
            ControlTokens vocabulary = ControlTokens.KNOWN.with(controls);
            for (String t : controls) assertEquals(t, vocabulary.find("text " + t).get().token());
        }
    }

    /**
     * The texts are found by a hand scan: at the earliest offset, the longest text there, as the alternation of the
     * texts (longest first) that it replaced finds them; compared on random texts made of tokens, their prefixes and
     * overlaps.
     */
    @Test
    void theScanFindsWhatTheAlternationOfTheTextsFinds() {
        List<String> extra = List.of("s>", "<st", "[/", "\uff5c\uff5c");
        ControlTokens tokens = ControlTokens.KNOWN.with(extra);
        List<String> texts = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(java.util.stream.Stream.concat(ControlTokens.KNOWN_TEXTS.stream(), extra.stream()).toList()));
        texts.sort(java.util.Comparator.comparingInt(String::length).reversed());
        java.util.regex.Pattern alternation = java.util.regex.Pattern.compile(String.join("|", texts.stream().map(java.util.regex.Pattern::quote).toList()));
        java.util.regex.Pattern barred = ControlTokens.BARRED;
        List<String> pieces = List.of("<s>", "</s>", "<start_of_turn>", "<st", "[/INST]", "[/THINK]", "[/", "<|eot_id|>", "<", "|", ">", "s", "a", " ",
                "[", "]", "INST", "\uff5c", "<bos>", "<eos", "<<SYS>>", "<</SYS>");
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(16); k > 0; k--) b.append(pieces.get(random.nextInt(pieces.size())));
            String text = b.toString();
            ControlTokens.Match expected = null;
            java.util.regex.Matcher m = alternation.matcher(text);
            if (m.find()) expected = new ControlTokens.Match(m.group(), m.start());
            java.util.regex.Matcher bar = barred.matcher(text);
            if (bar.find() && (expected == null || bar.start() < expected.offset())) expected = new ControlTokens.Match(bar.group(), bar.start());
            assertEquals(java.util.Optional.ofNullable(expected), tokens.find(text), text);
        }
    }
}
