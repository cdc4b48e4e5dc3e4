package dev.jack.core.ifeval;

import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A response file: {prompt, response} per line as IFEval's reference reads it, optionally with a
 * {@code key}. Rows with a key are matched by key, others by prompt text. A prompt answered twice is
 * reported as a warning and the last answer counts, as in the reference.
 */
public final class ResponseFile {
    private final Path file;
    private final Map<Long, Answer> byKey = new HashMap<>();
    private final Map<String, Answer> byPrompt = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /**
     * A prompt's answer and the line of its first one, for the warning when it is answered again: one map per identity
     * where a second one (identity to a boxed line) cost a tenth of the file's reading in its puts and resizes.
     */
    private record Answer(String response, long firstLine) {
    }

    private ResponseFile(Path file) {
        this.file = file;
    }

    /**
     * The file's answers; a prompt answered twice (by key or by text) is a warning naming both lines, and the last
     * answer counts.
     *
     * @throws dev.jack.core.data.DataFileException naming the file, line and field for a malformed row
     */
    public static ResponseFile read(Path file) {
        ResponseFile responses = new ResponseFile(file);
        JsonlReader.forEach(file, row -> {
            String response = row.string("response");
            long line = row.line();
            Answer before;
            Object identity;
            if (row.has("key")) {
                long key = row.integer("key");
                identity = key;
                before = answer(responses.byKey, key, response, line);
            } else {
                String prompt = row.string("prompt");
                identity = prompt;
                before = answer(responses.byPrompt, prompt, response, line);
            }
            if (before != null) {
                responses.warnings.add(file + ":" + line + ": " + (identity instanceof Long ? "key " + identity : "prompt")
                        + " already answered on line " + before.firstLine() + "; the last answer counts");
            }
        });
        return responses;
    }

    /**
     * Puts the response as the identity's answer, given on {@code line}; returns the answer it replaces, if any, whose
     * first line the new one keeps (one look-up for the usual first answer, a second put for a repeat).
     */
    private static <K> Answer answer(Map<K, Answer> answers, K identity, String response, long line) {
        Answer before = answers.put(identity, new Answer(response, line));
        if (before != null) answers.put(identity, new Answer(response, before.firstLine()));
        return before;
    }

    /** The same file with every response passed through {@code f} (e.g. {@link dev.jack.core.text.Thinking#answer}). */
    public ResponseFile map(UnaryOperator<String> f) {
        ResponseFile mapped = new ResponseFile(file);
        byKey.forEach((key, a) -> mapped.byKey.put(key, new Answer(f.apply(a.response()), a.firstLine())));
        byPrompt.forEach((prompt, a) -> mapped.byPrompt.put(prompt, new Answer(f.apply(a.response()), a.firstLine())));
        mapped.warnings.addAll(warnings);
        return mapped;
    }

    public List<String> warnings() {
        return warnings;
    }

    public Optional<String> responseFor(IfevalPrompt prompt) {
        Answer a = byKey.get(prompt.key());
        if (a == null) a = byPrompt.get(prompt.prompt());
        return a == null ? Optional.empty() : Optional.of(a.response());
    }

    /** The response for the prompt, or an error naming the prompt's key. */
    public String require(IfevalPrompt prompt) {
        return responseFor(prompt).orElseThrow(() -> new DataFileException(file,
                "no response for prompt key " + prompt.key() + " (matched by key, or else by prompt text)"));
    }
}
