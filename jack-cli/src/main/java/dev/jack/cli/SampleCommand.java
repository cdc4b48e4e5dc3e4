package dev.jack.cli;

import dev.jack.llm.GenerationException;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import dev.jack.llm.SampleRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jack sample}: n responses per prompt from an OpenAI-compatible server, resumable. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Samples n responses per prompt from any OpenAI-compatible server (vLLM, SGLang, llama.cpp, Ollama).",
                "Killed at any moment and rerun with the same arguments, it finishes the missing rows only."})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--prompts", required = true, paramLabel = "FILE", description = "Prompts (IFEval input format: key and prompt are used).")
    Path prompts;

    @Mixin
    BackendOptions server;

    @Option(names = "--n", defaultValue = "8", description = "Samples per prompt (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output JSONL, one row per (prompt key, sample index).")
    Path out;

    @Option(names = "--endpoint", defaultValue = "chat", description = "chat (/v1/chat/completions) or completions (/v1/completions with the Llama 3 chat template applied here).")
    String endpoint;

    @Option(names = "--system", description = "System prompt.")
    String system;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-p", description = "Nucleus sampling.")
    Double topP;

    @Option(names = "--top-k", description = "Top-k sampling, where the server supports it.")
    Integer topK;

    @Option(names = "--max-tokens", defaultValue = "1024", description = "Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--seed", defaultValue = "1", description = "Base seed; each row gets its own seed from it (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--logprobs", description = "Also store per-token logprobs with this many top alternatives.")
    Integer logprobs;

    @Override
    public Integer call() {
        if (n < 1) throw new UserException("--n must be at least 1");
        OpenAiBackend.Endpoint ep = switch (endpoint) {
            case "chat" -> OpenAiBackend.Endpoint.CHAT;
            case "completions" -> OpenAiBackend.Endpoint.COMPLETIONS;
            default -> throw new UserException("--endpoint must be chat or completions");
        };
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter console = spec.commandLine().getOut();
        try (Backend client = server.open(ep, main.env(), err)) {
            SampleRun.Settings settings = new SampleRun.Settings(server.model, endpoint, system, n, temperature, topP, topK,
                    maxTokens, seed, logprobs);
            ProgressBar bar = new ProgressBar(err, System.console() != null);
            SampleRun.Summary s = new SampleRun(client, settings, Math.max(2 * server.inFlight(), 16))
                    .run(prompts, out, bar::update, line -> err.println("jack: " + line));
            bar.finish();
            console.printf("rows: %d total, %d already done, %d done now, %d failed; %d attempts retried%n",
                    s.total(), s.alreadyDone(), s.done(), s.failed(), s.retried());
            s.failures().forEach((reason, count) -> console.printf("  failed %d× : %s%n", count, reason));
            console.println(s.failed() == 0 ? "wrote " + out : "wrote " + out + " (incomplete: rerun the same command to retry the failed rows)");
            return s.failed() == 0 ? 0 : 3;
        } catch (GenerationException e) {
            throw new UserException(e.getMessage(), e);
        }
    }
}
