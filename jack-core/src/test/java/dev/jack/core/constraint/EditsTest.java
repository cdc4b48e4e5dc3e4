package dev.jack.core.constraint;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EditsTest {
    /** cutAll copies the text once, and cuts as cutting each range in turn (the last first) does. */
    @Test
    void cutAllIsEachCutInTurn() {
        Random random = new Random(7);
        String alphabet = "ab \n.,)😀";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String text = b.toString();
            List<int[]> ranges = new ArrayList<>();
            // Ranges that do not overlap and never end in a space (as words, matches and placeholders do), some adjacent.
            for (int at = 0; at < text.length(); ) {
                int start = at + random.nextInt(3);
                int end = start + 1 + random.nextInt(3);
                if (end > text.length()) break;
                if (text.charAt(end - 1) != ' ' && !Character.isLowSurrogate(text.charAt(start)) && !Character.isHighSurrogate(text.charAt(end - 1))) {
                    ranges.add(new int[] {start, end});
                }
                at = end;
            }
            String expected = text;
            for (int r = ranges.size() - 1; r >= 0; r--) expected = Edits.cut(expected, ranges.get(r)[0], ranges.get(r)[1]);
            assertEquals(expected, Edits.cutAll(text, ranges), text);
        }
    }
}
