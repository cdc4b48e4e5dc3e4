package dev.jack.pipeline.stage;

import dev.jack.core.Choices;
import dev.jack.core.OptionException;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.FileSet;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.PyJson;
import dev.jack.judge.LlamaGuard;
import dev.jack.judge.Unreadable;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.ModelSettings;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code jack judge guard}: screens Jack JSONL datasets with Llama Guard 3 ({@link LlamaGuard}): the prompt field (a
 * string, or chat turns whose system turns are left out) as the user's turn, each response field present as the
 * agent's answer to it. Each row gets a {@code safety} field (field → safe, categories, and P(unsafe) with a threshold),
 * or with {@code drop} unsafe rows are left out. {@code datasets.get(i)} is written to {@code outs.get(i)}; each row's
 * verdicts go to {@code OUT.journal.jsonl} as they come, so a killed run resumes where it stopped. An answer Llama
 * Guard's format does not allow stops the run with an error naming the row and field: a guard that cannot be read must
 * never pass a row as safe.
 *
 * @param name the stage's name: {@code judge-guard}, or in {@code jack run} {@code guard-prompts} and {@code guard-pairs}
 */
public record GuardStage(String name, List<Path> datasets, List<Path> outs, Options options, ModelOptions judge) implements Stage {
    /**
     * The prompt's field, the response fields checked when present, dropping unsafe rows, the guard's answer length, how
     * the task reaches the model, the categories ({@code auto}: the served model's own, by its name; {@code 8b}: S1–S14;
     * {@code 1b}: S1–S13; or a JSON file of code → name), the codes left out, and the P(unsafe) threshold (null: the
     * model's answer decides).
     */
    public record Options(String promptField, List<String> responseFields, boolean drop, int maxTokens, LlamaGuard.PromptFormat promptFormat,
                          String categories, List<String> excludeCategories, Double threshold) {
        public Options {
            Check.atLeast("max_tokens", maxTokens, 1);
            if (threshold != null) Check.within("threshold", threshold, 0, 1);
            responseFields = List.copyOf(responseFields);
            excludeCategories = List.copyOf(excludeCategories);
            if (categories.isBlank()) throw new OptionException("categories", "expected auto, 8b, 1b or a JSON file of categories, got \"\"");
        }

        /** These options checking other response fields (none: the prompts alone). */
        public Options withResponseFields(List<String> fields) {
            return new Options(promptField, fields, drop, maxTokens, promptFormat, categories, excludeCategories, threshold);
        }

        /** A custom categories file, or null for a model's own list. */
        Path categoriesFile() {
            return List.of("auto", "8b", "1b").contains(categories) ? null : Path.of(categories);
        }
    }

    public GuardStage {
        datasets = List.copyOf(datasets);
        outs = List.copyOf(outs);
        if (datasets.size() != outs.size()) throw new IllegalArgumentException("one output per input");
    }

    @Override
    public Record settings() {
        return new ModelSettings(options, judge.identity());
    }

    @Override
    public List<Path> outputs() {
        List<Path> all = new ArrayList<>();
        for (Path out : outs) {
            all.add(out);
            all.add(journalFor(out));
        }
        return all;
    }

    @Override
    public List<Path> inputs() {
        return Inputs.of(datasets, options.categoriesFile());
    }

    private static Path journalFor(Path out) {
        return out.resolveSibling(out.getFileName() + ".journal.jsonl");
    }

