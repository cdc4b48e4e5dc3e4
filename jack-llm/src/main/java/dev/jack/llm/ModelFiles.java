package dev.jack.llm;

import dev.jack.core.OptionException;
import dev.jack.core.UserException;
import dev.jack.core.data.DataLocations;
import dev.jack.llm.engine.RandomLlama;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Turns what a user writes for a model ({@code --model}, a config's {@code model.model}) into a GGUF file for the
 * embedded engine: a local path; {@code hf://OWNER/REPO/FILE.gguf}, downloaded once from the Hugging Face endpoint
 * ({@code JACK_HF_ENDPOINT} or {@code HF_ENDPOINT}) into {@code CACHE/models/hf/OWNER/REPO/FILE.gguf}, resumably and
 * checked against the size and SHA-256 the server announces; or {@code tiny}, a small random-weight model written
 * once into {@code CACHE/models/tiny-v2/} (the same bytes every time), for demos and tests.
 */
public final class ModelFiles {
    /**
     * The tiny model's file: its folder names the tiny model's version, so a file of an older shape is never reused;
     * its name makes the engine call the model {@code tiny}, the name users give it.
     */
    private static final String TINY = "tiny-v2/tiny.gguf";

    private final DataLocations data;

    public ModelFiles(DataLocations data) {
        this.data = data;
    }

    /**
     * The GGUF file for a model spec, fetched or built first when needed; progress and notes go to {@code log}.
     *
     * @throws OptionException (key {@code model}) when the spec is malformed, the file does not exist, or the download fails;
     *     UserException when the tiny model cannot be written
     */
    public Path resolve(String spec, Consumer<String> log) {
        if (spec.startsWith("hf://")) {
            URI url = hfUrl(spec);
            Path cached = hfPath(spec);
            try {
                return ModelDownloader.fetch(url, cached, log);
            } catch (IOException | RuntimeException e) {
                throw new OptionException("model", spec + ": " + data.downloadFailure("the model", url, cached, e, "give a local GGUF path"));
            }
        }
        if (spec.equals("tiny")) {
            Path tiny = data.cacheDir().resolve("models").resolve(TINY);
            if (!Files.isRegularFile(tiny)) {
                try {
                    Files.createDirectories(tiny.getParent());
                    RandomLlama.write(tiny, RandomLlama.Shape.tiny(), 0, "jack tiny");
                } catch (IOException e) {
                    throw new UserException("cannot build the tiny model in " + tiny + ": " + e.getMessage(), e);
                }
            }
            log.accept("model tiny has random weights; its output is noise (for demos and tests)");
            return tiny;
        }
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) throw new OptionException("model", spec + ": no such GGUF file (give a path, hf://OWNER/REPO/FILE.gguf or tiny)");
        return file;
    }

    private String[] hfParts(String spec) {
        String path = spec.substring("hf://".length());
        String[] parts = path.split("/", 3);
        if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty() || path.contains("..")) {
            throw new OptionException("model", "expected hf://OWNER/REPO/FILE.gguf, got \"" + spec + "\"");
        }
        return parts;
    }

    private URI hfUrl(String spec) {
        String[] p = hfParts(spec);
        return URI.create(data.hfEndpoint() + "/" + p[0] + "/" + p[1] + "/resolve/main/" + p[2]);
    }

    private Path hfPath(String spec) {
        String[] p = hfParts(spec);
        return data.cacheDir().resolve("models").resolve("hf").resolve(p[0]).resolve(p[1]).resolve(p[2]);
    }
}
