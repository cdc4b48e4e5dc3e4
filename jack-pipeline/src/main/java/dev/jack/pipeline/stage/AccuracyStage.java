package dev.jack.pipeline.stage;

import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PreferencePair;
import dev.jack.judge.AccuracyJudge;
import dev.jack.judge.CritiqueJudge;
import dev.jack.judge.RewardAccuracy;
import dev.jack.judge.Templates;
import dev.jack.judge.Unreadable;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.ModelSettings;
import dev.jack.core.OptionException;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code jack judge accuracy}: reward accuracy on preference pairs, RewardBench style ({@link RewardAccuracy}), from
 * precomputed scores ({@code rewards}: rows with {@code chosen_score} and {@code rejected_score}, matched by
 * {@code id}, else by line) or from an LLM judge ({@link AccuracyJudge}). Pairs are Jack's pairs files (either
 * format) or any JSONL with {@code prompt}, {@code chosen}, {@code rejected} and optionally {@code subset} and
 * {@code id}; a row without a subset counts in one named after the file ({@code pairs-rs.jsonl} → {@code pairs-rs}).
 */
public record AccuracyStage(Path pairs, Path rewards, Path sections, Path out, Options options, ModelOptions judge) implements Stage {
    /** The judge's mode, both A/B orders (pairwise only), the seed (pair i uses seed + i), and the judge's answer length. */
    public record Options(AccuracyJudge.Mode mode, boolean bothOrders, long seed, int maxTokens) {
        public Options {
            if (bothOrders && mode == AccuracyJudge.Mode.POINTWISE) {
                throw new OptionException("both_orders", "asks a pairwise judge in both A/B orders, so it cannot go with --judge pointwise");
            }
            Check.atLeast("max_tokens", maxTokens, 1);
        }
    }

    @Override
    public String name() {
        return "judge-accuracy";
    }

    @Override
    public Record settings() {
        return rewards != null ? options : new ModelSettings(options, judge.identity());
    }


    @Override
    public List<Path> inputs() {
        return Inputs.of(pairs, rewards, sections);
    }

    @Override
    public List<Path> outputs() {
        return List.of(out);
    }

    @Override
    public Status run(StageContext context) {
        List<JsonlReader.Row> rows = Judges.rows(pairs);
        String fileSubset = Inputs.replaceJsonl(pairs, "").getFileName().toString();
        List<AccuracyJudge.Pair> items = new ArrayList<>();
        for (JsonlReader.Row row : rows) {
            PreferencePair p = PreferencePair.read(row);
            String subset = row.has("subset") ? row.string("subset") : fileSubset;
            items.add(new AccuracyJudge.Pair(subset, p.prompt(), p.chosen(), p.rejected()));
        }
        RewardAccuracy accuracy = new RewardAccuracy();
        List<Unreadable> unreadable = new ArrayList<>();
        if (rewards != null) {
            List<JsonlReader.Row> scores = Judges.rows(rewards);
            Map<String, JsonlReader.Row> byId = new LinkedHashMap<>();
            for (JsonlReader.Row s : scores) if (s.has("id")) byId.put(String.valueOf(s.fields().get("id")), s);
            for (int i = 0; i < rows.size(); i++) {
                JsonlReader.Row pair = rows.get(i);
                JsonlReader.Row s = pair.has("id") && byId.containsKey(String.valueOf(pair.fields().get("id")))
                        ? byId.get(String.valueOf(pair.fields().get("id"))) : i < scores.size() ? scores.get(i) : null;
                if (s == null) throw pair.error("id", "no reward row for this pair in " + rewards);
                accuracy.addScores(items.get(i).subset(), s.number("chosen_score"), s.number("rejected_score"));
            }
        } else {
            try (Backend backend = judge.open(OpenAiBackend.Endpoint.CHAT, context)) {
                CritiqueJudge j = new CritiqueJudge(backend, new Templates(null), 1, 10, 0.0, options.maxTokens());
                unreadable.add(AccuracyJudge.judge(j, items, options.mode(), options.bothOrders(), options.seed(), judge.inFlight(), accuracy));
            }
        }
        Map<String, List<String>> sectionMap = new LinkedHashMap<>();
        if (sections != null) {
            Judges.readObject(sections).forEach((name, list) -> {
                if (!(list instanceof List<?> l)) throw new DataFileException(sections, name + ": expected a list of subsets");
                sectionMap.put(name, l.stream().map(String::valueOf).toList());
            });
        } else {
            for (String s : new TreeSet<>(items.stream().map(AccuracyJudge.Pair::subset).toList())) sectionMap.put(s, List.of(s));
        }
        Map<String, Object> report = new LinkedHashMap<>(accuracy.report(sectionMap));
        PrintWriter console = context.out();
        console.printf("overall (mean of sections): %.4f%n", (Double) report.get("overall"));
        ((Map<?, ?>) report.get("sections")).forEach((k, v) -> console.printf("  %-30s %.4f%n", k, (Double) v));
        if (rewards == null) Judges.tell(context, report, unreadable);
        Judges.write(out, report);
        console.println("wrote " + out);
        return Status.DONE;
    }
}
