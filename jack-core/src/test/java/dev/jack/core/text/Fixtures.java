package dev.jack.core.text;

import dev.jack.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Test fixtures under {@code dev/jack/core/text/} in the test resources, one JSON object a line. */
final class Fixtures {
    private Fixtures() {}

    static List<Map<?, ?>> lines(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().<Map<?, ?>>map(l -> (Map<?, ?>) Json.parse(l)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
