package dev.jack.core.data;

import dev.jack.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files written by an independent writer (DuckDB) read back value for value, nested lists and structs included. */
class ParquetReaderTest {
    @TempDir
    Path dir;

    private Path parquet(Path jsonl, String codec) throws Exception {
        Path file = dir.resolve(jsonl.getFileName() + "." + codec + ".parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_json('" + jsonl + "', format = 'newline_delimited')) TO '" + file
                    + "' (FORMAT PARQUET, COMPRESSION " + codec + ")");
        }
        return file;
    }

    private static List<Object> jsonl(Path file) throws IOException {
        List<Object> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) rows.add(Json.parse(line));
        return rows;
    }

    @Test
    void nestedRowsReadBackUnderEveryCodecJackReads() throws Exception {
        Path rows = Files.writeString(dir.resolve("rows.jsonl"), """
                {"key": 1, "prompt": "Écris — sans virgule", "ids": ["a:b", "c:d"], "kwargs": [{"N": 5.0, "word": null}, {"N": null, "word": "x"}], "ok": true}
                {"key": 2, "prompt": "", "ids": [], "kwargs": [], "ok": false}
                {"key": 3, "prompt": null, "ids": null, "kwargs": null, "ok": null}
                {"key": 4, "prompt": "same", "ids": ["a:b", "a:b", "a:b"], "kwargs": [null, {"N": 2.5, "word": "y"}], "ok": true}
                """);
        for (String codec : List.of("UNCOMPRESSED", "SNAPPY", "GZIP")) {
            assertEquals(jsonl(rows), List.copyOf(ParquetReader.read(parquet(rows, codec))), codec);
        }
    }

    /**
     * A file as Hugging Face's datasets library writes one (pyarrow 25.0.1: {@code pq.write_table(pyarrow.json.read_json(
     * "ifbench-like.jsonl"), "ifbench-like.parquet")}: SNAPPY, dictionary pages, a list of structs whose fields include
     * "N" and "n" and all-null columns), from four IFBench-style rows of ours.
     */
    @Test
    void aPyarrowFileReadsBackAsItsJsonl() throws Exception {
        Path parquet = Path.of(getClass().getResource("ifbench-like.parquet").toURI());
        Path jsonl = Path.of(getClass().getResource("ifbench-like.jsonl").toURI());
        assertEquals(jsonl(jsonl), List.copyOf(ParquetReader.read(parquet)));
    }

    @Test
    void whatItCannotReadIsAOneLineErrorNamingTheFile() throws Exception {
        Path rows = Files.writeString(dir.resolve("z.jsonl"), "{\"a\": 1}\n");
        Path zstd = parquet(rows, "ZSTD");
        DataFileException e = assertThrows(DataFileException.class, () -> ParquetReader.read(zstd));
        assertTrue(e.getMessage().startsWith(zstd + ": not a Parquet file Jack can read: ZSTD-compressed"), e.getMessage());
        Path text = Files.writeString(dir.resolve("t.parquet"), "not parquet at all");
        assertTrue(assertThrows(DataFileException.class, () -> ParquetReader.read(text)).getMessage().contains("no PAR1 magic"));
    }
}
