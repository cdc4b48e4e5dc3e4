package dev.jack.core;

import dev.jack.core.json.Json;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The read-only reference data beside the project root ({@code ../shared}). Tests that need it are
 * skipped, saying why, where it is absent (a user's clone); with {@code JACK_REQUIRE_SHARED} set they fail
 * instead ({@link RequireSharedData}).
 */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String configured = System.getProperty("jack.shared.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "shared");
        return dir.toAbsolutePath().normalize();
    }

    /** Whether the path under shared/ is there (for class-wide setup, which must not skip: see {@link #require}). */
    public static boolean present(String relative) {
        return Files.exists(root().resolve(relative));
    }

    /**
     * The path under shared/, or skips the calling test when it is not there. Call it from a test or a
     * {@code @BeforeEach} method: a skip in {@code @BeforeAll} would leave the class reported as "Tests run: 0".
     */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p),
                "skipped: reference data " + p + " is absent (it lives in ../shared beside the project root, which CI provides)");
        return p;
    }

    /** Every JSONL file under shared/, sorted by path; skips the calling test as {@link #require} does where shared/ifeval is absent. */
    public static List<Path> jsonlFiles() throws IOException {
        require("ifeval");
        try (Stream<Path> all = Files.walk(root(), FileVisitOption.FOLLOW_LINKS)) {
            return all.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    /**
     * Every distinct "response" of the JSONL files under shared/ifbench and shared/ifeval, in file and line order; skips
     * the calling test as {@link #require} does where either is absent.
     */
    public static Set<String> responses() throws IOException {
        Set<String> texts = new LinkedHashSet<>();
        for (String data : List.of("ifbench", "ifeval")) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(require(data).toRealPath())) {
                files = walk.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
            }
            for (Path file : files) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank() || !(Json.parse(line) instanceof Map<?, ?> row)) continue;
                    if (row.get("response") instanceof String text) texts.add(text);
                }
            }
        }
        return texts;
    }

    public static Path punktEnglish() {
        return require("ifeval/punkt_tab/english");
    }
}
