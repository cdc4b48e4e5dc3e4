package dev.jack.pipeline;

import dev.jack.core.data.DataLocations;
import dev.jack.core.text.TextTools;
import dev.jack.llm.ModelFiles;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a stage runs with: the environment (API keys, cache and data locations are read from it, never from
 * {@code System.getenv} directly, so that tests and embedding programs control it), where its summary goes
 * ({@code out}) and its notes, warnings and progress go ({@code err}), and whether {@code err} is a terminal (a
 * progress line is then redrawn in place).
 */
public record StageContext(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal) {
    /** Where the data Jack does not ship is found. */
    public DataLocations data() {
        return new DataLocations(env);
    }

    /** Model specs ({@code tiny}, {@code hf://...}, paths) to files. */
    public ModelFiles models() {
        return new ModelFiles(data());
    }

    /**
     * Text analysis with the English Punkt model from {@code punktDir}, or from where {@link DataLocations} looks (in
     * the end, Jack's own copy). A given folder is checked now; the model is read when a check first needs it.
     */
    public TextTools text(Path punktDir) {
        DataLocations.checkPunktDir(punktDir);
        DataLocations data = data();
        return new TextTools(() -> data.punktEnglish(punktDir));
    }

    /** Prints a note on err as Jack does: {@code jack: ...}. */
    public void note(String line) {
        err.println("jack: " + line);
    }
}
