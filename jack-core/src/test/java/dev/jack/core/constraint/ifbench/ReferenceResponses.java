package dev.jack.core.constraint.ifbench;

import dev.jack.core.SharedData;
import dev.jack.core.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every distinct response in {@code ../shared/ifbench} (IFBench's three sets and IFEvalG's), for equivalence tests. */
public final class ReferenceResponses {
    private ReferenceResponses() {}

    public static List<String> all() throws IOException {
        Path root = SharedData.require("ifbench");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root.toRealPath())) {
            files = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        Set<String> texts = new LinkedHashSet<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && Json.parse(line) instanceof Map<?, ?> row && row.get("response") instanceof String text) texts.add(text);
            }
        }
        List<String> all = new ArrayList<>(texts);
        assertTrue(all.size() > 1000, "only " + all.size() + " responses under " + root);
        return all;
    }
}
