package dev.jack.core.text;

import dev.jack.core.json.PyJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python 3.11's csv reader on 440 texts ({@code pycsv_cases.jsonl}: 20 chosen ones with both delimiters
 * and 400 random strings over a, b, comma, quote, LF, CR, tab, space, é), as CPython 3.11.2's
 * {@code list(csv.reader(io.StringIO(text), delimiter=d))} returned them or raised.
 */
class PyCsvTest {
    @Test
    void rowsAndErrorsEqualPythons() {
        List<String> differences = new ArrayList<>();
        List<Map<?, ?>> cases = Fixtures.lines("pycsv_cases.jsonl");
        for (Map<?, ?> c : cases) {
            String text = (String) c.get("text");
            char delimiter = ((String) c.get("delimiter")).charAt(0);
            Object actual;
            try {
                actual = PyCsv.read(text, delimiter);
            } catch (PyCsv.CsvError e) {
                actual = "error";
            }
            Object expected = c.containsKey("error") ? "error" : c.get("rows");
            if (!expected.equals(actual)) differences.add(PyJson.dumps(text) + " -> expected " + expected + ", got " + actual);
        }
        assertEquals(440, cases.size());
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    @Test
    void fieldsOverPythonsLimitAreErrors() {
        assertEquals(1, PyCsv.read("x".repeat(131072), ',').size());
        assertThrows(PyCsv.CsvError.class, () -> PyCsv.read("x".repeat(131073), ','));
        // Counted in code points, in quoted fields too, and across a doubled quote.
        assertEquals(1, PyCsv.read("\"" + "😀".repeat(131072) + "\"", ',').size());
        assertThrows(PyCsv.CsvError.class, () -> PyCsv.read("\"" + "😀".repeat(131073) + "\"", ','));
        assertEquals(List.of(List.of("a".repeat(65536) + "\"" + "b".repeat(65535))), PyCsv.read("\"" + "a".repeat(65536) + "\"\"" + "b".repeat(65535) + "\"", ','));
        assertThrows(PyCsv.CsvError.class, () -> PyCsv.read("\"" + "a".repeat(65536) + "\"\"" + "b".repeat(65536) + "\"", ','));
        assertThrows(PyCsv.CsvError.class, () -> PyCsv.read("x,\"" + "a".repeat(131072) + "\"b", ','));
    }
}
