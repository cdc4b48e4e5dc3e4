package dev.jack.pipeline.stage;

import dev.jack.core.Choices;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.Sample;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.json.PyJson;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code jack score}: each sample with its prompt's per-constraint strict and loose verdicts and rewards
 * ({@link ScoredSample}), so that curation and reports never verify again. Rows keep the samples' order.
 */
public record ScoreStage(Path prompts, Path samples, Path out, Options options) implements Stage {
    /** The reward that counts ({@code reward}), all or nothing (1 only when every constraint is followed), and the Punkt folder (null: Jack's own). */
    public record Options(Reward reward, boolean allOrNothing, Path punktDir) {}

    @Override
    public Record settings() {
        return options;
    }

    @Override
    public String name() {
        return "score";
    }

    @Override
    public List<Path> inputs() {
        return Inputs.of(prompts, samples, Inputs.punkt(options.punktDir()));
    }

    @Override
    public List<Path> outputs() {
        return List.of(out);
    }

    @Override
    public Status run(StageContext context) {
        Map<Long, IfevalPrompt> byKey = promptsByKey(prompts);
        List<JsonlReader.Row> rows = new ArrayList<>();
        JsonlReader.forEach(samples, rows::add);
        Verifier verifier = new Verifier(context.text(options.punktDir()));
        ScoredSample[] scored = new ScoredSample[rows.size()];
        String[] lines = new String[rows.size()];
        IntStream.range(0, rows.size()).parallel().forEach(i -> {
            JsonlReader.Row row = rows.get(i);
            Sample sample = Sample.read(row);
            IfevalPrompt p = byKey.get(sample.key());
            if (p == null) throw row.error("key", "no prompt with key " + sample.key() + " in " + prompts);
            if (sample.response() == null) throw row.error("response", "is missing");
            scored[i] = score(sample, p, verifier);
            lines[i] = PyJson.dumps(scored[i].toJson());
        });
        AtomicFiles.write(out, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
        double mean = Arrays.stream(scored).mapToDouble(ScoredSample::reward).average().orElse(0);
        context.out().printf("scored %d samples (mean %s reward %.4f); wrote %s%n", lines.length, Choices.label(options.reward()), mean, out);
        return Status.DONE;
    }

    /** A sample scored against its prompt's constraints: strict and loose verdicts, and the rewards. */
    public ScoredSample score(Sample sample, IfevalPrompt p, Verifier verifier) {
        Verdicts v = verifier.verify(p.constraints(), sample.response());
        boolean all = options.allOrNothing();
        return new ScoredSample(sample, p.instructionIds(), v.strict(), v.loose(), Reward.STRICT.of(v, all), Reward.LOOSE.of(v, all),
                options.reward().of(v, all));
    }

    /** The prompts of a file by key. */
    static Map<Long, IfevalPrompt> promptsByKey(Path prompts) {
        Map<Long, IfevalPrompt> byKey = new HashMap<>();
        for (IfevalPrompt p : IfevalPrompt.readAll(prompts)) byKey.put(p.key(), p);
        return byKey;
    }
}
