package dev.jack.cli;

import dev.jack.core.UserException;
import dev.jack.llm.EmbeddedBackend;
import dev.jack.llm.ModelFiles;
import dev.jack.llm.OpenAiServer;
import dev.jack.llm.engine.GgufFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code jack serve}: the embedded engine over the OpenAI API, until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a GGUF model with Jack's own engine over the OpenAI API (/v1/models, /v1/chat/completions, /v1/completions, "
                + "streaming; /tokenize, /detokenize, /apply-template).",
                "Loopback only unless --host says otherwise; a bearer token is required when --api-key-env names a set variable."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--model", required = true, description = "A GGUF file, or tiny (random weights, noise).")
    String model;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable holding the bearer token clients must send.")
    String apiKeyEnv;

    @Option(names = "--threads", description = "Requests computed at once (default: the number of cores).")
    Integer threads;

    @Option(names = "--max-tokens", defaultValue = "1024", description = "max_tokens for chat requests that give none (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--max-body-bytes", defaultValue = "8388608", description = "Largest request body; larger gets HTTP 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-prompt-chars", defaultValue = "1000000",
            description = "Most characters of prompt text in a request, checked before tokenizing; more gets HTTP 400 (default: ${DEFAULT-VALUE}).")
    int maxPromptChars;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String apiKey = null;
        if (apiKeyEnv != null) {
            apiKey = main.env().get(apiKeyEnv);
            if (apiKey == null || apiKey.isEmpty()) throw new UserException("--api-key-env " + apiKeyEnv + ": the variable is not set");
        }
        OpenAiServer.Options options;
        try {
            options = new OpenAiServer.Options(apiKey, maxTokens, maxBodyBytes, maxPromptChars, OpenAiServer.Options.DEFAULT_MAX_JSON_DEPTH);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
        Path file = new ModelFiles(main.data()).resolve(model, line -> err.println("jack: " + line));
        EmbeddedBackend engine;
        try {
            engine = EmbeddedBackend.open(file, threads != null ? threads : Runtime.getRuntime().availableProcessors());
        } catch (GgufFile.FormatException | IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
        OpenAiServer server;
        try {
            server = new OpenAiServer(engine, host, port, options);
        } catch (IOException e) {
            engine.close();
            throw new UserException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().println("serving " + engine.model() + " on " + server.url() + "/v1"
                + (apiKey != null ? " (bearer token from " + apiKeyEnv + ")" : "") + "; stop with Ctrl-C or SIGTERM");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
