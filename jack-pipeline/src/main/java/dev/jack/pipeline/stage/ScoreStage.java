package dev.jack.pipeline.stage;

import dev.jack.core.Choices;
import dev.jack.core.curate.Flaw;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.Sample;
import dev.jack.core.data.ScoredSample;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.json.PyJson;
import dev.jack.core.text.Thinking;
import dev.jack.llm.ControlTokens;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code jack score}: each sample with its prompt's per-constraint strict and loose verdicts and rewards
 * ({@link ScoredSample}), so that curation and reports never verify again. Rows keep the samples' order. What is
 * checked is the final answer: a reasoning model's leading thinking block is removed first unless {@code thinking} is
 * {@code keep} ({@link Thinking}). Before scoring, every response (and its {@code reasoning_content}) is searched for
 * control-token text ({@link ControlTokens#KNOWN}); what is found goes into the row's {@code control_tokens}, and the
 * console counts those responses, the ones cut off at the token limit and the ones with an empty answer: curation
 * never chooses them ({@link Flaw}).
 */
public record ScoreStage(Path prompts, Path samples, Path out, Options options) implements Stage {
    /**
     * The reward that counts ({@code reward}), all or nothing (1 only when every constraint is followed), what happens
     * to a reasoning model's thinking before checking, and the Punkt folder (null: Jack's own).
     */
    public record Options(Reward reward, boolean allOrNothing, Thinking thinking, Path punktDir) {}

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
        Tally tally = Tally.NONE;
        for (ScoredSample s : scored) tally = tally.plus(s);
        summary(context.out(), tally, out.toString());
        return Status.DONE;
    }

    /**
     * What scoring made, added up: samples, the sum of their rewards, those with control-token text, cut off at
     * max_tokens, and with an empty answer.
     */
    public record Tally(long samples, double rewards, long controlTokens, long truncated, long empty) implements java.io.Serializable {
        public static final Tally NONE = new Tally(0, 0, 0, 0, 0);

        public Tally plus(ScoredSample s) {
            Flaw f = flaw(s);
            return plus(new Tally(1, s.reward(), s.controlTokens().isEmpty() ? 0 : 1, f == Flaw.TRUNCATED ? 1 : 0, f == Flaw.EMPTY ? 1 : 0));
        }

        public Tally plus(Tally t) {
            return new Tally(samples + t.samples, rewards + t.rewards, controlTokens + t.controlTokens, truncated + t.truncated, empty + t.empty);
        }
    }

    /** The stage's summary lines for what it scored, and where it wrote the rows. */
    public void summary(PrintWriter console, Tally t, String where) {
        console.printf("scored %d samples (mean %s reward %.4f); wrote %s%n", t.samples(), Choices.label(options.reward()),
                t.samples() == 0 ? 0 : t.rewards() / t.samples(), where);
        console.printf("  %d with control-token text, %d cut off at max_tokens, %d with an empty answer (never chosen without --allow-truncated)%n",
                t.controlTokens(), t.truncated(), t.empty());
    }

    /** A sample scored against its prompt's constraints: strict and loose verdicts, the rewards, its control tokens. */
    public ScoredSample score(Sample sample, IfevalPrompt p, Verifier verifier) {
        Verdicts v = verifier.verify(p.constraints(), options.thinking().apply(sample.reasoningContent(), sample.response()));
        boolean all = options.allOrNothing();
        return new ScoredSample(sample, controlTokens(sample), p.instructionIds(), v.strict(), v.loose(), Reward.STRICT.of(v, all),
                Reward.LOOSE.of(v, all), options.reward().of(v, all));
    }

    /** The distinct control-token texts in what the model wrote (reasoning, then response), in order of first occurrence. */
    static List<String> controlTokens(Sample sample) {
        Set<String> found = new LinkedHashSet<>();
        for (String text : new String[] {sample.reasoningContent(), sample.response()}) {
            for (int from = 0; text != null && from < text.length(); ) {
                Optional<ControlTokens.Match> m = ControlTokens.KNOWN.find(text.substring(from));
                if (m.isEmpty()) break;
                found.add(m.get().token());
                from += m.get().offset() + m.get().token().length();
            }
        }
        return List.copyOf(found);
    }

    /**
     * What keeps a scored sample from being chosen ({@link Flaw#of}); its control tokens as the row says, or looked for
     * now in rows from elsewhere that do not say.
     */
    static Flaw flaw(ScoredSample s) {
        Sample sample = s.sample();
        List<String> controlTokens = s.controlTokens() != null ? s.controlTokens() : controlTokens(sample);
        return Flaw.of(sample.finishReason(), Thinking.answer(sample.response()), !controlTokens.isEmpty());
    }

    /** The prompts of a file by key. */
    static Map<Long, IfevalPrompt> promptsByKey(Path prompts) {
        Map<Long, IfevalPrompt> byKey = new HashMap<>();
        for (IfevalPrompt p : IfevalPrompt.readAll(prompts)) byKey.put(p.key(), p);
        return byKey;
    }
}
