package dev.jack.spark;

import dev.jack.core.text.TextTools;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.StageContext;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the tasks of one executor JVM share: the model clients (one per model and endpoint, so that the tasks of an
 * executor share its connections, its in-flight bounds and what it learned of servers' health), text tools (Punkt
 * loaded once), and the context stages run with there: the executor's environment (API keys: set them with
 * {@code spark.executorEnv.NAME}) and its stderr (the executor's log) for notes. Clients live as long as the JVM.
 */
final class Shared {
    private static final Map<String, Backend> BACKENDS = new ConcurrentHashMap<>();
    private static final Map<String, TextTools> TEXT = new ConcurrentHashMap<>();

    private Shared() {}

    static StageContext context() {
        PrintWriter err = new PrintWriter(System.err, true);
        return new StageContext(System.getenv(), err, err, false);
    }

    /**
     * The executor's client of a model, opened (and its model checked, unless the options say not to) on first use.
     * The embedded engine serves every endpoint alike: one per model, since each holds its own copy of a file's
     * repacked (Q8_0, Q4_0, Q4_K, Q6_K) weights.
     */
    static Backend backend(ModelOptions model, OpenAiBackend.Endpoint endpoint) {
        return BACKENDS.computeIfAbsent(model.embedded() ? model.toString() : model + " " + endpoint, k -> model.open(endpoint, context()));
    }

    /** Text tools with the Punkt model from {@code punktDir} (null: Jack's own), made once. */
    static TextTools text(Path punktDir) {
        return TEXT.computeIfAbsent(Objects.toString(punktDir), k -> context().text(punktDir));
    }
}
