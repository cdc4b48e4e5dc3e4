package dev.jack.cli;

import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.PyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * {@code jack ablate}: from one run, the dataset variants the study trained on, each a TRL pairs file, with
 * their statistics in {@code ablations.json}: contrast (rejection sampling with high, low and mixed contrast),
 * shared prefixes (MCTS pairs that share one against rejection-sampling pairs that do not, at equal pair
 * count), and prompt difficulty (the high-contrast pairs split by the prompts' tier).
 */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = "Writes the study's dataset variants from one run: contrast high/low/mixed, with and without shared prefixes, difficulty tiers.")
final class AblateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--scored", required = true, paramLabel = "FILE", description = "Scored samples (jack score) for the rejection-sampling variants.")
    Path scored;

    @Option(names = "--mcts", paramLabel = "FILE", description = "Pairs from jack curate mcts, for the shared-prefix variant.")
    Path mcts;

    @Option(names = "--prompts", paramLabel = "FILE", description = "Prompts with a difficulty field (jack synth) for the tier variants.")
    Path prompts;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR", description = "Where the variants and ablations.json go.")
    Path outDir;

    @Option(names = "--max-pairs", defaultValue = "1", description = "Rejection-sampling pairs per prompt at most (default: ${DEFAULT-VALUE}).")
    int maxPairs;

    @Option(names = "--min-gap", defaultValue = "0", description = "Smallest reward gap (default: ${DEFAULT-VALUE}).")
    double minGap;

    @Option(names = "--high-share", defaultValue = "0.5", description = "Share of high-contrast prompts in the mixed variant (default: ${DEFAULT-VALUE}).")
    double highShare;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for every choice among equals (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parquet", description = "Also write each variant as Parquet.")
    boolean parquet;

    @Option(names = "--format", defaultValue = "strings", description = "strings, or messages (chat turns) (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public void run() {
        CurateCommand.checkFormat(format);
        Map<Long, List<JsonlReader.Row>> samples = CurateCommand.readScored(scored);
        Map<String, List<Map<String, Object>>> variants = new LinkedHashMap<>();
        for (RejectionSampling.Contrast c : RejectionSampling.Contrast.values()) {
            RejectionSampling.Options options;
            try {
                options = new RejectionSampling.Options(c, highShare, minGap, maxPairs, seed);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            variants.put("contrast-" + c.name().toLowerCase(java.util.Locale.ROOT), CurateCommand.rsPairs(samples, options, format, null, null).rows());
        }
        List<Map<String, Object>> high = variants.get("contrast-high");
        if (mcts != null) {
            List<Map<String, Object>> shared = new ArrayList<>();
            JsonlReader.forEach(mcts, row -> {
                if (!row.has("depth")) throw row.error("depth", "is missing (not a jack curate mcts output?)");
                if (row.integer("depth") > 0) shared.add(row.fields());
            });
            int n = Math.min(shared.size(), high.size());
            variants.put("prefix-shared", subset(shared, n, seed));
            variants.put("prefix-none", subset(high, n, seed + 1));
        }
        Map<Long, String> tiers = new HashMap<>();
        if (prompts != null) JsonlReader.forEach(prompts, row -> {
            if (row.has("difficulty")) tiers.put(row.integer("key"), row.string("difficulty"));
        });
        Map<String, List<Map<String, Object>>> byTier = new TreeMap<>();
        for (Map<String, Object> row : high) {
            String tier = tiers.get((Long) row.get("key"));
            if (tier != null) byTier.computeIfAbsent(tier, t -> new ArrayList<>()).add(row);
        }
        byTier.forEach((tier, rows) -> variants.put("difficulty-" + tier, rows));

        Map<String, Object> summary = new LinkedHashMap<>();
        for (Map.Entry<String, List<Map<String, Object>>> v : variants.entrySet()) {
            Path file = outDir.resolve(v.getKey() + ".jsonl");
            CurateCommand.writePairs(file, v.getValue(), parquet);
            summary.put(v.getKey(), stats(file, v.getValue(), tiers));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> source = new LinkedHashMap<>();
        // File names only, so that the same run in another folder gives the same file.
        source.put("scored", scored.getFileName().toString());
        source.put("mcts", mcts == null ? null : mcts.getFileName().toString());
        source.put("prompts", prompts == null ? null : prompts.getFileName().toString());
        doc.put("source", source);
        doc.put("variants", summary);
        AtomicFiles.write(outDir.resolve("ablations.json"), PyJson.dumps(doc) + "\n");
        var console = spec.commandLine().getOut();
        summary.forEach((name, s) -> console.printf("  %-22s %5d pairs%n", name, (Integer) ((Map<?, ?>) s).get("pairs")));
        if (mcts == null) console.println("  (no --mcts: the shared-prefix variants are left out)");
        if (byTier.isEmpty()) console.println("  (no prompts with a difficulty: the tier variants are left out)");
        console.printf("wrote %d variants and %s%n", summary.size(), outDir.resolve("ablations.json"));
    }

    /** n rows drawn by the seed, kept in their original order. */
    private static List<Map<String, Object>> subset(List<Map<String, Object>> rows, int n, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) order.add(i);
        Collections.shuffle(order, new java.util.Random(new SplittableRandom(seed).nextLong()));
        List<Integer> kept = new ArrayList<>(order.subList(0, n));
        Collections.sort(kept);
        return kept.stream().map(rows::get).toList();
    }

    private static Map<String, Object> stats(Path file, List<Map<String, Object>> rows, Map<Long, String> tiers) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("file", file.getFileName().toString());
        s.put("pairs", rows.size());
        s.put("prompts", (int) rows.stream().map(r -> r.get("key")).distinct().count());
        s.put("mean_reward_gap", mean(rows, r -> number(r, "chosen_reward") - number(r, "rejected_reward")));
        s.put("mean_chosen_reward", mean(rows, r -> number(r, "chosen_reward")));
        s.put("mean_rejected_reward", mean(rows, r -> number(r, "rejected_reward")));
        s.put("mean_shared_prefix_tokens", mean(rows, r -> number(r, "shared_prefix_tokens")));
        Map<String, Integer> byTier = new TreeMap<>();
        for (Map<String, Object> r : rows) byTier.merge(tiers.getOrDefault((Long) r.get("key"), "unknown"), 1, Integer::sum);
        s.put("pairs_by_difficulty", byTier);
        return s;
    }

    private static double number(Map<String, Object> row, String field) {
        return row.get(field) instanceof Number n ? n.doubleValue() : 0;
    }

    private static Double mean(List<Map<String, Object>> rows, java.util.function.ToDoubleFunction<Map<String, Object>> f) {
        return rows.isEmpty() ? null : rows.stream().mapToDouble(f).average().orElse(0);
    }
}
