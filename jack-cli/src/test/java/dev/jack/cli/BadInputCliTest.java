package dev.jack.cli;

import dev.jack.core.data.LockHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad input of issue 14, through the command line: each gets exit code 2 and one line naming the file (with its
 * line and field where there is one), never a stack trace, and leaves every file in the folder as it was (nothing
 * written, nothing destroyed). One table: a case is its arguments and what its one line must say.
 */
class BadInputCliTest {
    @TempDir
    Path dir;

    private final CliHarness cli = new CliHarness(Map.of());

    /** A bad input: the arguments ({@code @} stands for the test folder) and what the error line must contain. */
    private record Case(String name, List<String> args, List<String> says) {
        static Case of(String name, String args, String... says) {
            return new Case(name, Arrays.asList(args.split(" ")), List.of(says));
        }
    }

    private static final String PROMPT = "{\"key\": %d, \"prompt\": \"Say hi %d. No commas.\", \"instruction_id_list\": [\"punctuation:no_comma\"], \"kwargs\": [{}]}\n";

    @BeforeEach
    void fixtures() throws IOException {
        Files.writeString(dir.resolve("prompts.jsonl"), PROMPT.formatted(1, 1) + PROMPT.formatted(2, 2));
        Files.writeString(dir.resolve("samples.jsonl"), """
                {"key": 1, "sample_index": 0, "prompt": "Say hi 1. No commas.", "response": "hi"}
                {"key": 1, "sample_index": 1, "prompt": "Say hi 1. No commas.", "response": "hi, there"}
                {"key": 2, "sample_index": 0, "prompt": "Say hi 2. No commas.", "response": "hello"}
                {"key": 2, "sample_index": 1, "prompt": "Say hi 2. No commas.", "response": "a, b"}
                """);
        Files.writeString(dir.resolve("responses.jsonl"), "{\"key\": 1, \"prompt\": \"Say hi 1. No commas.\", \"response\": \"hi\"}\n"
                + "{\"key\": 2, \"prompt\": \"Say hi 2. No commas.\", \"response\": \"hi\"}\n");
        assertEquals(0, cli.jack("score", "--prompts", p("prompts.jsonl"), "--samples", p("samples.jsonl"), "--out", p("scored.jsonl")), cli.err());
        assertEquals(0, cli.jack("curate", "rs", "--scored", p("scored.jsonl"), "--out", p("pairs.jsonl")), cli.err());
        String scored = Files.readString(dir.resolve("scored.jsonl"));
        Files.writeString(dir.resolve("reward-string.jsonl"), scored.replaceFirst("\"reward\": [0-9.]+", "\"reward\": \"1\""));
        Files.writeString(dir.resolve("sample-index-twice.jsonl"), scored.replaceFirst("\"sample_index\": 1", "\"sample_index\": 0"));
        Files.writeString(dir.resolve("sample-index-negative.jsonl"), Files.readString(dir.resolve("samples.jsonl")).replaceFirst("\"sample_index\": 1", "\"sample_index\": -1"));
        Files.writeString(dir.resolve("reward-nan.jsonl"), scored.replaceFirst("\"reward\": [0-9.]+", "\"reward\": NaN"));
        Files.writeString(dir.resolve("reward-infinity.jsonl"), scored.replaceFirst("\"reward_loose\": [0-9.]+", "\"reward_loose\": Infinity"));
        Files.writeString(dir.resolve("reward-big.jsonl"), scored.replaceFirst("\"reward_strict\": [0-9.]+", "\"reward_strict\": 1.5"));
        Files.writeString(dir.resolve("pairs-key-string.jsonl"), Files.readString(dir.resolve("pairs.jsonl")).replaceFirst("\"key\": 1,", "\"key\": \"2\","));
        Files.writeString(dir.resolve("duplicate-keys.jsonl"), PROMPT.formatted(1, 1) + PROMPT.formatted(1, 2));
        Files.writeString(dir.resolve("empty.jsonl"), "\n");
        Files.writeString(dir.resolve("deep.jsonl"), "[".repeat(5000) + "]".repeat(5000) + "\n");
        Files.write(dir.resolve("not-utf8.jsonl"), bytes("{\"key\": 1, \"sample_index\": 0, \"prompt\": \"Say hi 1. No commas.\", \"response\": \"hi\"}\n{\"key\": 1, \"response\": \"", 0xff, "\"}\n"));
        Files.write(dir.resolve("not-utf8.json"), bytes("{\n  \"punctuation:no_comma\": ", 0xc3, "0.5\n}\n"));
        Files.write(dir.resolve("not-utf8.yaml"), bytes("seed: 1\nstages: [report]\n# caf", 0xe9, "\n"));
        Files.writeString(dir.resolve("duplicate.yaml"), "seed: 1\nsample:\n  n: 2\n  n: 3\n");
        Files.writeString(dir.resolve("n-zero.yaml"), "prompts: " + p("prompts.jsonl") + "\nstages: [sample]\nsample: {n: 0}\n");
        Files.writeString(dir.resolve("timeout.yaml"), "prompts: " + p("prompts.jsonl") + "\nstages: [sample]\nmodel: {backend: \"http://127.0.0.1:1\", model: m, timeout: -1}\n");
        Files.writeString(dir.resolve("ftp.yaml"), "prompts: " + p("prompts.jsonl") + "\nstages: [sample]\nmodel: {backend: \"ftp://host\", model: m}\n");
        Files.writeString(dir.resolve("unknown-stage.yaml"), "stages: [report, nope]\n");
        Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n\n");
        Files.writeString(dir.resolve("empty-map.yaml"), "{}\n");
        Files.writeString(dir.resolve("null-response.jsonl"), "{\"key\": 1, \"sample_index\": 0, \"prompt\": \"Say hi 1. No commas.\", \"response\": null}\n");
        Files.writeString(dir.resolve("one-line.txt"), "my notes, not samples");
        Files.copy(dir.resolve("pairs.jsonl"), dir.resolve("screened.jsonl.journal.jsonl"));
        Files.copy(dir.resolve("responses.jsonl"), dir.resolve("report.items.jsonl"));
        String critique = "{\"prompt\": \"Say hi.\", \"response\": \"hi\", \"critique\": \"Short.\", \"score\": %s}\n";
        Files.writeString(dir.resolve("critiques.jsonl"), critique.formatted("7"));
        Files.writeString(dir.resolve("critique-string.jsonl"), critique.formatted("\"7\""));
        int pairCount = (int) Files.readString(dir.resolve("pairs.jsonl")).lines().count();
        Files.writeString(dir.resolve("rewards.jsonl"), "{\"chosen_score\": 1.0, \"rejected_score\": 0.5}\n".repeat(pairCount));
        Files.writeString(dir.resolve("rewards-nan.jsonl"), "{\"chosen_score\": NaN, \"rejected_score\": 0.5}\n".repeat(pairCount));
        Files.createDirectory(dir.resolve("folder"));
        Files.writeString(dir.resolve("a-file"), "x");
        Files.createDirectory(dir.resolve("results"));
        Files.copy(dir.resolve("responses.jsonl"), dir.resolve("results/eval_results_strict.jsonl"));
    }

