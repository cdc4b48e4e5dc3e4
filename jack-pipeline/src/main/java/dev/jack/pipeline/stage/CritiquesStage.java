package dev.jack.pipeline.stage;

import dev.jack.core.Parallel;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.data.PreferencePair;
import dev.jack.judge.CritiqueJudge;
import dev.jack.judge.CritiqueSet;
import dev.jack.judge.Templates;
import dev.jack.judge.Unreadable;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.ModelSettings;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jack judge critiques}: a critique training set (Critic-RM style, {@link CritiqueSet}) from preference pairs:
 * m critiques per response, kept where they agree with the preference, then refined. Rows: {@code pair_id},
 * {@code side}, {@code prompt}, {@code response}, {@code critique}, {@code score}. A critique without a readable
 * score never agrees, so it is dropped (and counted).
 */
public record CritiquesStage(Path pairs, Path out, Options options, ModelOptions judge) implements Stage {
    /**
     * Critiques per response, sampling temperature, refinement and the k kept by {@code topk}, a folder of prompts that
     * replace Jack's (null: none), the seed, and the judge's answer length.
     */
    public record Options(int m, double temperature, CritiqueSet.Refine refine, int k, Path promptsDir, long seed, int maxTokens) {
        public Options {
            Check.atLeast("m", m, 1);
            Check.atLeast("temperature", temperature, 0);
            Check.atLeast("k", k, 1);
            Check.atLeast("max_tokens", maxTokens, 1);
        }
    }

    @Override
    public String name() {
        return "judge-critiques";
    }

    @Override
    public Record settings() {
        return new ModelSettings(options, judge.identity());
    }


    @Override
    public List<Path> inputs() {
        return List.of(pairs);
    }

    @Override
    public List<Path> outputs() {
        return List.of(out);
    }

    @Override
    public Status run(StageContext context) {
        List<JsonlReader.Row> rows = Judges.rows(pairs);
        Templates templates = new Templates(options.promptsDir());
        List<Map<String, Object>> lines = new ArrayList<>();
        int droppedSides = 0;
        long critiques = 0;
        long unreadable = 0;
        try (Backend backend = judge.open(OpenAiBackend.Endpoint.CHAT, context)) {
            CritiqueJudge j = new CritiqueJudge(backend, templates, 1, 10, options.temperature(), options.maxTokens());
            List<CritiqueSet.Built> perPair = Parallel.map(rows.size(), judge.inFlight(), i -> {
                JsonlReader.Row row = rows.get(i);
                PreferencePair p = PreferencePair.read(row);
                String id = row.has("id") ? String.valueOf(row.fields().get("id")) : String.valueOf(i);
                return CritiqueSet.build(backend, templates, j, id, i, p.prompt(), p.chosen(), p.rejected(), options.m(), options.refine(),
                        options.k(), options.seed(), options.maxTokens());
            });
            for (CritiqueSet.Built set : perPair) {
                droppedSides += 2 - (int) set.rows().stream().map(CritiqueSet.Row::side).distinct().count();
                critiques += set.critiques();
                unreadable += set.unreadable();
                for (CritiqueSet.Row r : set.rows()) lines.add(r.toJson());
            }
        }
        AtomicFiles.writeJsonl(out, lines);
        context.out().printf("%d pairs; %d responses had no critique that agreed with the preference; wrote %s%n", rows.size(), droppedSides, out);
        Judges.tell(context, new java.util.LinkedHashMap<>(), List.of(new Unreadable("critiques (no score in range)", unreadable, critiques, "dropped")));
        return Status.DONE;
    }
}
