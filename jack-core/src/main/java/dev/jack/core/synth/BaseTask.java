package dev.jack.core.synth;

import dev.jack.core.data.TextFiles;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An instruction that synthesized prompts build on, e.g. "Write a short story about a robot that learns to paint." */
public record BaseTask(int id, String category, String text) {

    /**
     * Jack's own corpus: every template of a category combined with every subject of that category,
     * from {@code base_tasks.txt}.
     */
    public static List<BaseTask> builtIn() {
        List<BaseTask> tasks = new ArrayList<>();
        try (InputStream in = BaseTask.class.getResourceAsStream("base_tasks.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String category = null;
            List<String> templates = new ArrayList<>();
            List<String> subjects = new ArrayList<>();
            boolean inSubjects = false;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                if (line.startsWith("[")) {
                    expand(tasks, category, templates, subjects);
                    category = line.substring(1, line.indexOf(']'));
                    templates.clear();
                    subjects.clear();
                    inSubjects = false;
                } else if (line.equals("---")) {
                    inSubjects = true;
                } else {
                    (inSubjects ? subjects : templates).add(line);
                }
            }
            expand(tasks, category, templates, subjects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(tasks);
    }

    private static void expand(List<BaseTask> tasks, String category, List<String> templates, List<String> subjects) {
        if (category == null) return;
        for (String subject : subjects) {
            for (String template : templates) {
                tasks.add(new BaseTask(tasks.size(), category, template.replace("{}", subject)));
            }
        }
    }

    /**
     * A user's base tasks: plain text (one per line) or, for {@code .jsonl} files, the given field of
     * each object (with an optional {@code category} field). Duplicates and blank lines are skipped.
     */
    public static List<BaseTask> read(Path file, String field) {
        Set<String> seen = new LinkedHashSet<>();
        List<BaseTask> tasks = new ArrayList<>();
        if (file.getFileName().toString().endsWith(".jsonl")) {
            JsonlReader.forEach(file, row -> {
                String text = row.string(field).strip();
                String category = row.has("category") ? row.string("category") : "custom";
                if (!text.isEmpty() && seen.add(text)) tasks.add(new BaseTask(tasks.size(), category, text));
            });
        } else {
            for (String line : TextFiles.read(file).split("\n")) {
                String text = line.strip();
                if (!text.isEmpty() && seen.add(text)) tasks.add(new BaseTask(tasks.size(), "custom", text));
            }
        }
        if (tasks.isEmpty()) throw new DataFileException(file, "no base tasks");
        return List.copyOf(tasks);
    }
}
