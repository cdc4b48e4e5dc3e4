package dev.jack.core.ifeval;

import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link IfevalPrompt#readAll} makes prompts on every core, yet keeps file order and reports the first bad row. */
class IfevalPromptTest {
    private static String row(long key, String kwargs) {
        return "{\"key\": " + key + ", \"prompt\": \"p" + key + "\", \"instruction_id_list\": [\"length_constraints:number_words\"], \"kwargs\": [" + kwargs + "]}";
    }

    private static Path file(Path dir, List<String> lines) throws IOException {
        return Files.write(dir.resolve("input_data.jsonl"), lines);
    }

    @Test
    void promptsInFileOrder(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < 20_000; k++) lines.add(row(k * 7L % 20_000, "{\"num_words\": " + (k % 50 + 1) + ", \"relation\": \"at least\"}"));
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(file(dir, lines));
        assertEquals(20_000, prompts.size());
        for (int k = 0; k < prompts.size(); k++) {
            assertEquals(k * 7L % 20_000, prompts.get(k).key());
            assertEquals(k % 50 + 1, ((Number) prompts.get(k).constraints().getFirst().kwargs().get("num_words")).intValue());
        }
    }

    @Test
    void theFirstBadRowInFileOrderIsReported(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < 20_000; k++) lines.add(row(k, "{\"num_words\": 5, \"relation\": \"at least\"}"));
        lines.set(15_000, row(15_000, "{\"num_words\": \"many\", \"relation\": \"at least\"}"));
        lines.set(19_000, row(3, "{\"num_words\": 5, \"relation\": \"at least\"}"));
        DataFileException bad = assertThrows(DataFileException.class, () -> IfevalPrompt.readAll(file(dir, lines)));
        assertTrue(bad.getMessage().contains(":15001:") && bad.getMessage().contains("kwargs[0].num_words"), bad.getMessage());
        lines.set(12_000, row(7, "{\"num_words\": 5, \"relation\": \"at least\"}"));
        DataFileException duplicate = assertThrows(DataFileException.class, () -> IfevalPrompt.readAll(file(dir, lines)));
        assertTrue(duplicate.getMessage().contains(":12001:") && duplicate.getMessage().contains("duplicate key 7 (first on line 8)"), duplicate.getMessage());
        lines.set(12_500, "{\"key\": 1, \"prompt\": \"p\", \"instruction_id_list\": [");
        DataFileException beforeMalformed = assertThrows(DataFileException.class, () -> IfevalPrompt.readAll(file(dir, lines)));
        assertTrue(beforeMalformed.getMessage().contains(":12001:"), beforeMalformed.getMessage());
        lines.set(12_000, row(12_000, "{\"num_words\": 5, \"relation\": \"at least\"}"));
        DataFileException malformed = assertThrows(DataFileException.class, () -> IfevalPrompt.readAll(file(dir, lines)));
        assertTrue(malformed.getMessage().contains(":12501:"), malformed.getMessage());
    }

    /** forEach hands the prompts over in file order as they are made, those before the first bad row, then throws it. */
    @Test
    void forEachHandsOverThePromptsBeforeTheFirstBadRow(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < 5_000; k++) lines.add(row(k, "{\"num_words\": 5, \"relation\": \"at least\"}"));
        lines.set(3_000, row(3_000, "{\"num_words\": \"many\", \"relation\": \"at least\"}"));
        List<Long> keys = new ArrayList<>();
        DataFileException bad = assertThrows(DataFileException.class, () -> IfevalPrompt.forEach(file(dir, lines), p -> keys.add(p.key())));
        assertTrue(bad.getMessage().contains(":3001:") && bad.getMessage().contains("kwargs[0].num_words"), bad.getMessage());
        assertEquals(3_000, keys.size());
        for (int k = 0; k < keys.size(); k++) assertEquals(k, keys.get(k));
        DataFileException none = assertThrows(DataFileException.class, () -> IfevalPrompt.forEach(file(dir, List.of("", " ")), p -> keys.add(p.key())));
        assertTrue(none.getMessage().endsWith("input_data.jsonl: no prompts"), none.getMessage());
    }

    /**
     * Rows with the same lists of ids and kwargs share one list of constraints, equal to what each row makes alone; kwargs
     * that differ only in a number's type (3 against 3.0) or in their keys' order are not shared; a row that shares its
     * lists but lacks its prompt is still reported on its own line.
     */
    @Test
    void rowsWithTheSameListsShareTheirConstraints(@TempDir Path dir) throws IOException {
        String kwargs = "{\"num_words\": 5, \"relation\": \"at least\"}";
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < 2_000; k++) lines.add(row(k, kwargs));
        lines.set(1_500, row(1_500, "{\"num_words\": 5.0, \"relation\": \"at least\"}"));
        lines.set(1_600, row(1_600, "{\"relation\": \"at least\", \"num_words\": 5}"));
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(file(dir, lines));
        for (int k = 0; k < prompts.size(); k++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) Json.parse(lines.get(k));
            IfevalPrompt alone = IfevalPrompt.fromRow(new JsonlReader.Row(dir, k + 1, fields));
            assertEquals(alone, prompts.get(k));
            assertEquals(k != 1_500 && k != 1_600, prompts.get(k).constraints() == prompts.getFirst().constraints(), "row " + k);
        }
        lines.set(1_800, row(1_800, kwargs).replace("\"prompt\"", "\"question\""));
        DataFileException missing = assertThrows(DataFileException.class, () -> IfevalPrompt.readAll(file(dir, lines)));
        assertTrue(missing.getMessage().contains(":1801:") && missing.getMessage().contains("prompt"), missing.getMessage());
    }

    /**
     * A row whose lists another row made first (as when two chunks race: a map that never finds a row sends every row
     * down that path) takes those constraints, equal to its own; a row whose lists make an error leaves nothing shared.
     */
    @Test
    void aRowTakesTheConstraintsAnotherRowMadeFirst(@TempDir Path dir) {
        Map<IfevalPrompt.Made.Lists, IfevalPrompt.Made.Constraints> made = new ConcurrentHashMap<>() {
            @Override
            public IfevalPrompt.Made.Constraints get(Object key) {
                return null;
            }
        };
        String kwargs = "{\"num_words\": 5, \"relation\": \"at least\"}";
        List<IfevalPrompt> prompts = new ArrayList<>();
        for (int k = 0; k < 3; k++) prompts.add(IfevalPrompt.fromRow(parsed(dir, k, row(k, kwargs)), made));
        for (IfevalPrompt p : prompts) {
            assertSame(prompts.getFirst().constraints(), p.constraints());
            assertEquals(IfevalPrompt.fromRow(parsed(dir, 0, row(0, kwargs))).constraints(), p.constraints());
        }
        Map<IfevalPrompt.Made.Lists, IfevalPrompt.Made.Constraints> none = new ConcurrentHashMap<>();
        assertThrows(DataFileException.class, () -> IfevalPrompt.fromRow(parsed(dir, 3, row(3, "{\"num_words\": \"many\"}")), none));
        assertTrue(none.isEmpty());
    }

    /** Line {@code k + 1} of a file in {@code dir}, as the reader gives it. */
    @SuppressWarnings("unchecked")
    private static JsonlReader.Row parsed(Path dir, int k, String line) {
        return new JsonlReader.Row(dir, k + 1, (Map<String, Object>) Json.parse(line));
    }
}
