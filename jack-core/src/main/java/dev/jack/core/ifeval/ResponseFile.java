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
    private final Map<Long, String> byKey = new HashMap<>();
    private final Map<String, String> byPrompt = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private ResponseFile(Path file) {
        this.file = file;
    }

    public static ResponseFile read(Path file) {
        ResponseFile responses = new ResponseFile(file);
        Map<Object, Long> firstLine = new HashMap<>();
        JsonlReader.forEach(file, row -> {
            String response = row.string("response");
            Object identity;
            if (row.has("key")) {
                long key = row.integer("key");
                identity = key;
                responses.byKey.put(key, response);
            } else {
                String prompt = row.string("prompt");
                identity = prompt;
                responses.byPrompt.put(prompt, response);
            }
            Long previous = firstLine.putIfAbsent(identity, row.line());
            if (previous != null) {
                responses.warnings.add(file + ":" + row.line() + ": " + (identity instanceof Long ? "key " + identity : "prompt")
                        + " already answered on line " + previous + "; the last answer counts");
            }
        });
        return responses;
    }

    /** The same file with every response passed through {@code f} (e.g. {@link dev.jack.core.text.Thinking#answer}). */
    public ResponseFile map(UnaryOperator<String> f) {
        ResponseFile mapped = new ResponseFile(file);
        byKey.forEach((key, response) -> mapped.byKey.put(key, f.apply(response)));
        byPrompt.forEach((prompt, response) -> mapped.byPrompt.put(prompt, f.apply(response)));
        mapped.warnings.addAll(warnings);
        return mapped;
    }

    public List<String> warnings() {
        return warnings;
    }

    public Optional<String> responseFor(IfevalPrompt prompt) {
        String r = byKey.get(prompt.key());
        if (r == null) r = byPrompt.get(prompt.prompt());
        return Optional.ofNullable(r);
    }

    /** The response for the prompt, or an error naming the prompt's key. */
    public String require(IfevalPrompt prompt) {
        return responseFor(prompt).orElseThrow(() -> new DataFileException(file,
                "no response for prompt key " + prompt.key() + " (matched by key, or else by prompt text)"));
    }
}
