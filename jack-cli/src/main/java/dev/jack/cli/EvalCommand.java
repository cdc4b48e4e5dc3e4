package dev.jack.cli;

import dev.jack.core.ifeval.Evaluation;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.ResponseFile;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.StageContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jack eval}: IFEval-compatible evaluation of a response file. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Checks responses against their prompts' constraints, strictly and loosely, like IFEval's reference scorer.",
                "Writes eval_results_strict.jsonl and eval_results_loose.jsonl (byte for byte in the reference's format) and summary.json."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--responses", required = true, paramLabel = "FILE",
            description = "Response file: JSONL with prompt and response (and optionally key) per line.")
    Path responses;

    @Option(names = "--input-data", paramLabel = "FILE",
            description = "Prompts in IFEval's input format (key, prompt, instruction_id_list, kwargs). Default: IFEval's own prompts, downloaded once from Hugging Face (google/IFEval).")
    Path inputData;

    @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "Where the result files go.")
    Path outputDir;

    @Option(names = "--punkt-dir", paramLabel = "DIR",
            description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's own copy of NLTK's English model.")
    Path punktDir;

    @Option(names = "--strip-thinking", description = "Check the final answer only: a reasoning model's leading <think>...</think> block is removed from each response first (and the result files hold the responses as checked). Off by default, as the reference scorer checks the whole response.")
    boolean stripThinking;

    @Override
    public Integer call() {
        StageContext context = main.context(spec);
        TextTools text = context.text(punktDir);
        Path input = inputData != null ? inputData : context.data().ifevalInput(context::note);
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(input);
        ResponseFile answers = ResponseFile.read(responses);
        if (stripThinking) answers = answers.map(Thinking::answer);
        answers.warnings().forEach(w -> context.note("warning: " + w));
        Evaluation evaluation = Evaluation.run(prompts, answers, new Verifier(text));
        evaluation.write(outputDir);
        var out = spec.commandLine().getOut();
        evaluation.reportLines().forEach(out::println);
        out.println("wrote " + outputDir.resolve("eval_results_strict.jsonl") + ", eval_results_loose.jsonl and summary.json");
        return 0;
    }
}
