package dev.jack.core.data;

import dev.jack.core.json.PyJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading a file of many batches, whose bytes are reused from batch to batch, gives every row as written. */
class JsonlReaderBatchesTest {
    @Test
    void everyRowOfManyBatchesIsReadAsWritten(@TempDir Path dir) throws IOException {
        Random random = new Random(20);
        List<String> alphabet = List.of("a", "b", "c", " ", "d", "\"", "\\", "\n", "\t", "é", "’", "—", "\uD83D\uDE00", "x");
        List<String> texts = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            // Mostly short rows; now and then one longer than a batch, or than twice a batch (whose bytes are not kept).
            int length = i % 997 == 500 ? (1 << 20) + random.nextInt(1 << 20) : i % 1499 == 700 ? (5 << 20) / 2 : random.nextInt(3000);
            StringBuilder t = new StringBuilder(length);
            // Runs of one script: whole batches of Latin-1 text, and others with wider chars.
            int wide = i / 500 % 2 == 0 ? 10 : alphabet.size();
            while (t.length() < length) t.append(alphabet.get(random.nextInt(wide)));
            texts.add(t.toString());
            // Written as UTF-8 with only what JSON must escape escaped, so that batches decode to wide strings too.
            String raw = t.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
            file.append(i % 2 == 0 ? PyJson.dumps(Map.of("text", t.toString())) : "{\"text\": \"" + raw + "\"}").append(i % 3 == 0 ? "\r\n" : "\n");
        }
        Path jsonl = dir.resolve("rows.jsonl");
        Files.writeString(jsonl, file, StandardCharsets.UTF_8);
        List<String> read = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        JsonlReader.forEach(jsonl, row -> {
            read.add(row.string("text"));
            lines.add(row.line());
        });
        assertEquals(texts.size(), read.size());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(texts.get(i), read.get(i), "row " + (i + 1));
            assertEquals(i + 1, lines.get(i));
        }
    }
}
