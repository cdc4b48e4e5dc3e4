package dev.jack.pipeline.stage;

import dev.jack.core.data.JsonlReader;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A prompt's key and difficulty tier, as the report and the ablations read them from a prompts file. */
record PromptTier(long key, String difficulty) {
    /** The prompts in file order; the tier is jack synth's {@code difficulty} field, null where a row has none. */
    static List<PromptTier> read(Path file) {
        return JsonlReader.readAll(file, row -> new PromptTier(row.integer("key"), row.optionalString("difficulty")));
    }

    /** The tiers among these, easy, moderate and hard first, then any others alphabetically. */
    static List<String> order(java.util.Collection<String> tiers) {
        List<String> ordered = new java.util.ArrayList<>();
        for (String t : List.of("easy", "moderate", "hard")) if (tiers.contains(t)) ordered.add(t);
        tiers.stream().filter(t -> !ordered.contains(t)).distinct().sorted().forEach(ordered::add);
        return ordered;
    }

    /** The tier of each prompt that has one. */
    static Map<Long, String> difficulties(Path file) {
        Map<Long, String> tiers = new LinkedHashMap<>();
        for (PromptTier p : read(file)) if (p.difficulty() != null) tiers.put(p.key(), p.difficulty());
        return tiers;
    }
}
