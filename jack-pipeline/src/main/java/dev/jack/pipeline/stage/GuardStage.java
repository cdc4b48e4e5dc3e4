package dev.jack.pipeline.stage;

import dev.jack.core.Parallel;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.JsonlReader;
import dev.jack.judge.LlamaGuard;
import dev.jack.judge.Unreadable;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.ModelSettings;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jack judge guard}: screens any Jack JSONL dataset with Llama Guard 3: the prompt field as the user's turn,
 * each response field present as the agent's. Each row gets a {@code safety} field (field → safe and categories), or
 * with {@code drop} unsafe rows are left out. An answer Llama Guard's format does not allow stops the run with an
 * error naming the row and field (nothing is written): a guard that cannot be read must never pass a row as safe.
 */
public record GuardStage(Path input, Path out, Options options, ModelOptions judge) implements Stage {
    /** The prompt's field, the response fields checked when present, dropping unsafe rows, and the guard's answer length. */
    public record Options(String promptField, List<String> responseFields, boolean drop, int maxTokens) {
        public Options {
            Check.atLeast("max_tokens", maxTokens, 1);
            responseFields = List.copyOf(responseFields);
        }
    }

    @Override
    public String name() {
        return "judge-guard";
    }

    @Override
    public Record settings() {
        return new ModelSettings(options, judge.identity());
    }


    @Override
    public List<Path> inputs() {
        return List.of(input);
    }

    @Override
    public List<Path> outputs() {
        return List.of(out);
    }

    @Override
    public Status run(StageContext context) {
        List<JsonlReader.Row> rows = Judges.rows(input);
        List<Map<String, Object>> kept = new ArrayList<>();
        int unsafe = 0;
        long asked;
        try (Backend backend = judge.open(OpenAiBackend.Endpoint.CHAT, context)) {
            LlamaGuard guard = new LlamaGuard(backend, options.maxTokens());
            List<Map<String, LlamaGuard.Verdict>> verdicts = Parallel.map(rows.size(), judge.inFlight(), i -> screen(guard, rows.get(i)));
            asked = verdicts.stream().mapToLong(Map::size).sum();
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> safety = new LinkedHashMap<>();
                boolean allSafe = true;
                for (Map.Entry<String, LlamaGuard.Verdict> v : verdicts.get(i).entrySet()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("safe", v.getValue().safe());
                    m.put("categories", v.getValue().categories());
                    safety.put(v.getKey(), m);
                    allSafe &= v.getValue().safe();
                }
                if (!allSafe) unsafe++;
                if (options.drop() && !allSafe) continue;
                Map<String, Object> row = new LinkedHashMap<>(rows.get(i).fields());
                row.put("safety", safety);
                kept.add(row);
            }
        }
        AtomicFiles.writeJsonl(out, kept);
        context.out().printf("%d rows, %d with unsafe content%s; wrote %s%n", rows.size(), unsafe, options.drop() ? " (dropped)" : " (marked)", out);
        Judges.tell(context, new LinkedHashMap<>(), List.of(new Unreadable("Llama Guard answers", 0, asked, "errors that stop the run")));
        return Status.DONE;
    }

    private Map<String, LlamaGuard.Verdict> screen(LlamaGuard guard, JsonlReader.Row row) {
        Map<String, String> responses = new LinkedHashMap<>();
        for (String field : options.responseFields()) if (row.has(field)) responses.put(field, row.string(field));
        try {
            return guard.screen(options.promptField(), row.string(options.promptField()), responses);
        } catch (LlamaGuard.ScreeningFailed e) {
            throw row.error(e.field(), e.getMessage());
        }
    }
}
