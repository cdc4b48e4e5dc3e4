package dev.jack.core.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.ifeval.Evaluation;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.json.PyJson;
import dev.jack.core.text.TextTools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * IFEvalG's verifier ({@link IfevalgVerifier}) over a prompt file in Jack's format (key, prompt,
 * instruction_id_list, kwargs; keys are text, as open-instruct's datasets write them) and a response file
 * (key, response, optionally response_id; several responses per prompt allowed): each response's reward
 * and each constraint's verdict alone, in the response file's order.
 */
public final class IfevalgEvaluation {
    private IfevalgEvaluation() {}

    /** One prompt row: its key as text, the prompt and its constraints. */
    public record Prompt(String key, String prompt, List<Constraint> constraints) {
        public List<String> instructionIds() {
            return constraints.stream().map(Constraint::id).toList();
        }
    }

    /** One response of the response file. */
    public record Response(String key, String responseId, String text) {}

    /** One evaluated response. */
    public record Row(Prompt prompt, Response response, IfevalgVerifier.Result result) {}

    /**
     * Reads a prompt file; a kwargs entry may be null (no kwargs), as open-instruct writes them.
     *
     * @throws DataFileException naming the file, line and field for malformed rows, unknown ids and bad kwargs
     */
    public static List<Prompt> readPrompts(Path file) {
        List<Prompt> prompts = new ArrayList<>();
        JsonlReader.forEach(file, row -> prompts.add(new Prompt(key(row), row.string("prompt"), IfevalPrompt.constraints(row))));
        if (prompts.isEmpty()) throw new DataFileException(file, "no prompts");
        return prompts;
    }

    private static String key(JsonlReader.Row row) {
        Object key = row.fields().get("key");
        if (key == null) throw row.error("key", "is missing");
        return key.toString();
    }

    /**
     * Reads the response file; each response's key must be a prompt's.
     *
     * @throws DataFileException naming the file, line and field for a row without key or response, or with a key no prompt has
     */
    public static List<Response> readResponses(Path file, List<Prompt> prompts) {
        Set<String> keys = new HashSet<>();
        for (Prompt p : prompts) keys.add(p.key());
        List<Response> responses = new ArrayList<>();
        JsonlReader.forEach(file, row -> {
            String key = key(row);
            if (!keys.contains(key)) throw row.error("key", "no prompt has the key " + key);
            Object id = row.fields().get("response_id");
            responses.add(new Response(key, id == null ? null : id.toString(), row.string("response")));
        });
        return responses;
    }

    /** Verifies every response against its prompt's constraints; responses are independent and checked in parallel. */
    public static List<Row> evaluate(List<Prompt> prompts, List<Response> responses, TextTools text) {
        Map<String, Prompt> byKey = new HashMap<>();
        for (Prompt p : prompts) byKey.put(p.key(), p);
        text.prepareFor(prompts.stream().flatMap(p -> p.constraints().stream()).flatMap(c -> c.type().analyses().stream()).toList());
        Row[] rows = new Row[responses.size()];
        IntStream.range(0, responses.size()).parallel().forEach(i -> {
            Response r = responses.get(i);
            Prompt p = byKey.get(r.key());
            rows[i] = new Row(p, r, IfevalgVerifier.verify(p.constraints(), r.text(), text));
        });
        return List.of(rows);
    }

    /** Writes {@code eval_results_strict.jsonl} (one {@link #outputLine} per response) and {@code summary.json} into the directory. */
    public static void write(List<Row> rows, Path dir) {
        StringBuilder out = new StringBuilder();
        for (Row row : rows) out.append(outputLine(row)).append('\n');
        AtomicFiles.write(dir.resolve("eval_results_strict.jsonl"), out);
        AtomicFiles.write(dir.resolve("summary.json"), PyJson.dumps(summary(rows)) + "\n");
    }

    /** An output line: the IFBench reference's fields plus key, response_id (when given) and score, keys sorted. */
    public static String outputLine(Row row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("follow_all_instructions", !row.result().verdicts().contains(false));
        fields.put("follow_instruction_list", row.result().verdicts());
        fields.put("instruction_id_list", row.prompt().instructionIds());
        fields.put("key", row.response().key());
        fields.put("prompt", row.prompt().prompt());
        fields.put("response", row.response().text());
        if (row.response().responseId() != null) fields.put("response_id", row.response().responseId());
        fields.put("score", row.result().score());
        return PyJson.dumps(fields);
    }

    /** The rows' mean reward, responses following everything, constraint verdicts followed, and each constraint's share. */
    private record Totals(double meanScore, Evaluation.Accuracy allFollowed, Evaluation.Accuracy constraints,
                          Map<String, Evaluation.Accuracy> perConstraint) {}

    private static Totals totals(List<Row> rows) {
        double scores = 0;
        int all = 0;
        int followed = 0;
        int verdicts = 0;
        Map<String, int[]> perConstraint = new TreeMap<>();
        for (Row r : rows) {
            scores += r.result().score();
            if (!r.result().verdicts().contains(false)) all++;
            List<String> ids = r.prompt().instructionIds();
            for (int i = 0; i < ids.size(); i++) {
                int[] c = perConstraint.computeIfAbsent(ids.get(i), k -> new int[2]);
                c[0]++;
                verdicts++;
                if (r.result().verdicts().get(i)) {
                    c[1]++;
                    followed++;
                }
            }
        }
        Map<String, Evaluation.Accuracy> table = new LinkedHashMap<>();
        perConstraint.forEach((id, c) -> table.put(id, new Evaluation.Accuracy(c[1], c[0])));
        return new Totals(rows.isEmpty() ? 0.0 : scores / rows.size(), new Evaluation.Accuracy(all, rows.size()),
                new Evaluation.Accuracy(followed, verdicts), table);
    }

    /**
     * Jack's summary of the rows: the mean reward, how many responses followed everything, the share of
     * constraint verdicts followed, and each constraint's share, sorted by id.
     */
    public static Map<String, Object> summary(List<Row> rows) {
        Totals t = totals(rows);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("responses", rows.size());
        s.put("mean_score", t.meanScore());
        s.put("all_followed", t.allFollowed().toJson());
        s.put("instruction_level", t.constraints().toJson());
        Map<String, Object> table = new LinkedHashMap<>();
        t.perConstraint().forEach((id, a) -> table.put(id, a.toJson()));
        s.put("per_constraint", table);
        return s;
    }

    /** The summary in words, for the console. */
    public static List<String> reportLines(List<Row> rows) {
        Totals t = totals(rows);
        return List.of(String.format("mean reward (IFEvalVerifier's score): %.6f over %d responses", t.meanScore(), rows.size()),
                "responses following every constraint: " + t.allFollowed(),
                "constraints followed:                 " + t.constraints());
    }
}
