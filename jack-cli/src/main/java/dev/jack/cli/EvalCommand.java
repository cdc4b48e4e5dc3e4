package dev.jack.cli;

import dev.jack.core.data.OutputLock;
import dev.jack.core.data.OutputPaths;
import dev.jack.core.ifeval.Evaluation;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.ifevalg.IfevalgEvaluation;
import dev.jack.core.text.TextTools;
import dev.jack.core.text.Thinking;
import dev.jack.pipeline.StageContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/** {@code jack eval}: IFEval-, IFBench- or IFEvalG-compatible evaluation of a response file. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Checks responses against their prompts' constraints like a benchmark's reference scorer: IFEval's or IFBench's",
                "(strict and loose; eval_results_strict.jsonl and eval_results_loose.jsonl byte for byte in the reference's format), or",
                "IFEvalG's (open-instruct's IFEvalVerifier: eval_results_strict.jsonl with each constraint's verdict alone and the reward in",
                "score). Also writes summary.json."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--benchmark", defaultValue = "ifeval", paramLabel = "NAME",
            description = "ifeval, ifbench or ifevalg: whose scorer and, without --input-data, whose prompts (default: ${DEFAULT-VALUE}).")
    Benchmark benchmark;

    @Option(names = "--responses", required = true, paramLabel = "FILE",
            description = "Response file: JSONL with prompt and response (and optionally key) per line; for ifevalg, key and response (and optionally response_id).")
    Path responses;

    @Option(names = "--input-data", paramLabel = "FILE",
            description = {"Prompts in IFEval's input format (key, prompt, instruction_id_list, kwargs). Default: the benchmark's own, downloaded once",
                    "from Hugging Face into Jack's cache (google/IFEval, allenai/IFBench_test); ifevalg needs it."})
    Path inputData;

    @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "Where the result files go.")
    Path outputDir;

    @Option(names = "--punkt-dir", paramLabel = "DIR",
            description = "NLTK punkt_tab folder (the one holding english/). Default: $JACK_PUNKT_DIR, else Jack's own copy of NLTK's English model.")
    Path punktDir;

    @Option(names = "--strip-thinking", description = "Check the final answer only: a reasoning model's leading <think>...</think> block is removed from each response first (and the result files hold the responses as checked). Off by default, as the reference scorers check the whole response. IFEvalG's verifier removes thinking itself.")
    boolean stripThinking;

    @Override
    public Integer call() {
        StageContext context = main.context(spec);
        List<Path> outputs = Evaluation.FILES.stream().map(outputDir::resolve).toList();
        OutputPaths.check(inputData == null ? List.of(responses) : List.of(responses, inputData), outputs, List.of());
        TextTools text = context.text(punktDir);
        try (OutputLock lock = OutputLock.acquire(outputs)) {
            Path input = benchmark.promptsFile(inputData, context);
            PrintWriter out = spec.commandLine().getOut();
            if (benchmark == Benchmark.IFEVALG) {
                List<IfevalgEvaluation.Prompt> prompts = IfevalgEvaluation.readPrompts(input);
                List<IfevalgEvaluation.Row> rows = IfevalgEvaluation.evaluate(prompts, IfevalgEvaluation.readResponses(responses, prompts), text);
                IfevalgEvaluation.write(rows, outputDir);
                IfevalgEvaluation.reportLines(rows).forEach(out::println);
                out.println("wrote " + outputs.getFirst() + " and summary.json");
                return 0;
            }
            Evaluation evaluation = benchmark.evaluate(input, responses, stripThinking ? Thinking::answer : UnaryOperator.identity(), new Verifier(text),
                    context, outputDir);
            evaluation.checkerErrors().forEach(e -> context.note("warning: " + e + " (counted as not followed; listed in summary.json)"));
            evaluation.reportLines().forEach(out::println);
            out.println("wrote " + outputs.getFirst() + ", eval_results_loose.jsonl and summary.json");
        }
        return 0;
    }
}