    private static byte[] bytes(String before, int bad, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(a, a.length + 1 + c.length);
        all[a.length] = (byte) bad;
        System.arraycopy(c, 0, all, a.length + 1, c.length);
        return all;
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private static final String SERVER = "--backend http://127.0.0.1:1 --model m --no-model-check";

    private static final List<Case> CASES = List.of(
            // A folder, or a file where a folder is wanted, or an output place that cannot be written.
            Case.of("folder as input", "score --prompts @/folder --samples @/samples.jsonl --out @/x.jsonl", "folder: is a folder; expected a file"),
            Case.of("folder as eval responses", "eval --responses @/folder --input-data @/prompts.jsonl --output-dir @/out", "folder: is a folder"),
            Case.of("folder as config", "run --config @/folder", "folder: is a folder"),
            Case.of("output is a folder", "score --prompts @/prompts.jsonl --samples @/samples.jsonl --out @/folder", "folder: is a folder; give a file path"),
            Case.of("output folder is a file", "score --prompts @/prompts.jsonl --samples @/samples.jsonl --out @/a-file/x.jsonl",
                    "a-file/x.jsonl: cannot be written", "a-file is a file, not a folder"),
            Case.of("output folder cannot be made", "score --prompts @/prompts.jsonl --samples @/samples.jsonl --out /proc/jack-test/x.jsonl",
                    "/proc/jack-test"),
            Case.of("ablate folder is a file", "ablate --scored @/scored.jsonl --out-dir @/a-file", "a-file: is a file; expected a folder"),
            // An output that is an input, in every command.
            Case.of("score out = samples", "score --prompts @/prompts.jsonl --samples @/samples.jsonl --out @/samples.jsonl", "samples.jsonl: is both an input and an output"),
            Case.of("score out = prompts by another name", "score --prompts @/prompts.jsonl --samples @/samples.jsonl --out @/folder/../prompts.jsonl",
                    "is both an input and an output"),
            Case.of("sample out = prompts", "sample --prompts @/prompts.jsonl --out @/prompts.jsonl " + SERVER, "prompts.jsonl: is both an input and an output"),
            Case.of("mcts out = prompts", "curate mcts --prompts @/prompts.jsonl --out @/prompts.jsonl " + SERVER, "prompts.jsonl: is both an input and an output"),
            Case.of("rs out = scored", "curate rs --scored @/scored.jsonl --out @/scored.jsonl", "scored.jsonl: is both an input and an output"),
            Case.of("rs stats = scored", "curate rs --scored @/pairs.jsonl.stats.json --out @/pairs.jsonl", "is both an input and an output"),
            Case.of("synth stats = out", "synth --count 2 --out @/new.jsonl --stats @/new.jsonl", "new.jsonl: is given for two outputs"),
            Case.of("synth out = hardness", "synth --count 2 --out @/not-utf8.json --hardness @/not-utf8.json", "not-utf8.json: is both an input and an output"),
            Case.of("report out = pairs", "report --pairs @/pairs.jsonl --out @/pairs.jsonl", "pairs.jsonl: is both an input and an output"),
            Case.of("ablate out dir holds scored", "ablate --scored @/scored.jsonl --out-dir @", "scored.jsonl: is inside the output folder"),
            Case.of("eval output dir holds responses", "eval --responses @/results/eval_results_strict.jsonl --input-data @/prompts.jsonl --output-dir @/results",
                    "eval_results_strict.jsonl: is both an input and an output"),
            Case.of("guard out = input", "judge guard --input @/pairs.jsonl --out @/pairs.jsonl " + SERVER, "pairs.jsonl: is both an input and an output"),
            Case.of("guard journal = input", "judge guard --input @/screened.jsonl.journal.jsonl --out @/screened.jsonl " + SERVER,
                    "screened.jsonl.journal.jsonl: is both an input and an output"),
            Case.of("edit out = scored", "curate edit --prompts @/prompts.jsonl --scored @/scored.jsonl --out @/scored.jsonl", "scored.jsonl: is both an input and an output"),
            Case.of("critiques out = pairs", "judge critiques --pairs @/pairs.jsonl --out @/pairs.jsonl " + SERVER, "pairs.jsonl: is both an input and an output"),
            Case.of("critiques joint folder is a file", "judge critiques --pairs @/pairs.jsonl --out @/c.jsonl --joint @/a-file " + SERVER,
                    "a-file: is a file; expected a folder"),
            Case.of("critiques joint folder holds the pairs", "judge critiques --pairs @/pairs.jsonl --out @/c.jsonl --joint @ " + SERVER,
                    "pairs.jsonl: is inside the output folder"),
            Case.of("rationale out = critiques", "judge rationale --critiques @/critiques.jsonl --out @/critiques.jsonl " + SERVER,
                    "critiques.jsonl: is both an input and an output"),
            Case.of("crosseval items = responses", "judge crosseval --table @/prompts.jsonl --responses @/report.items.jsonl --out @/report.json " + SERVER,
                    "report.items.jsonl: is both an input and an output"),
            Case.of("accuracy out = rewards", "judge accuracy --pairs @/pairs.jsonl --rewards @/rewards.jsonl --out @/rewards.jsonl",
                    "rewards.jsonl: is both an input and an output"),
            // A file that is not Jack's, where a resumable command would append.
            Case.of("sample out is a foreign one-line file", "sample --prompts @/prompts.jsonl --out @/one-line.txt " + SERVER,
                    "one-line.txt:1: not a row this command writes"),
            Case.of("sample out is another command's output", "sample --prompts @/prompts.jsonl --out @/scored.jsonl " + SERVER,
                    "scored.jsonl:1: not a row of jack sample"),
            // Text that is not UTF-8, named by its line.
            Case.of("not UTF-8 in a JSON file", "synth --count 2 --out @/new.jsonl --hardness @/not-utf8.json", "not-utf8.json:2: not valid UTF-8"),
            Case.of("not UTF-8 in the run config", "run --config @/not-utf8.yaml", "not-utf8.yaml:3: not valid UTF-8"),
            Case.of("not UTF-8 in a JSONL file", "score --prompts @/prompts.jsonl --samples @/not-utf8.jsonl --out @/x.jsonl", "not-utf8.jsonl:2: not valid UTF-8"),
            // A value of the wrong type, or out of range.
            Case.of("reward as a string", "curate rs --scored @/reward-string.jsonl --out @/x.jsonl", "reward-string.jsonl:1: reward: must be a number"),
            Case.of("a prompt's sample index twice", "curate rs --scored @/sample-index-twice.jsonl --out @/x.jsonl",
                    "sample-index-twice.jsonl:2: sample_index: repeats key 1's sample 0 (first on line 1)"),
            Case.of("an empty output path", "synth --count 2 --out=", "Invalid value for option '--out': an empty path"),
            Case.of("an empty output folder", "eval --responses @/responses.jsonl --input-data @/prompts.jsonl --output-dir=",
                    "Invalid value for option '--output-dir': an empty path"),
            Case.of("a null response", "eval --responses @/null-response.jsonl --input-data @/prompts.jsonl --output-dir @/null-out",
                    "null-response.jsonl:1: response: is null"),
            Case.of("an empty config", "run --config @/empty.yaml --out-dir @/empty-run", "empty.yaml: the config is empty; give at least one key"),
            Case.of("a config of no keys", "run --config @/empty-map.yaml --out-dir @/empty-run", "empty-map.yaml: the config is empty"),
            Case.of("synth without threads", "synth --count 2 --out @/t.jsonl --threads 0", "--threads: must be at least 1, got 0"),
            Case.of("bench verify for no time", "bench verify --responses @/responses.jsonl --input-data @/prompts.jsonl --seconds -1",
                    "--seconds: must be a positive number of seconds, got -1.0"),
            Case.of("a negative sample index", "score --prompts @/prompts.jsonl --samples @/sample-index-negative.jsonl --out @/x.jsonl",
                    "sample-index-negative.jsonl:2: sample_index: must be at least 0, got -1"),
            Case.of("reward NaN", "curate rs --scored @/reward-nan.jsonl --out @/x.jsonl", "reward-nan.jsonl:1: reward: must be a finite number, got NaN"),
            Case.of("reward Infinity", "curate rs --scored @/reward-infinity.jsonl --out @/x.jsonl", "reward-infinity.jsonl:1: reward_loose: must be a finite number, got Infinity"),
            Case.of("reward above 1", "ablate --scored @/reward-big.jsonl --out-dir @/variants", "reward-big.jsonl:1: reward_strict: must be a number from 0 to 1, got 1.5"),
            Case.of("reward model score NaN", "judge accuracy --pairs @/pairs.jsonl --rewards @/rewards-nan.jsonl --out @/x.json",
                    "rewards-nan.jsonl:1: chosen_score: must be a finite number, got NaN"),
            Case.of("critique score as a string", "judge rationale --critiques @/critique-string.jsonl --out @/x.json " + SERVER,
                    "critique-string.jsonl:1: score: must be a number"),
            Case.of("key as a string in report", "report --pairs @/pairs-key-string.jsonl --out @/x.html", "pairs-key-string.jsonl:1: key: must be an integer"),
            Case.of("bench engine model not GGUF", "bench engine --model @/prompts.jsonl --requests 0", "prompts.jsonl: not a GGUF file"),
            Case.of("ftp backend", "sample --prompts @/prompts.jsonl --out @/x.jsonl --backend ftp://host --model m", "--backend: expected embedded or a server URL"),
            Case.of("negative timeout", "sample --prompts @/prompts.jsonl --out @/x.jsonl --backend http://127.0.0.1:1 --model m --timeout -1",
                    "--timeout: expected a number from 0.001 to 1000000000, got -1"),
            Case.of("negative timeout in the config", "run --config @/timeout.yaml --out-dir @/run", "timeout.yaml:3: model.timeout: expected a number from 0.001 to 1000000000, got -1"),
            Case.of("ftp backend in the config", "run --config @/ftp.yaml --out-dir @/run", "ftp.yaml:3: model.backend:"),
            Case.of("n = 0 in the config", "run --config @/n-zero.yaml --out-dir @/run", "n-zero.yaml:3: sample.n: expected a whole number >= 1, got 0"),
            Case.of("duplicate key in the config", "run --config @/duplicate.yaml --out-dir @/run", "duplicate.yaml:4: sample.n: duplicate key (first given at line 3)"),
            Case.of("unknown stage", "run --config @/unknown-stage.yaml --out-dir @/run", "unknown-stage.yaml:1: stages: expected one of"),
            // Prompts: duplicate keys, none at all, nesting deeper than Python's json.loads goes.
            Case.of("duplicate prompt keys in eval", "eval --responses @/responses.jsonl --input-data @/duplicate-keys.jsonl --output-dir @/out",
                    "duplicate-keys.jsonl:2: key: duplicate key 1"),
            Case.of("duplicate prompt keys in score", "score --prompts @/duplicate-keys.jsonl --samples @/samples.jsonl --out @/x.jsonl",
                    "duplicate-keys.jsonl:2: key: duplicate key 1"),
            Case.of("duplicate prompt keys in sample", "sample --prompts @/duplicate-keys.jsonl --out @/x.jsonl " + SERVER, "duplicate-keys.jsonl:2: key: duplicate key 1"),
            Case.of("empty prompts in eval", "eval --responses @/responses.jsonl --input-data @/empty.jsonl --output-dir @/out", "empty.jsonl: no prompts"),
            Case.of("empty prompts in score", "score --prompts @/empty.jsonl --samples @/samples.jsonl --out @/x.jsonl", "empty.jsonl: no prompts"),
            Case.of("empty prompts in sample", "sample --prompts @/empty.jsonl --out @/x.jsonl " + SERVER, "empty.jsonl: no prompts"),
            Case.of("empty prompts in mcts", "curate mcts --prompts @/empty.jsonl --out @/x.jsonl " + SERVER, "empty.jsonl: no prompts"),
            Case.of("a line nested 5,000 deep", "score --prompts @/deep.jsonl --samples @/samples.jsonl --out @/x.jsonl",
                    "deep.jsonl:1: malformed JSON: nesting deeper than 987 levels"));

    @Test
    void everyBadInputIsOneLineWithExitCodeTwoAndChangesNothing() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Case c : CASES) {
            Map<String, String> before = snapshot();
            String[] args = c.args().stream().map(a -> a.replace("@", dir.toString())).toArray(String[]::new);
            int code = cli.jack(args);
            List<String> lines = cli.err().lines().filter(l -> !l.isBlank()).toList();
            String problem = null;
            if (code != 2) problem = "exit code " + code;
            else if (lines.size() != 1) problem = lines.size() + " lines";
            else if (!lines.getFirst().startsWith("jack: error: ")) problem = "not an error line";
            else if (c.says().stream().anyMatch(s -> !lines.getFirst().contains(s))) problem = "does not say " + c.says();
            else if (!before.equals(snapshot())) problem = "files changed";
            if (problem != null) failures.add(c.name() + ": " + problem + "\n    " + String.join("\n    ", cli.err().lines().limit(6).toList()));
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + CASES.size() + " cases failed:\n" + String.join("\n", failures));
    }

    @Test
    void aSecondProcessOnTheSameOutputIsToldWhichProcessHoldsIt() throws IOException, InterruptedException {
        Path out = dir.resolve("samples-out.jsonl");
        Process holder = LockHolder.start(out);
        try {
            Map<String, String> before = snapshot();
            assertEquals(2, cli.jack("sample", "--prompts", p("prompts.jsonl"), "--out", out.toString(), "--backend", "http://127.0.0.1:1",
                    "--model", "m", "--no-model-check"));
            String held = "jack: error: " + out + ": is being written by another process (pid " + holder.pid() + "); wait for it to finish, or stop it, then rerun";
            assertEquals(held, cli.err().strip());
            assertEquals(before, snapshot());
            // A judge stage too: its output and its journal are locked as every stage's are.
            assertEquals(2, cli.jack("judge", "guard", "--input", p("pairs.jsonl"), "--out", out.toString(), "--backend", "http://127.0.0.1:1",
                    "--model", "m", "--no-model-check"));
            assertEquals(held, cli.err().strip());
            assertEquals(before, snapshot());
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
    }

    @Test
    void aStageStringIsOneStage() throws IOException {
        Path config = Files.writeString(dir.resolve("one-stage.yaml"), "prompts: " + p("prompts.jsonl") + "\nstages: score\n");
        Files.createDirectories(dir.resolve("run"));
        Files.copy(dir.resolve("samples.jsonl"), dir.resolve("run/samples.jsonl"));
        assertEquals(0, cli.jack("run", "--config", config.toString(), "--out-dir", p("run")), cli.err());
        assertTrue(cli.out().contains("stage score: running (first run)") && !cli.out().contains("stage report"), cli.out());
        assertTrue(Files.exists(dir.resolve("run/scored.jsonl")));
        assertFalse(Files.exists(dir.resolve("run/report.html")));
    }

    /** Every file and folder under the test folder with a digest of its content. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String digest = Files.isDirectory(p) ? "folder" : HexFormat.of().formatHex(Arrays.copyOf(sha256(Files.readAllBytes(p)), 8));
                files.put(dir.relativize(p).toString(), digest);
            }
        }
        return files;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
