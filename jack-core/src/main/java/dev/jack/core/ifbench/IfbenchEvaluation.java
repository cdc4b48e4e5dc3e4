package dev.jack.core.ifbench;

import dev.jack.core.data.JsonlReader;
import dev.jack.core.ifeval.Evaluation;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.PyText;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IFBench's scorer ({@code evaluation_lib.py} of allenai/IFBench at db69a6f): prompts in IFEval's format,
 * responses matched to them by prompt text, and IFEval's strict and loose verification ({@link Verifier})
 * and output files ({@link Evaluation}). A prompt without a response is scored on "" (every constraint
 * fails), and its output line shows an empty response, as the reference writes it.
 */
public final class IfbenchEvaluation {
    private IfbenchEvaluation() {}

    /**
     * Reads a response file (JSONL with prompt and response) into the reference's lookup: by exact
     * prompt, and also by stripped prompt where stripping changes it; a later line wins.
     *
     * @throws dev.jack.core.data.DataFileException naming the file, line and field of a row without them
     */
    public static Map<String, String> readResponses(Path file) {
        Map<String, String> byPrompt = new HashMap<>();
        JsonlReader.forEach(file, row -> {
            String prompt = row.string("prompt");
            String response = row.string("response");
            byPrompt.put(prompt, response);
            String stripped = PyText.strip(prompt);
            if (!stripped.equals(prompt)) byPrompt.put(stripped, response);
        });
        return byPrompt;
    }

    /** The response for a prompt: by its exact text, else by its stripped text; "" when there is none. */
    public static String responseFor(IfevalPrompt prompt, Map<String, String> responses) {
        String r = responses.get(prompt.prompt());
        if (r == null) r = responses.get(PyText.strip(prompt.prompt()));
        return r == null ? "" : r;
    }

    /**
     * Verifies every prompt's response, matched as IFBench's scorer matches them; rows are independent and checked in
     * parallel. The in-memory form, for library callers; {@code jack eval --benchmark ifbench} verifies and writes in
     * one pass ({@link Evaluation#write(List, java.util.function.Function, Verifier, java.nio.file.Path)}).
     */
    public static Evaluation run(List<IfevalPrompt> prompts, Map<String, String> responses, Verifier verifier) {
        return Evaluation.run(prompts, p -> responseFor(p, responses), verifier);
    }
}
