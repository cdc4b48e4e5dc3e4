package dev.jack.core.data;

import dev.jack.core.OptionException;
import dev.jack.core.UserException;
import dev.jack.core.text.PunktParameters;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where Jack finds its data. NLTK's English Punkt model: a given punkt_tab folder ({@code --punkt-dir}), else
 * {@code JACK_PUNKT_DIR}, else Jack's own copy in the jar (so English never needs the network). IFEval's and IFBench's
 * test prompts: Jack's cache, else downloaded once from Hugging Face into it (Jack ships no benchmark data). Models are found by jack-llm's {@code ModelFiles}
 * with the cache and endpoint given here.
 *
 * <p>Environment: {@code JACK_CACHE_DIR} (default {@code $XDG_CACHE_HOME/jack} or {@code ~/.cache/jack}),
 * {@code JACK_PUNKT_DIR}, {@code JACK_HF_ENDPOINT} or {@code HF_ENDPOINT} (a Hugging Face mirror).
 */
public final class DataLocations {
    public static final String HF_ENDPOINT = "https://huggingface.co";
    public static final String IFEVAL_PATH = "/datasets/google/IFEval/resolve/main/ifeval_input_data.jsonl";
    /** allenai/IFBench_test on Hugging Face: its 300 test prompts, as the datasets library stores them (Parquet). */
    public static final String IFBENCH_PATH = "/datasets/allenai/IFBench_test/resolve/main/data/train-00000-of-00001.parquet";

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
     * Checks a punkt_tab folder given by the user before any work: it must hold {@code english/}.
     *
     * @throws OptionException (key {@code punkt_dir}) naming what is wrong
     */
    public static void checkPunktDir(Path punktDir) {
        if (punktDir != null && !Files.isDirectory(punktDir.resolve("english"))) {
            throw new OptionException("punkt_dir", punktDir + (Files.isDirectory(punktDir) ? " is not a punkt_tab folder (it has no english/ folder)"
                    : " does not exist (give the punkt_tab folder that holds english/)"));
        }
    }

    /** The English Punkt model: from the given punkt_tab folder, else {@code JACK_PUNKT_DIR}'s, else Jack's own copy. */
    public PunktParameters punktEnglish(Path punktDir) {
        if (punktDir != null) {
            checkPunktDir(punktDir);
            return PunktParameters.load(punktDir.resolve("english"));
        }
        String fromEnv = env.get("JACK_PUNKT_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path dir = Path.of(fromEnv);
            if (!Files.isDirectory(dir.resolve("english"))) {
                throw new UserException("JACK_PUNKT_DIR=" + fromEnv + " is not a punkt_tab folder (it has no english/ folder); unset it to use Jack's own");
            }
            return PunktParameters.load(dir.resolve("english"));
        }
        return PunktParameters.english();
    }

    /** An exception's message, or its class name when it has none (ConnectException often has none). */
    public static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** The Hugging Face endpoint (a mirror from JACK_HF_ENDPOINT or HF_ENDPOINT), without a trailing slash. */
    public String hfEndpoint() {
        return env.getOrDefault("JACK_HF_ENDPOINT", env.getOrDefault("HF_ENDPOINT", HF_ENDPOINT)).replaceAll("/+$", "");
    }

    /**
     * Why a download failed and what to do, in one sentence: what was tried, where the file can be put by hand, and
     * the variables that point elsewhere.
     */
    public String downloadFailure(String what, URI url, Path cached, Exception e, String instead) {
        return "cannot download " + what + " from " + url + " (" + describe(e) + "). Put the file at " + cached + " by hand, "
                + "or set JACK_HF_ENDPOINT (or HF_ENDPOINT) to a reachable Hugging Face mirror" + (instead == null ? "" : ", or " + instead);
    }

    /**
     * IFEval's prompts (google/IFEval on Hugging Face), downloaded once into {@code CACHE/ifeval/input_data.jsonl}.
     *
     * @throws UserException saying what was tried when the download fails
     */
    public Path ifevalInput(Consumer<String> log) {
        Path cached = cacheDir().resolve("ifeval").resolve("input_data.jsonl");
        if (Files.isRegularFile(cached)) return cached;
        URI url = URI.create(hfEndpoint() + IFEVAL_PATH);
        try {
            log.accept("downloading IFEval's prompts from " + url + " into " + cached);
            Downloader.download(url, cached);
        } catch (IOException | RuntimeException e) {
            throw new UserException(downloadFailure("IFEval's prompts", url, cached, e, "pass --input-data with a local copy of IFEval's input_data.jsonl"), e);
        }
        return cached;
    }

    /**
     * IFBench's test prompts (allenai/IFBench_test on Hugging Face), downloaded once and kept as
     * {@code CACHE/ifbench/IFBench_test.jsonl} in IFEval's input format (the hub stores them as Parquet, which is
     * converted; a copy of IFBench's {@code data/IFBench_test.jsonl} put there by hand is used as it is).
     *
     * @throws UserException saying what was tried when the download fails
     */
    public Path ifbenchInput(Consumer<String> log) {
        Path cached = cacheDir().resolve("ifbench").resolve("IFBench_test.jsonl");
        if (Files.isRegularFile(cached)) return cached;
        URI url = URI.create(hfEndpoint() + IFBENCH_PATH);
        Path parquet = cached.resolveSibling("IFBench_test.parquet");
        try {
            log.accept("downloading IFBench's test prompts from " + url + " into " + cached);
            Downloader.download(url, parquet);
            AtomicFiles.writeJsonl(cached, ParquetReader.read(parquet));
            Files.delete(parquet);
        } catch (IOException | RuntimeException e) {
            throw new UserException(downloadFailure("IFBench's test prompts", url, cached, e,
                    "pass --input-data with a local copy of IFBench's data/IFBench_test.jsonl"), e);
        }
        return cached;
    }

    /**
     * An evaluation set's prompts for decontamination: {@code ifeval} is IFEval's input data ({@link #ifevalInput}),
     * {@code ifbench} IFBench's test prompts ({@link #ifbenchInput}), each from the cache, else downloaded once;
     * anything else is a file path.
     *
     * @throws UserException when a benchmark's prompts cannot be downloaded
     */
    public Path evaluationSet(String spec, Consumer<String> log) {
        return switch (spec) {
            case "ifeval" -> ifevalInput(log);
            case "ifbench" -> ifbenchInput(log);
            default -> Path.of(spec);
        };
    }
}
