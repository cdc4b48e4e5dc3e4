package dev.jack.core.ifbench;

import dev.jack.core.data.JsonlReader;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.json.PyJson;
import dev.jack.core.text.PyText;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * IFBench's scorer ({@code evaluation_lib.py} of allenai/IFBench): prompts in IFBench's format, responses
 * matched to them by prompt text, strict and loose verdicts per constraint, and the reference's output
 * lines. Strict checks the response as is and needs it non-blank; loose passes a constraint if any
 * non-blank one of eight variants passes (the response, without its first line, without its last,
 * without both, each also with every '*' removed, the line-dropping ones stripped).
 */
public final class IfbenchEvaluation {
    private IfbenchEvaluation() {}

    /** One evaluated prompt; {@code response} is "" where the response file has none for it (all false). */
    public record Row(Prompt prompt, String response, Verdicts verdicts) {}

    /**
     * Reads a response file (JSONL with prompt and response) into the reference's lookup: by exact
     * prompt, and also by stripped prompt where stripping changes it; a later line wins.
     */
    public static Map<String, String> readResponses(Path file) {
        Map<String, String> byPrompt = new HashMap<>();
        JsonlReader.forEach(file, row -> {
            String prompt = row.string("prompt");
            String response = row.string("response");
            byPrompt.put(prompt, response);
            String stripped = PyText.strip(prompt);
            if (!stripped.equals(prompt)) byPrompt.put(stripped, response);
        });
        return byPrompt;
    }

    /** The response for a prompt: by its exact text, else by its stripped text; null when there is none. */
    public static String responseFor(Prompt prompt, Map<String, String> responses) {
        String r = responses.get(prompt.prompt());
        return r != null ? r : responses.get(PyText.strip(prompt.prompt()));
    }

    /** Verifies every prompt's response; rows are independent and checked in parallel. */
    public static List<Row> evaluate(List<Prompt> prompts, Map<String, String> responses, Analyses text) {
        text.prepareFor(prompts.stream().flatMap(p -> p.checkers().stream()).toList());
        Row[] rows = new Row[prompts.size()];
        IntStream.range(0, prompts.size()).parallel().forEach(i -> {
            Prompt p = prompts.get(i);
            String response = responseFor(p, responses);
            rows[i] = response == null
                    ? new Row(p, "", new Verdicts(falses(p), falses(p)))
                    : new Row(p, response, verify(p.checkers(), response, text));
        });
        return List.of(rows);
    }

    private static List<Boolean> falses(Prompt p) {
        return p.checkers().stream().map(c -> false).toList();
    }

    /** Strict and loose verdicts of one response against a prompt's checkers. */
    public static Verdicts verify(List<Checker> checkers, String response, Analyses text) {
        List<Boolean> strict = new ArrayList<>(checkers.size());
        List<Boolean> loose = new ArrayList<>(checkers.size());
        List<String> variants = null;
        for (Checker c : checkers) {
            boolean s = follows(c, response, text);
            strict.add(s);
            if (!s) {
                if (variants == null) variants = looseVariants(response);
                for (String v : variants) {
                    if (follows(c, v, text)) {
                        s = true;
                        break;
                    }
                }
            }
            loose.add(s);
        }
        return new Verdicts(List.copyOf(strict), List.copyOf(loose));
    }

    private static boolean follows(Checker c, String response, Analyses text) {
        return !PyText.isBlank(response) && c.check(response, text);
    }

    /** The loose variants other than the response itself, without repeats. */
    static List<String> looseVariants(String response) {
        List<String> lines = PyText.split(response, "\n");
        int n = lines.size();
        String withoutFirst = PyText.strip(String.join("\n", lines.subList(Math.min(1, n), n)));
        String withoutLast = PyText.strip(String.join("\n", lines.subList(0, n - 1)));
        String withoutBoth = n < 2 ? "" : PyText.strip(String.join("\n", lines.subList(1, n - 1)));
        Set<String> variants = new LinkedHashSet<>();
        for (String v : List.of(withoutFirst, withoutLast, withoutBoth)) {
            variants.add(v);
            variants.add(v.replace("*", ""));
        }
        variants.add(response.replace("*", ""));
        variants.remove(response);
        return List.copyOf(variants);
    }

    /** The reference's output line for a row: its fields in sorted order, written as Python's json.dumps. */
    public static String outputLine(Row row, boolean loose) {
        List<Boolean> follows = loose ? row.verdicts().loose() : row.verdicts().strict();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("follow_all_instructions", !follows.contains(false));
        fields.put("follow_instruction_list", follows);
        fields.put("instruction_id_list", row.prompt().instructionIds());
        fields.put("prompt", row.prompt().prompt());
        fields.put("response", row.response());
        return PyJson.dumps(fields);
    }
}
