package dev.jack.core.ifevalg;

import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Prompt;
import dev.jack.core.json.PyJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * IFEvalG's verifier over a prompt file in Jack's format (key, prompt, instruction_id_list, kwargs) and a
 * response file (key, response, optionally response_id; several responses per prompt allowed): each
 * response's reward and each constraint's verdict alone, in the response file's order.
 */
public final class IfevalgEvaluation {
    private IfevalgEvaluation() {}

    /** One response of the response file. */
    public record Response(String key, String responseId, String text) {}

    /** One evaluated response. */
    public record Row(Prompt prompt, Response response, IfevalgVerifier.Result result) {}

    /**
     * Reads the response file.
     *
     * @throws DataFileException naming the file, line and field for a row without key or response
     */
    public static List<Response> readResponses(Path file) {
        List<Response> responses = new ArrayList<>();
        JsonlReader.forEach(file, row -> {
            Object key = row.fields().get("key");
            if (key == null) throw row.error("key", "is missing");
            Object id = row.fields().get("response_id");
            responses.add(new Response(key.toString(), id == null ? null : id.toString(), row.string("response")));
        });
        return responses;
    }

    /**
     * Verifies every response against its prompt's constraints; responses are independent and checked in parallel.
     *
     * @throws IllegalArgumentException naming the key of a response whose prompt is not in the prompt file
     */
    public static List<Row> evaluate(List<Prompt> prompts, List<Response> responses, Analyses text) {
        Map<String, Prompt> byKey = new HashMap<>();
        for (Prompt p : prompts) byKey.put(p.key(), p);
        for (Response r : responses) {
            if (!byKey.containsKey(r.key())) throw new IllegalArgumentException("response for key " + r.key() + " has no prompt with that key");
        }
        text.prepareFor(prompts.stream().flatMap(p -> p.checkers().stream()).toList());
        Row[] rows = new Row[responses.size()];
        IntStream.range(0, responses.size()).parallel().forEach(i -> {
            Response r = responses.get(i);
            Prompt p = byKey.get(r.key());
            rows[i] = new Row(p, r, IfevalgVerifier.verify(p.checkers(), r.text(), text));
        });
        return List.of(rows);
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
}
