package dev.jack.core.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * syllapy 0.7.2's counts for the 3,428 distinct whitespace words of the shared IFBench responses plus
 * hyphenated, accented and digit cases ({@code syllapy_counts.jsonl}, computed with a line-by-line Python
 * transcription of syllapy's {@code count} and its bundled dictionary; syllapy itself is not packaged here).
 */
class SyllablesTest {
    @Test
    void countsEqualSyllapys() {
        List<String> differences = new ArrayList<>();
        List<Map<?, ?>> cases = Fixtures.lines("syllapy_counts.jsonl");
        for (Map<?, ?> c : cases) {
            int expected = ((Long) c.get("count")).intValue();
            int actual = Syllables.count((String) c.get("word"));
            if (expected != actual) differences.add(c.get("word") + ": expected " + expected + ", got " + actual);
        }
        assertTrue(cases.size() > 3000);
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    @Test
    void rules() {
        assertEquals(0, Syllables.count("x2"), "a digit makes a word uncountable");
        assertEquals(0, Syllables.count("!!!"));
        assertEquals(Syllables.count("fire") + Syllables.count("fly"), Syllables.count("fire-fly"), "halves around the first hyphen");
        assertEquals(1, Syllables.count("e"), "at least one");
    }
}
