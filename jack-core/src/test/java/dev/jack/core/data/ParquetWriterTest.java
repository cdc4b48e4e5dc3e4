package dev.jack.core.data;

import dev.jack.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Jack's Parquet files read back by an independent reader (DuckDB), value for value and type for type. */
class ParquetWriterTest {
    @TempDir
    Path dir;

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static List<Map<String, Object>> turns(String role, String content) {
        return List.of(row("role", role, "content", content));
    }

    private List<Map<String, Object>> readBack(Path file, String query) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(query.replace("FILE", "'" + file + "'"))) {
            while (r.next()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) Json.parse(r.getString(1));
                rows.add(m);
            }
        }
        return rows;
    }

    @Test
    void typedColumnsListsStructsAndNullsReadBackExactly() throws Exception {
        List<Map<String, Object>> rows = List.of(
                row("prompt", "Écris un poème — sans virgule", "key", 1L, "reward", 1.0, "ok", true,
                        "instruction_id_list", List.of("punctuation:no_comma", "length_constraints:number_words"),
                        "chosen", turns("assistant", "Oui"), "params", row("temperature", 0.7, "top_p", null)),
                row("prompt", "", "key", -5L, "reward", 0L, "ok", false, "instruction_id_list", List.of(),
                        "chosen", List.of(row("role", "user", "content", "a"), row("role", "assistant", "content", null)), "params", null),
                row("prompt", null, "key", null, "reward", 0.25, "ok", null, "instruction_id_list", null, "chosen", null,
                        "params", row("temperature", 1L)));
        Path file = dir.resolve("pairs.parquet");
        ParquetWriter.write(file, rows);

        List<Map<String, Object>> back = readBack(file, "SELECT to_json(t) FROM read_parquet(FILE) t");
        assertEquals(3, back.size());
        List<Map<String, Object>> expected = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> e = new HashMap<>(r);
            if (e.get("reward") instanceof Long l) e.put("reward", l.doubleValue());
            if (e.get("params") != null) e.put("params", dev.jack.core.json.PyJson.dumps(e.get("params")));
            expected.add(e);
        }
        assertEquals(expected, back.stream().map(HashMap::new).toList());

        Map<String, Object> types = new HashMap<>();
        for (Map<String, Object> t : readBack(file, "SELECT to_json({'name': column_name, 'type': column_type}) FROM (DESCRIBE SELECT * FROM read_parquet(FILE))")) {
            types.put((String) t.get("name"), t.get("type"));
        }
        assertEquals(Map.of("prompt", "VARCHAR", "key", "BIGINT", "reward", "DOUBLE", "ok", "BOOLEAN", "instruction_id_list", "VARCHAR[]",
                "chosen", "STRUCT(\"role\" VARCHAR, \"content\" VARCHAR)[]", "params", "VARCHAR"), types);
    }

    @Test
    void manyRowsInLongRuns() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(row("i", (long) i, "text", i % 7 == 0 ? null : "row " + i, "tags", Arrays.asList(new String[i % 3]).stream().map(x -> "t").toList()));
        }
        Path file = dir.resolve("many.parquet");
        ParquetWriter.write(file, rows);
        List<Map<String, Object>> sums = readBack(file, "SELECT to_json({'n': count(*), 's': sum(i), 'nulls': count(*) - count(text), 'tags': sum(len(tags))}) FROM read_parquet(FILE)");
        assertEquals(Map.of("n", 5000L, "s", 5000L * 4999 / 2, "nulls", 715L, "tags", 4999L), sums.getFirst());
    }
}
