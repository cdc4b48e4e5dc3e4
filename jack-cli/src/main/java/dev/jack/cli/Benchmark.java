package dev.jack.cli;

import dev.jack.core.OptionException;
import dev.jack.core.Parallel;
import dev.jack.core.ifeval.Evaluation;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.ResponseFile;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.ifbench.IfbenchEvaluation;
import dev.jack.pipeline.StageContext;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The benchmarks {@code jack eval} and {@code jack bench verify} score with their reference's semantics. IFEval and
 * IFBench share the prompt format and the strict/loose verification; they differ in where their prompts come from and
 * how responses are matched to prompts. IFEvalG is scored by open-instruct's IFEvalVerifier, on a prompt file the user
 * gives (open-instruct publishes training data, not a test set).
 */
enum Benchmark {
    /** Google's IFEval: prompts from google/IFEval; responses matched by key, else by prompt text. */
    IFEVAL,
    /** allenai/IFBench: prompts from allenai/IFBench_test; responses matched by prompt, else by stripped prompt; none scores "". */
    IFBENCH,
    /** open-instruct's IFEvalG: the user's prompts in Jack's format (text keys); responses matched by key. */
    IFEVALG;

    /**
     * The prompts: the given file, else the benchmark's own, downloaded once into Jack's cache.
     *
     * @throws OptionException for IFEvalG without a prompt file
     */
    Path promptsFile(Path inputData, StageContext context) {
        if (inputData != null) return inputData;
        return switch (this) {
            case IFEVAL -> context.data().ifevalInput(context::note);
            case IFBENCH -> context.data().ifbenchInput(context::note);
            case IFEVALG -> throw new OptionException("input_data", "--benchmark ifevalg scores the prompts you give: pass them"
                    + " in Jack's format (key, prompt, instruction_id_list, kwargs)");
        };
    }

    /**
     * Checks IFEval's or IFBench's prompts (the file {@code prompts}) on a response file, matched as that benchmark's
     * scorer matches them, each response as {@code answer} makes it (e.g. without a reasoning model's thinking), and
     * writes the result files into {@code outputDir} as the rows are checked ({@link Evaluation#write(List, Function,
     * Verifier, Path)}).
     *
     * @throws dev.jack.core.data.DataFileException for a bad row of either file (the prompts' first, as when they are
     *     read one after the other) or a prompt without a response
     */
    Evaluation evaluate(Path prompts, Path responses, UnaryOperator<String> answer, Verifier verifier, StageContext context, Path outputDir) {
        // The responses are read on a thread of their own while the prompts are read here (each file is parsed on
        // every core too, but reading one alone kept the two cores half busy: 54,100 rows, a third of the command's time).
        FutureTask<Answers> reading = new FutureTask<>(() -> answers(responses, answer));
        Thread.ofPlatform().name("jack-eval-responses").daemon().start(reading);
        List<IfevalPrompt> read;
        try {
            read = IfevalPrompt.readAll(prompts);
        } catch (RuntimeException e) {
            reading.cancel(true);
            throw e;
        }
        // The models load while the responses are read.
        verifier.prepareForPrompts(read);
        Answers answers = await(reading);
        answers.warnings().forEach(w -> context.note("warning: " + w));
        return Evaluation.write(read, answers.responseFor(), verifier, outputDir);
    }

    /** The task's result; what it threw, rethrown as it was. */
    private static <T> T await(FutureTask<T> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw Parallel.unchecked(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the responses", e);
        }
    }

    /** A response file read as the benchmark's scorer reads it: each prompt's response, and what to warn about. */
    private record Answers(Function<IfevalPrompt, String> responseFor, List<String> warnings) {}

    private Answers answers(Path responses, UnaryOperator<String> answer) {
        if (this == IFBENCH) {
            Map<String, String> byPrompt = new HashMap<>();
            IfbenchEvaluation.readResponses(responses).forEach((prompt, response) -> byPrompt.put(prompt, answer.apply(response)));
            return new Answers(p -> IfbenchEvaluation.responseFor(p, byPrompt), List.of());
        }
        ResponseFile file = ResponseFile.read(responses);
        // Without --strip-thinking the responses are checked as they are: no copy of the file's two maps.
        if (answer != UnaryOperator.<String>identity()) file = file.map(answer);
        return new Answers(file::require, file.warnings());
    }
}
