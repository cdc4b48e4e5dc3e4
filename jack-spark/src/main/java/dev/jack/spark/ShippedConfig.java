package dev.jack.spark;

import dev.jack.pipeline.RunConfig;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's config as the driver read it (its text, its file's name, the out dir given on the command line), sent to
 * the executors, which read it once per JVM into the same {@link RunConfig}: the stages' options are records holding
 * paths, which Java serialization cannot carry, and reading the same text gives the same records.
 */
record ShippedConfig(String text, String fileName, String outDir) implements Serializable {
    private static final Map<ShippedConfig, RunConfig> READ = new ConcurrentHashMap<>();

    static ShippedConfig of(Path file, Path outDir) {
        try {
            return new ShippedConfig(Files.readString(file), file.getFileName().toString(), outDir == null ? null : outDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The config, read once in this JVM. */
    RunConfig config() {
        return READ.computeIfAbsent(this, ShippedConfig::read);
    }

    private RunConfig read() {
        try {
            Path dir = Files.createTempDirectory("jack-config");
            Path file = Files.writeString(dir.resolve(fileName), text);
            try {
                return RunConfig.read(file, outDir == null ? null : Path.of(outDir));
            } finally {
                Files.delete(file);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the run's config in a temporary file: " + e.getMessage(), e);
        }
    }
}
