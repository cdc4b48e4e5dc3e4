package dev.jack.pipeline;

import dev.jack.core.Sha256;
import dev.jack.core.json.PyJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage's outputs depend on: the stage, its options (the record's text), Jack's version, and the size and
 * SHA-256 of every input file. {@code jack run} skips a stage whose fingerprint equals the one recorded when it last
 * finished, so an edited prompts file, a replaced GGUF file or a new Jack makes it run again.
 *
 * @param inputs each input's path (as given), size in bytes (-1 when it does not exist) and SHA-256 (null then)
 */
public record Fingerprint(String stage, String options, String version, List<Input> inputs) {
    /** One input file as it was when the stage ran. */
    public record Input(String path, long size, String sha256) {}

    /** The stage's fingerprint now; {@code hashes} remembers files already hashed in this run (a model file is read once). */
    public static Fingerprint of(Stage stage, String version, Map<Path, Input> hashes) {
        return of(stage, stage.inputs(), version, hashes);
    }

    /** The stage's fingerprint with only the given inputs (a subset of its own): the others' content left out. */
    public static Fingerprint of(Stage stage, List<Path> someInputs, String version, Map<Path, Input> hashes) {
        List<Input> inputs = new ArrayList<>();
        for (Path p : someInputs) inputs.add(hashes.computeIfAbsent(p.toAbsolutePath().normalize(), abs -> input(p, abs)));
        return new Fingerprint(stage.name(), stage.settings().toString(), version, List.copyOf(inputs));
    }

    private static Input input(Path given, Path file) {
        if (!Files.isRegularFile(file)) return new Input(given.toString(), -1, null);
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            long size = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                size += n;
            }
            return new Input(given.toString(), size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + given + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of everything above but the inputs' paths (a moved file with the same content is the same input). */
    public String digest() {
        StringBuilder b = new StringBuilder(stage).append('\n').append(options).append('\n').append(version).append('\n');
        for (Input i : inputs) b.append(i.size()).append(' ').append(i.sha256()).append('\n');
        return Sha256.hex(b.toString());
    }

    /** Why {@code this} differs from an earlier fingerprint, in words ("its options changed", "its input prompts.jsonl changed"). */
    public String differenceFrom(Map<?, ?> earlier) {
        if (!version.equals(earlier.get("jack_version"))) return "Jack's version changed (was " + earlier.get("jack_version") + ")";
        if (!options.equals(earlier.get("options"))) return "its options changed";
        if (earlier.get("inputs") instanceof List<?> before) {
            for (int i = 0; i < inputs.size(); i++) {
                Input now = inputs.get(i);
                boolean same = i < before.size() && before.get(i) instanceof Map<?, ?> b && String.valueOf(b.get("sha256")).equals(String.valueOf(now.sha256()));
                if (!same) return "its input " + Path.of(now.path()).getFileName() + " changed";
            }
        }
        return "its inputs changed";
    }

    /** The marker {@code jack run} keeps for a stage: this fingerprint, its digest, and whether the stage finished. */
    public String marker(boolean done) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprint", digest());
        m.put("done", done);
        m.put("stage", stage);
        m.put("jack_version", version);
        m.put("options", options);
        List<Object> files = new ArrayList<>();
        for (Input i : inputs) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", i.path());
            f.put("size", i.size());
            f.put("sha256", i.sha256());
            files.add(f);
        }
        m.put("inputs", files);
        return PyJson.dumps(m) + "\n";
    }
}
