package dev.jack.core.constraint;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ConstraintType#isId}'s scan accepts exactly what the regular expression it replaced matched. */
class ConstraintTypeIdTest {
    private static final Pattern ID = Pattern.compile("[^\\s:]+:[^\\s]+");

    /** Every string of up to 5 characters over letters, colons, Java's six whitespace characters and other spaces. */
    @Test
    void agreesWithTheRegexOnEveryShortString() {
        char[] alphabet = {'a', 'Z', '_', ':', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2028', '\u001C', '\uD83D', '\uDE00'};
        int checked = 0;
        StringBuilder s = new StringBuilder();
        for (int length = 0; length <= 5; length++) {
            int[] digits = new int[length];
            while (true) {
                s.setLength(0);
                for (int d : digits) s.append(alphabet[d]);
                String id = s.toString();
                assertEquals(ID.matcher(id).matches(), ConstraintType.isId(id), () -> id.chars().mapToObj(c -> String.format("U+%04X", c)).toList().toString());
                checked++;
                int i = length - 1;
                while (i >= 0 && ++digits[i] == alphabet.length) digits[i--] = 0;
                if (i < 0) break;
            }
        }
        assertTrue(checked > 800_000);
    }

    @Test
    void everyRegisteredIdIsOneAndTheBuilderRejectsOthers() {
        for (String id : ConstraintRegistry.ids()) assertTrue(ConstraintType.isId(id), id);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConstraintType.builder("no_colon", k -> null));
        assertEquals("a constraint id is category:name, got no_colon", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConstraintType.builder(null, k -> null));
    }
}
