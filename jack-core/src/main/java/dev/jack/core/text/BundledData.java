package dev.jack.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the reference data bundled under {@code dev/jack/core/text/} (NLTK's stop words and POS tagger,
 * syllapy's dictionary, the emoji list), each with its attribution and licence beside it. Nothing is
 * downloaded: a missing resource is a broken build, reported as an {@link IllegalStateException}.
 */
final class BundledData {
    private BundledData() {}

    static String read(String name) {
        try (InputStream in = BundledData.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("bundled resource dev/jack/core/text/" + name + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + name, e);
        }
    }
}