    /** The categories the options ask for. */
    LlamaGuard.Policy policy() {
        LlamaGuard.Model model = switch (options.categories()) {
            case "8b" -> LlamaGuard.Model.LLAMA_GUARD_3_8B;
            case "1b" -> LlamaGuard.Model.LLAMA_GUARD_3_1B;
            default -> LlamaGuard.Model.byName(judge.model());
        };
        Map<String, String> categories = model.categories();
        Path file = options.categoriesFile();
        if (file != null) {
            if (!Files.isRegularFile(file)) throw new OptionException("categories", "expected auto, 8b, 1b or a JSON file of categories, got \"" + file + "\" (no such file)");
            categories = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : Judges.readObject(file).entrySet()) {
                if (!(e.getValue() instanceof String name) || name.isBlank()) throw new DataFileException(file, e.getKey() + ": expected the category's name");
                categories.put(e.getKey(), name.strip().replaceFirst("\\.$", ""));
            }
            if (categories.isEmpty()) throw new DataFileException(file, "no categories");
        }
        try {
            return new LlamaGuard.Policy(model, categories, new LinkedHashSet<>(options.excludeCategories()));
        } catch (IllegalArgumentException e) {
            throw new OptionException("exclude_categories", e.getMessage());
        }
    }

    @Override
    public Status run(StageContext context) {
        LlamaGuard.Policy policy = policy();
        if (options.promptFormat() == LlamaGuard.PromptFormat.MESSAGES && !policy.standard()) {
            throw new OptionException("prompt_format", "custom or excluded categories need --prompt-format raw: with messages, the server's chat template "
                    + "lists the model's own categories");
        }
        boolean complete = true;
        List<String> summaries = new ArrayList<>();
        // The screened files are replaced as one set, and only once every dataset is screened.
        try (FileSet set = new FileSet();
             Backend backend = judge.open(options.promptFormat() == LlamaGuard.PromptFormat.RAW ? OpenAiBackend.Endpoint.COMPLETIONS
                     : OpenAiBackend.Endpoint.CHAT, context)) {
            LlamaGuard guard = new LlamaGuard(backend, options.maxTokens(), options.promptFormat(), policy, options.threshold());
            for (int f = 0; f < datasets.size(); f++) {
                String summary = screen(context, guard, datasets.get(f), outs.get(f), set);
                if (summary == null) complete = false;
                else summaries.add(summary);
            }
            if (complete) set.commit();
        }
        summaries.forEach(context.out()::println);
        return complete ? Status.DONE : Status.INCOMPLETE;
    }

    /** Screens one dataset into the set; the console's line on it, or null when some rows are still to be screened. */
    private String screen(StageContext context, LlamaGuard guard, Path input, Path out, FileSet set) {
        // An empty dataset (a curation that made no pair) gives an empty output.
        List<JsonlReader.Row> rows = JsonlReader.readAll(input, r -> r);
        List<JudgeJournal.Item> items = rows.stream().map(r -> new JudgeJournal.Item(String.valueOf(r.line()), PyJson.dumps(r.fields()))).toList();
        JudgeJournal.Outcome outcome = JudgeJournal.run(this, context, journalFor(out), datasets, items, judge.inFlight(), i -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("safety", verdicts(guard, rows.get(i)));
            return line;
        });
        if (!outcome.complete()) return null;
        List<Map<String, Object>> kept = new ArrayList<>();
        int unsafe = 0;
        long asked = 0;
        Map<String, Long> byCategory = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<?, ?> safety = (Map<?, ?>) outcome.results().get(i).get("safety");
            boolean allSafe = true;
            for (Object v : safety.values()) {
                Map<?, ?> verdict = (Map<?, ?>) v;
                asked++;
                allSafe &= Boolean.TRUE.equals(verdict.get("safe"));
                for (Object c : (List<?>) verdict.get("categories")) byCategory.merge(String.valueOf(c), 1L, Long::sum);
            }
            if (!allSafe) unsafe++;
            if (options.drop() && !allSafe) continue;
            Map<String, Object> row = new LinkedHashMap<>(rows.get(i).fields());
            row.put("safety", safety);
            kept.add(row);
        }
        AtomicFiles.writeJsonl(set.stage(out), kept);
        Judges.tell(context, new LinkedHashMap<>(), List.of(new Unreadable("Llama Guard answers", 0, asked, "errors that stop the run")));
        return String.format("%s: %d rows, %d with unsafe content%s (categories named: %s; %s prompts); wrote %s", input, rows.size(), unsafe,
                options.drop() ? " (dropped)" : " (marked)", byCategory, Choices.label(options.promptFormat()), out);
    }

    /** The row's verdicts as JSON: field → {safe, categories[, p_unsafe]}. */
    private Map<String, Object> verdicts(LlamaGuard guard, JsonlReader.Row row) {
        Map<String, String> responses = new LinkedHashMap<>();
        for (String field : options.responseFields()) if (row.has(field)) responses.put(field, text(row, field));
        Map<String, LlamaGuard.Verdict> verdicts;
        try {
            verdicts = guard.screen(options.promptField(), conversation(row, options.promptField()), responses);
        } catch (LlamaGuard.ScreeningFailed e) {
            throw row.error(e.field(), e.getMessage());
        }
        Map<String, Object> safety = new LinkedHashMap<>();
        verdicts.forEach((field, v) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("safe", v.safe());
            m.put("categories", v.categories());
            if (v.pUnsafe() != null) m.put("p_unsafe", v.pUnsafe());
            safety.put(field, m);
        });
        return safety;
    }

    /** A prompt as the conversation Llama Guard reads: a string, or chat turns (system turns left out) alternating user and assistant. */
    private static List<String> conversation(JsonlReader.Row row, String field) {
        if (row.fields().get(field) instanceof String s) return List.of(s);
        List<String> turns = new ArrayList<>();
        for (Object turn : row.list(field)) {
            if (!(turn instanceof Map<?, ?> m) || !(m.get("content") instanceof String content)) throw row.error(field, "expected a string or chat turns with role and content");
            if ("system".equals(m.get("role"))) continue;
            String expected = turns.size() % 2 == 0 ? "user" : "assistant";
            if (!expected.equals(m.get("role"))) throw row.error(field, "turns must alternate user and assistant after any system turn, got " + m.get("role"));
            turns.add(content);
        }
        if (turns.isEmpty() || turns.size() % 2 == 0) throw row.error(field, "the conversation must end with the user's turn");
        return turns;
    }

    /** A response: a string, or the content of its one assistant turn. */
    private static String text(JsonlReader.Row row, String field) {
        if (row.fields().get(field) instanceof List<?> l && l.size() == 1 && l.getFirst() instanceof Map<?, ?> m && m.get("content") instanceof String s) return s;
        return row.string(field);
    }
}
