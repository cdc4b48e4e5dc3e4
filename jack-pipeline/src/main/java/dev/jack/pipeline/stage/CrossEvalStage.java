package dev.jack.pipeline.stage;

import dev.jack.core.UserException;
import dev.jack.core.data.JsonlReader;
import dev.jack.judge.CrossEval;
import dev.jack.judge.Templates;
import dev.jack.judge.Unreadable;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.ModelSettings;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jack judge crosseval}: a judge rates the model's responses against expert-rated references ({@link CrossEval}),
 * and with {@code agreement} also rates every reference (leaving it out of the prompt) to report judge-human agreement.
 */
public record CrossEvalStage(Path table, Path responses, Path out, Options options, ModelOptions judge) implements Stage {
    /** Also rate the references for judge-human agreement; the seed (item i uses seed + i); the judge's answer length. */
    public record Options(boolean agreement, long seed, int maxTokens) {
        public Options {
            Check.atLeast("max_tokens", maxTokens, 1);
        }
    }

    @Override
    public String name() {
        return "judge-crosseval";
    }

    @Override
    public Record settings() {
        return new ModelSettings(options, judge.identity());
    }

    @Override
    public List<Path> inputs() {
        return Inputs.of(table, responses);
    }

    @Override
    public List<Path> outputs() {
        return List.of(out);
    }

    @Override
    public Status run(StageContext context) {
        if (responses == null && !options.agreement()) throw new UserException("give --responses, --agreement, or both");
        List<CrossEval.Item> items = CrossEval.read(table);
        Templates templates = new Templates(null);
        Map<String, Object> report = new LinkedHashMap<>();
        List<Unreadable> unreadable = new ArrayList<>();
        PrintWriter console = context.out();
        try (Backend backend = judge.open(OpenAiBackend.Endpoint.CHAT, context)) {
            if (responses != null) {
                Map<String, String> answers = new LinkedHashMap<>();
                JsonlReader.forEach(responses, r -> answers.put(r.string("prompt_id"), r.string("response")));
                CrossEval.Judged judged = CrossEval.judgeResponses(backend, templates, items, answers, options.seed(), judge.inFlight(), options.maxTokens());
                report.putAll(judged.report());
                unreadable.add(judged.unreadable());
                ((Map<?, ?>) report.get("individual")).forEach((k, v) -> console.printf("  %-40s %6.1f%n", k, (Double) v));
                ((Map<?, ?>) report.get("cross")).forEach((k, v) -> console.printf("  %-40s %6.1f%n", k, (Double) v));
            }
            if (options.agreement()) {
                CrossEval.Judged judged = CrossEval.judgeAgreement(backend, templates, items, options.seed(), judge.inFlight(), options.maxTokens());
                report.put("agreement", judged.report());
                unreadable.add(judged.unreadable());
            }
        }
        Judges.tell(context, report, unreadable);
        Judges.write(out, report);
        console.println("wrote " + out);
        return Status.DONE;
    }
}
