package dev.jack.core.constraint;

import dev.jack.core.SharedData;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifevalg.IfevalgEvaluation;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IFBench's and IFEvalG's spans and edits on every response of shared/ifbench (3,000 IFEvalG responses, 900 IFBench
 * ones): every edit a constraint returns flips that constraint's verdict under Jack's checker (a break makes a
 * followed constraint fail, a repair makes a failed one pass), and every span lies in the response, in order.
 */
class CatalogEditsPropertyTest {
    /** The IFBench constraints with spans and edits (as the README lists them). */
    static final Set<String> IFBENCH_WITH_EDITS = Set.of("count:word_count_range", "count:unique_word_count", "count:conjunctions",
            "count:pronouns", "count:numbers", "count:punctuation", "format:no_whitespace", "format:newline", "sentence:keyword",
            "words:palindrome", "words:vowel", "words:consonants", "words:repeats", "words:prime_lengths", "words:no_consecutive",
            "count:keywords_multiple", "repeat:repeat_simple", "repeat:repeat_span", "format:title_case", "format:options",
            "format:sub-bullets", "sentence:increment", "repeat:repeat_change", "words:last_first", "words:alphabet",
            "words:paragraph_last_first", "words:words_position", "format:no_bullets_bullets", "format:quotes", "format:parentheses",
            "format:thesis", "format:output_template", "format:list", "format:line_indent",
            "format:quote_unquote", "words:keywords_specific_position", "custom:multiples", "custom:date_format_list", "format:emoji",
            "custom:character_reverse", "words:start_verb", "count:person_names", "count:words_japanese",
            "ratio:stop_words", "ratio:sentence_type", "ratio:sentence_balance");
    /** Constraints with breaks but no repairs (no small edit makes them pass in general). */
    static final Set<String> BREAKS_ONLY = Set.of("count:counting_composition", "words:vowel");
    final TextTools text = new TextTools(() -> PunktParameters.load(SharedData.punktEnglish()));
    final Map<String, int[]> counts = new TreeMap<>();
    final List<String> failures = new ArrayList<>();

    /** Checks one constraint on one response; counts [checked, followed, breaks, repairs, followed rows with a break, failed rows with a repair]. */
    private void check(String where, Constraint c, String response) {
        int[] n = counts.computeIfAbsent(c.id(), k -> new int[6]);
        boolean followed = c.isFollowedBy(response, text);
        n[0]++;
        if (followed) n[1]++;
        int start = 0;
        for (Span s : c.spans(response, text)) {
            if (s.end() > response.length() || s.start() < start) failures.add(where + " " + c.id() + ": span " + s + " out of place");
            start = s.start();
        }
        List<Edit> edits = followed ? c.breaks(response, text) : c.repairs(response, text);
        for (Edit e : edits) {
            if (c.isFollowedBy(e.response(), text) == followed) failures.add(where + " " + c.id() + " " + e.operation() + " does not flip the verdict");
        }
        n[followed ? 2 : 3] += edits.size();
        if (!edits.isEmpty()) n[followed ? 4 : 5]++;
    }

    @Test
    void everyEditFlipsItsConstraintOnTheSharedResponses() {
        Path g = SharedData.require("ifbench/ifevalg");
        Map<String, IfevalgEvaluation.Prompt> prompts = new HashMap<>();
        for (IfevalgEvaluation.Prompt p : IfevalgEvaluation.readPrompts(g.resolve("prompts.jsonl"))) prompts.put(p.key(), p);
        JsonlReader.forEach(g.resolve("responses.jsonl"), row -> {
            for (Constraint c : prompts.get(row.string("key")).constraints()) check("ifevalg " + row.string("key"), c, row.string("response"));
        });
        Path b = SharedData.require("ifbench/ifbench");
        Map<String, IfevalPrompt> byPrompt = new HashMap<>();
        for (IfevalPrompt p : IfevalPrompt.readAll(b.resolve("IFBench_test.jsonl"))) byPrompt.put(p.prompt(), p);
        for (String set : List.of("r0", "r1", "r2")) {
            JsonlReader.forEach(b.resolve("responses/" + set + ".jsonl"), row -> {
                for (Constraint c : byPrompt.get(row.string("prompt")).constraints()) check("ifbench " + set, c, row.string("response"));
            });
        }
        StringBuilder table = new StringBuilder("id: checked, followed, breaks, repairs, followed rows with a break, failed rows with a repair\n");
        counts.forEach((id, n) -> table.append(id).append(": ").append(n[0]).append(", ").append(n[1]).append(", ").append(n[2]).append(", ")
                .append(n[3]).append(", ").append(n[4]).append(", ").append(n[5]).append('\n'));
        System.out.print(table);
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        // Every IFEvalG constraint and the IFBench ones listed have edits, found on most rows; the other IFBench ones have none.
        for (String id : counts.keySet()) {
            int[] n = counts.get(id);
            boolean edited = ConstraintRegistry.source(id).equals("ifevalg") || IFBENCH_WITH_EDITS.contains(id);
            if (!edited) {
                assertEquals(0, n[2] + n[3], id + " has edits but is not listed\n" + table);
                continue;
            }
            assertTrue(n[4] * 2 >= n[1], id + ": a break on only " + n[4] + " of " + n[1] + " followed rows\n" + table);
            if (!BREAKS_ONLY.contains(id)) assertTrue(n[5] * 2 >= n[0] - n[1], id + ": a repair on only " + n[5] + " failed rows\n" + table);
        }
        assertEquals(29, counts.keySet().stream().filter(id -> ConstraintRegistry.source(id).equals("ifevalg")).count(), table.toString());
        assertTrue(counts.keySet().containsAll(IFBENCH_WITH_EDITS), table.toString());
    }
}
