package dev.jack.cli;

import dev.jack.core.OptionException;
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
     * The verdicts of IFEval's or IFBench's prompts on a response file, matched as that benchmark's scorer matches them,
     * each response as {@code answer} makes it (e.g. without a reasoning model's thinking).
     */
    Evaluation evaluate(List<IfevalPrompt> prompts, Path responses, UnaryOperator<String> answer, Verifier verifier, StageContext context) {
        // The models load while the responses are read.
        verifier.prepareFor(prompts.stream().flatMap(p -> p.constraints().stream()).toList());
        if (this == IFBENCH) {
            Map<String, String> byPrompt = new HashMap<>();
            IfbenchEvaluation.readResponses(responses).forEach((prompt, response) -> byPrompt.put(prompt, answer.apply(response)));
            return IfbenchEvaluation.run(prompts, byPrompt, verifier);
        }
        ResponseFile answers = ResponseFile.read(responses).map(answer);
        answers.warnings().forEach(w -> context.note("warning: " + w));
        return Evaluation.run(prompts, answers, verifier);
    }
}
