package dev.jack.cli;

import dev.jack.core.data.DataLocations;
import dev.jack.core.ifeval.Evaluation;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.ResponseFile;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.TextTools;
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
            description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's cache, else downloaded once.")
    Path punktDir;

    @Override
    public Integer call() {
        DataLocations data = main.data();
        Path input = inputData != null ? inputData : data.ifevalInput();
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(input);
        ResponseFile answers = ResponseFile.read(responses);
        answers.warnings().forEach(w -> spec.commandLine().getErr().println("jack: warning: " + w));
        TextTools text = new TextTools(() -> data.punktEnglish(punktDir));
        Evaluation evaluation = Evaluation.run(prompts, answers, new Verifier(text));
        evaluation.write(outputDir);
        var out = spec.commandLine().getOut();
        evaluation.reportLines().forEach(out::println);
        out.println("wrote " + outputDir.resolve("eval_results_strict.jsonl") + ", eval_results_loose.jsonl and summary.json");
        return 0;
    }
}
