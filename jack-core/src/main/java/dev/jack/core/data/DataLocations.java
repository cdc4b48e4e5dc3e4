package dev.jack.core.data;

import dev.jack.core.OptionException;
import dev.jack.core.UserException;
import dev.jack.core.text.PunktParameters;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Where Jack finds the data it does not ship: NLTK's punkt_tab package and IFEval's prompts (and, in jack-llm,
 * models). Each is looked up in an explicit location, then Jack's cache, and downloaded into the cache once.
 *
 * <p>Environment: {@code JACK_CACHE_DIR} (default {@code $XDG_CACHE_HOME/jack} or {@code ~/.cache/jack}),
 * {@code JACK_PUNKT_DIR}, {@code JACK_PUNKT_URL}, {@code JACK_HF_ENDPOINT} or {@code HF_ENDPOINT}.
 */
public final class DataLocations {
    public static final String PUNKT_URL = "https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/packages/tokenizers/punkt_tab.zip";
    public static final String HF_ENDPOINT = "https://huggingface.co";
    public static final String IFEVAL_PATH = "/datasets/google/IFEval/resolve/main/ifeval_input_data.jsonl";

    private final Map<String, String> env;

    /** Locations read from these environment variables. */
    public DataLocations(Map<String, String> env) {
        this.env = env;
    }

    /** Jack's cache: {@code JACK_CACHE_DIR}, else {@code $XDG_CACHE_HOME/jack}, else {@code ~/.cache/jack}. */
    public Path cacheDir() {
        String dir = env.get("JACK_CACHE_DIR");
        if (dir != null && !dir.isBlank()) return Path.of(dir);
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "jack");
        return Path.of(System.getProperty("user.home"), ".cache", "jack");
    }

    /**
     * The English Punkt model from a punkt_tab folder (the one holding {@code english/}): the given
     * folder, else {@code JACK_PUNKT_DIR}, else the cache, else NLTK's package downloaded into the cache.
     */
    public PunktParameters punktEnglish(Path punktDir) {
        if (punktDir != null) {
            if (!Files.isDirectory(punktDir.resolve("english"))) {
                throw new OptionException("punkt_dir", punktDir + (Files.isDirectory(punktDir) ? " is not a punkt_tab folder (it has no english/ folder)"
                        : " does not exist (give the punkt_tab folder that holds english/)"));
            }
            return PunktParameters.load(punktDir.resolve("english"));
        }
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

    /** An exception's message, or its class name when it has none (ConnectException often has none). */
    public static String describe(Exception e) {
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
    public String hfEndpoint() {
        return env.getOrDefault("JACK_HF_ENDPOINT", env.getOrDefault("HF_ENDPOINT", HF_ENDPOINT)).replaceAll("/+$", "");
    }

    /** IFEval's prompts (google/IFEval on Hugging Face), downloaded once into the cache. */
    public Path ifevalInput() {
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
