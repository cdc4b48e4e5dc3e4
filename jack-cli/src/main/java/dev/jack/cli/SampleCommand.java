package dev.jack.cli;

import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.stage.SampleStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code jack sample}: {@link SampleStage}. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Samples n responses per prompt from any OpenAI-compatible server (vLLM, SGLang, llama.cpp, Ollama) or Jack's embedded engine.",
                "Killed at any moment and rerun with the same arguments, it finishes the missing rows only."})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--prompts", required = true, paramLabel = "FILE", description = "Prompts (IFEval input format: key and prompt are used).")
    Path prompts;

    @Mixin
    ModelFlags model;

    @Option(names = "--n", defaultValue = "8", description = "Samples per prompt (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output JSONL, one row per (prompt key, sample index).")
    Path out;

    @Option(names = "--endpoint", defaultValue = "chat", description = "chat (/v1/chat/completions), or completions (/v1/completions with the prompt as the server itself renders it: /tokenize with messages, or llama.cpp's /apply-template) (default: ${DEFAULT-VALUE}).")
    OpenAiBackend.Endpoint endpoint;

    @Option(names = "--system", description = "System prompt (kept in each row's params; pairs of these samples need --format messages, whose prompt holds it).")
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
        SampleStage.Options options = new SampleStage.Options(n, endpoint, system, temperature, topP, topK, maxTokens, seed, logprobs);
        return main.run(spec, new SampleStage(prompts, out, options, model.options()));
    }
}
