package dev.jack.core.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.UnknownConstraintException;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One row of IFEval's input format: key, prompt, instruction ids and their kwargs, parsed into constraints. */
public record IfevalPrompt(long key, String prompt, List<String> instructionIds, List<Constraint> constraints) {

    public static List<IfevalPrompt> readAll(Path file) {
        List<IfevalPrompt> prompts = new ArrayList<>();
        JsonlReader.forEach(file, row -> prompts.add(fromRow(row)));
        if (prompts.isEmpty()) throw new DataFileException(file, "no prompts");
        return prompts;
    }

    /**
     * One row's prompt, its constraints created from the registry.
     *
     * @throws DataFileException naming the row's file, line and field for a missing field or an unknown constraint
     */
    public static IfevalPrompt fromRow(JsonlReader.Row row) {
        long key = row.integer("key");
        String prompt = row.string("prompt");
        List<?> ids = row.list("instruction_id_list");
        List<?> kwargs = row.list("kwargs");
        if (ids.size() != kwargs.size()) {
            throw row.error("kwargs", "has " + kwargs.size() + " entries but instruction_id_list has " + ids.size());
        }
        List<String> idList = new ArrayList<>(ids.size());
        List<Constraint> constraints = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (!(ids.get(i) instanceof String id)) throw row.error("instruction_id_list[" + i + "]", "must be a string");
            if (!(kwargs.get(i) instanceof Map<?, ?> raw)) throw row.error("kwargs[" + i + "]", "must be an object");
            try {
                @SuppressWarnings("unchecked")
                Map<String, ?> args = (Map<String, ?>) raw;
                constraints.add(ConstraintRegistry.create(id, args));
            } catch (UnknownConstraintException e) {
                throw row.error("instruction_id_list[" + i + "]", e.getMessage());
            } catch (ParameterException e) {
                throw row.error("kwargs[" + i + "]." + e.field(), e.reason() + " (constraint " + id + ")");
            }
            idList.add(id);
        }
        return new IfevalPrompt(key, prompt, List.copyOf(idList), List.copyOf(constraints));
    }
}
