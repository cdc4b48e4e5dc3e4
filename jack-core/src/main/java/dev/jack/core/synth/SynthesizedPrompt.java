package dev.jack.core.synth;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.json.PyJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One synthesized prompt, its constraints, metadata, and the witness response that satisfies them; with measured
 * tiers, the pass rate predicted for it (else null, and not written).
 */
public record SynthesizedPrompt(long key, String prompt, List<Constraint> constraints, BaseTask task,
                                Difficulty difficulty, long seed, String witness, Double predictedPassRate) {

    public List<String> instructionIds() {
        return constraints.stream().map(Constraint::id).toList();
    }

    /** The prompt in IFEval's input format, plus synthesis metadata. */
    public String toJsonLine() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("prompt", prompt);
        row.put("instruction_id_list", instructionIds());
        List<Object> kwargs = new ArrayList<>();
        for (Constraint c : constraints) kwargs.add(new TreeMap<>(c.kwargs()));
        row.put("kwargs", kwargs);
        row.put("base_task_id", task.id());
        row.put("category", task.category());
        row.put("k", constraints.size());
        row.put("difficulty", difficulty.label());
        if (predictedPassRate != null) row.put("predicted_pass_rate", predictedPassRate);
        row.put("seed", seed);
        return PyJson.dumps(row);
    }

    /** The witness in the response-file format, so {@code jack eval} can check it. */
    public String witnessJsonLine() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("prompt", prompt);
        row.put("response", witness);
        return PyJson.dumps(row);
    }
}
