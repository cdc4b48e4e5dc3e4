package dev.jack.pipeline.stage;

import dev.jack.core.data.TextFiles;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.PyJson;
import dev.jack.judge.Unreadable;
import dev.jack.pipeline.StageContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the judge stages share: reading their inputs, and telling what the judge's answers could not be read. */
final class Judges {
    private Judges() {}

    /** The rows of a JSONL file that must not be empty. */
    static List<JsonlReader.Row> rows(Path file) {
        List<JsonlReader.Row> rows = new ArrayList<>();
        JsonlReader.forEach(file, rows::add);
        if (rows.isEmpty()) throw new DataFileException(file, "no rows");
        return rows;
    }

    /** A JSON object file. */
    static Map<String, Object> readObject(Path file) {
        if (TextFiles.readJson(file) instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        throw new DataFileException(file, "expected a JSON object");
    }

    /** Prints how many answers could not be read (a warning on err above 5%) and adds the tallies to the report under {@code unreadable}. */
    static void tell(StageContext context, Map<String, Object> report, List<Unreadable> tallies) {
        List<Object> json = new ArrayList<>();
        for (Unreadable u : tallies) {
            context.out().println(u.line());
            if (u.worrying()) context.note("warning: " + u.warning());
            json.add(u.toJson());
        }
        report.put("unreadable", json);
    }

    /** Writes a report as one JSON object. */
    static void write(Path out, Map<String, Object> report) {
        AtomicFiles.write(out, PyJson.dumps(report) + "\n");
    }
}
