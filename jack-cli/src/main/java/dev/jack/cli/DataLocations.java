package dev.jack.cli;

import dev.jack.core.text.PunktParameters;
import dev.jack.llm.engine.RandomLlama;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Where Jack finds the data it does not ship: NLTK's punkt_tab package and IFEval's prompts. Each is
 * looked up in an explicit location, then Jack's cache, and downloaded into the cache once.
 *
 * <p>Environment: {@code JACK_CACHE_DIR} (default {@code $XDG_CACHE_HOME/jack} or {@code ~/.cache/jack}),
 * {@code JACK_PUNKT_DIR}, {@code JACK_PUNKT_URL}, {@code JACK_HF_ENDPOINT} or {@code HF_ENDPOINT}.
 */
final class DataLocations {
    static final String PUNKT_URL = "https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/packages/tokenizers/punkt_tab.zip";
    static final String HF_ENDPOINT = "https://huggingface.co";
    static final String IFEVAL_PATH = "/datasets/google/IFEval/resolve/main/ifeval_input_data.jsonl";

    private final Map<String, String> env;

    DataLocations(Map<String, String> env) {
        this.env = env;
    }

    Path cacheDir() {
        String dir = env.get("JACK_CACHE_DIR");
        if (dir != null && !dir.isBlank()) return Path.of(dir);
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "jack");
        return Path.of(System.getProperty("user.home"), ".cache", "jack");
    }

    /**
     * A GGUF file for the embedded engine: a local path; {@code hf://OWNER/REPO/FILE.gguf}, downloaded once from
     * the Hugging Face endpoint into the cache; or {@code tiny}, a small random-weight model built once into the
     * cache (same bytes every time) for demos and tests.
     */
    Path model(String spec, PrintWriter err) {
        if (spec.startsWith("hf://")) {
            String path = spec.substring("hf://".length());
            String[] parts = path.split("/", 3);
            if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty() || path.contains("..")) {
                throw new UserException("--model " + spec + ": expected hf://OWNER/REPO/FILE.gguf");
            }
            URI url = URI.create(hfEndpoint() + "/" + parts[0] + "/" + parts[1] + "/resolve/main/" + parts[2]);
            Path target = cacheDir().resolve("models").resolve("hf").resolve(parts[0]).resolve(parts[1]).resolve(parts[2]);
            try {
                return ModelDownloader.fetch(url, target, err);
            } catch (IOException | RuntimeException e) {
                throw new UserException("cannot get " + spec + ": " + describe(e), e);
            }
        }
        if (spec.equals("tiny")) {
            // The folder names the tiny model's version: a cached file of an older shape is never reused.
            Path tiny = cacheDir().resolve("models").resolve("tiny-v2").resolve("tiny-q8_0.gguf");
            if (!Files.isRegularFile(tiny)) {
                try {
                    Files.createDirectories(tiny.getParent());
                    RandomLlama.write(tiny, RandomLlama.Shape.tiny(), 0, "jack tiny");
                } catch (IOException e) {
                    throw new UserException("cannot build the tiny model in " + tiny + ": " + e.getMessage(), e);
                }
            }
            err.println("jack: model tiny has random weights; its output is noise (for demos and tests)");
            return tiny;
        }
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) throw new UserException("--model " + spec + ": no such GGUF file (give a path, or tiny)");
        return file;
    }

    /**
     * The English Punkt model from a punkt_tab folder (the one holding {@code english/}): the given
     * folder, else {@code JACK_PUNKT_DIR}, else the cache, else NLTK's package downloaded into the cache.
     */
    PunktParameters punktEnglish(Path punktDir) {
        if (punktDir != null) return loadPunkt(punktDir, "--punkt-dir");
        String fromEnv = env.get("JACK_PUNKT_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) return loadPunkt(Path.of(fromEnv), "JACK_PUNKT_DIR");
        Path cached = cacheDir().resolve("punkt_tab");
        if (Files.isDirectory(cached.resolve("english"))) return loadPunkt(cached, "the cache");
        String url = env.getOrDefault("JACK_PUNKT_URL", PUNKT_URL);
        try {
            Path zip = cacheDir().resolve("punkt_tab.zip");
            System.err.println("jack: downloading NLTK's punkt_tab package from " + url + " into " + cacheDir());
            Downloader.download(URI.create(url), zip);
            unzipPunkt(zip, cacheDir());
            Files.deleteIfExists(zip);
        } catch (IOException | RuntimeException e) {
            throw new UserException("cannot find NLTK's Punkt sentence model: no --punkt-dir given, JACK_PUNKT_DIR not set, "
                    + "nothing in the cache (" + cached + "), and downloading " + url + " failed: " + describe(e)
                    + ". Pass --punkt-dir (or set JACK_PUNKT_DIR) to a punkt_tab folder holding english/, "
                    + "as in nltk_data's tokenizers/punkt_tab.", e);
        }
        return loadPunkt(cached, "the downloaded package");
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static PunktParameters loadPunkt(Path punktTab, String source) {
        Path english = punktTab.resolve("english");
        if (!Files.isDirectory(english)) {
            throw new UserException(source + ": " + punktTab + " is not a punkt_tab folder (it has no english/ folder)");
        }
        return PunktParameters.load(english);
    }

    /** Extracts the punkt_tab/ entries of NLTK's package, refusing paths that escape the target. */
    static void unzipPunkt(Path zip, Path target) throws IOException {
        Path staging = Files.createTempDirectory(target, ".punkt_tab");
        boolean sawEnglish = false;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                if (!e.getName().startsWith("punkt_tab/")) continue;
                Path out = staging.resolve(e.getName()).normalize();
                if (!out.startsWith(staging)) throw new IOException("unsafe path in archive: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out, StandardCopyOption.REPLACE_EXISTING);
                    if (e.getName().startsWith("punkt_tab/english/")) sawEnglish = true;
                }
            }
        }
        if (!sawEnglish) throw new IOException("the archive has no punkt_tab/english/ model");
        Path finalDir = target.resolve("punkt_tab");
        if (Files.exists(finalDir)) deleteTree(finalDir);
        Files.move(staging.resolve("punkt_tab"), finalDir, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(staging);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** The Hugging Face endpoint (a mirror from JACK_HF_ENDPOINT or HF_ENDPOINT), without a trailing slash. */
    private String hfEndpoint() {
        return env.getOrDefault("JACK_HF_ENDPOINT", env.getOrDefault("HF_ENDPOINT", HF_ENDPOINT)).replaceAll("/+$", "");
    }

    /** IFEval's prompts (google/IFEval on Hugging Face), downloaded once into the cache. */
    Path ifevalInput() {
        Path cached = cacheDir().resolve("ifeval").resolve("input_data.jsonl");
        if (Files.isRegularFile(cached)) return cached;
        String url = hfEndpoint() + IFEVAL_PATH;
        try {
            System.err.println("jack: downloading IFEval's prompts from " + url + " into " + cached);
            Downloader.download(URI.create(url), cached);
        } catch (IOException | RuntimeException e) {
            throw new UserException("cannot download IFEval's prompts from " + url + ": " + describe(e)
                    + ". Pass --input-data with a local copy of IFEval's input_data.jsonl.", e);
        }
        return cached;
    }
}
