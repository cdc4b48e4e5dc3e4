package dev.jack.core.ifbench;

import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.UnknownConstraintException;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One prompt row in IFEval's input format as IFBench and Jack's IFEvalG files use it: key (a string or
 * an integer, kept as text), prompt, instruction ids and the checkers their kwargs build.
 */
public record Prompt(String key, String prompt, List<String> instructionIds, List<Checker> checkers) {

    /**
     * Reads a prompt file (JSONL: key, prompt, instruction_id_list, kwargs). A null kwargs entry means
     * no kwargs, as open-instruct's labels write it.
     *
     * @throws DataFileException naming the file, line and field for malformed rows, unknown ids and bad kwargs
     */
    public static List<Prompt> readAll(Path file, Catalog catalog) {
        List<Prompt> prompts = new ArrayList<>();
        JsonlReader.forEach(file, row -> prompts.add(fromRow(row, catalog)));
        if (prompts.isEmpty()) throw new DataFileException(file, "no prompts");
        return prompts;
    }

    static Prompt fromRow(JsonlReader.Row row, Catalog catalog) {
        Object key = row.fields().get("key");
        if (key == null) throw row.error("key", "is missing");
        String prompt = row.string("prompt");
        List<?> ids = row.list("instruction_id_list");
        List<?> kwargs = row.list("kwargs");
        if (ids.size() != kwargs.size()) {
            throw row.error("kwargs", "has " + kwargs.size() + " entries but instruction_id_list has " + ids.size());
        }
        List<String> idList = new ArrayList<>(ids.size());
        List<Checker> checkers = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (!(ids.get(i) instanceof String id)) throw row.error("instruction_id_list[" + i + "]", "must be a string");
            Object raw = kwargs.get(i) == null ? Map.of() : kwargs.get(i);
            if (!(raw instanceof Map<?, ?> map)) throw row.error("kwargs[" + i + "]", "must be an object or null");
            try {
                @SuppressWarnings("unchecked")
                Map<String, ?> args = (Map<String, ?>) map;
                checkers.add(catalog.create(id, args));
            } catch (UnknownConstraintException e) {
                throw row.error("instruction_id_list[" + i + "]", e.getMessage());
            } catch (ParameterException e) {
                throw row.error("kwargs[" + i + "]." + e.field(), e.reason() + " (constraint " + id + ")");
            }
            idList.add(id);
        }
        return new Prompt(key.toString(), prompt, List.copyOf(idList), List.copyOf(checkers));
    }
}
