package dev.jack.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();
    private FileServer server;

    @BeforeEach
    void isolateCache() {
        env.put("JACK_CACHE_DIR", dir.resolve("cache").toString());
    }

    @AfterEach
    void stopServer() {
        if (server != null) server.close();
    }

    private int jack(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    private static Path examples() {
        Path p = Path.of("..", "examples");
        return Files.isDirectory(p) ? p : Path.of("examples");
    }

    /** Serves one file at a path on 127.0.0.1, counting requests. */
    private String serve(String path, byte[] body) throws IOException {
        server = new FileServer(path, body);
        return server.url();
    }

    @Test
    void evalOnTheExamplesWritesResultsAndPrintsAccuracies() throws IOException {
        Path output = dir.resolve("results");
        int code = jack("eval", "--responses", examples().resolve("responses.jsonl").toString(),
                "--input-data", examples().resolve("input_data.jsonl").toString(), "--output-dir", output.toString());
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("prompt-level strict accuracy:"), out.toString());
        assertEquals(15, Files.readAllLines(output.resolve("eval_results_strict.jsonl")).size());
        assertEquals(15, Files.readAllLines(output.resolve("eval_results_loose.jsonl")).size());
        assertTrue(Files.readString(output.resolve("summary.json")).contains("\"per_constraint\""));
    }

    @Test
    void userErrorsExitWithCodeTwoAndNoStackTrace() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"key\": 1, \"prompt\": \"p\", \"instruction_id_list\": [\"nope\"], \"kwargs\": [{}]}\n");
        int code = jack("eval", "--responses", bad.toString(), "--input-data", bad.toString(), "--output-dir", dir.toString());
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("jack: error: " + bad + ":1: instruction_id_list[0]: unknown constraint id \"nope\""), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace");
        assertEquals(2, jack("eval", "--responses", dir.resolve("missing.jsonl").toString(), "--input-data", bad.toString(), "--output-dir", dir.toString()));
    }

    @Test
    void sentencesAreCountedOfflineWithJacksOwnEnglishPunktModel() throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"key\": 1, \"prompt\": \"p\", \"instruction_id_list\": "
                + "[\"length_constraints:number_sentences\"], \"kwargs\": [{\"num_sentences\": 2, \"relation\": \"less than\"}]}\n");
        Path responses = Files.writeString(dir.resolve("r.jsonl"), "{\"key\": 1, \"response\": \"Dr. Smith came. He left.\"}\n");
        assertEquals(0, jack("eval", "--responses", responses.toString(), "--input-data", input.toString(), "--output-dir", dir.resolve("o").toString()),
                err.toString());
        assertTrue(Files.readString(dir.resolve("o/eval_results_strict.jsonl")).startsWith("{\"follow_all_instructions\": false"),
                "'Dr.' is an abbreviation of NLTK's English model, so two sentences, not less than two");
        assertFalse(Files.exists(dir.resolve("cache")), "nothing was downloaded or cached");
    }

    @Test
    void aPunktDirThatIsNotOneIsAOneLineError() throws IOException {
        Path responses = Files.writeString(dir.resolve("r.jsonl"), "{\"key\": 1, \"response\": \"One. Two.\"}\n");
        String[] args = {"eval", "--responses", responses.toString(), "--input-data", examples().resolve("input_data.jsonl").toString(),
                "--output-dir", dir.resolve("o").toString(), "--punkt-dir"};
        assertEquals(2, jack(append(args, dir.resolve("nowhere").toString())));
        assertEquals("jack: error: --punkt-dir: " + dir.resolve("nowhere") + " does not exist (give the punkt_tab folder that holds english/)\n",
                err.toString());
        assertEquals(2, jack(append(args, dir.toString())));
        assertTrue(err.toString().endsWith("--punkt-dir: " + dir + " is not a punkt_tab folder (it has no english/ folder)\n"), err.toString());
    }

    private static String[] append(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    @Test
    void ifevalPromptsAreDownloadedOnceFromTheHub() throws IOException {
        byte[] prompts = Files.readAllBytes(examples().resolve("input_data.jsonl"));
        env.put("HF_ENDPOINT", serve("/datasets/google/IFEval/resolve/main/ifeval_input_data.jsonl", prompts));
        String[] args = {"eval", "--responses", examples().resolve("responses.jsonl").toString(), "--output-dir", dir.resolve("o").toString()};
        assertEquals(0, jack(args), err.toString());
        assertEquals(0, jack(args), err.toString());
        assertEquals(1, server.requests());
        assertEquals(15, Files.readAllLines(dir.resolve("o/eval_results_loose.jsonl")).size());
    }

    @Test
    void aFailedDownloadSaysWhatWasTriedWhereTheFileGoesAndWhichVariablePointsElsewhere() {
        env.put("HF_ENDPOINT", "http://127.0.0.1:9");
        assertEquals(2, jack("eval", "--responses", examples().resolve("responses.jsonl").toString(), "--output-dir", dir.resolve("o").toString()));
        String e = err.toString();
        assertTrue(e.contains("jack: error: cannot download IFEval's prompts from http://127.0.0.1:9/datasets/google/IFEval/resolve/main/ifeval_input_data.jsonl ("), e);
        assertTrue(e.contains("Put the file at " + dir.resolve("cache/ifeval/input_data.jsonl") + " by hand"), e);
        assertTrue(e.contains("JACK_HF_ENDPOINT (or HF_ENDPOINT)") && e.contains("--input-data"), e);
        assertEquals(1, e.lines().filter(l -> l.startsWith("jack: error:")).count(), e);
        assertFalse(e.contains("\tat "), "no stack trace");
    }

    /** Only the named subcommand is set up for a run; help and a mistyped name still see every one. */
    @Test
    void helpListsEveryCommandAndATypoGetsTheNearestName() {
        java.util.List<String> names = java.util.List.of("eval", "synth", "sample", "score", "curate", "ablate", "report", "run", "judge", "serve",
                "bench", "constraints");
        for (String[] args : new String[][] {{"--help"}, {"help"}}) {
            out.getBuffer().setLength(0);
            assertEquals(0, jack(args), err.toString());
            for (String name : names) assertTrue(out.toString().contains("\n  " + name + " "), String.join(" ", args) + " lists " + name + ": " + out);
        }
        assertEquals(2, jack("evl"));
        assertTrue(err.toString().contains("did you mean eval?"), err.toString());
    }

    @Test
    void aMistakeInTheFlagsIsOneLineNamingIt() throws IOException {
        Path prompts = Files.writeString(dir.resolve("p.jsonl"), "{\"key\": 1, \"prompt\": \"Hi\", \"instruction_id_list\": [], \"kwargs\": []}\n");
        assertEquals(2, jack("sample", "--promts", prompts.toString(), "--backend", "http://127.0.0.1:9", "--model", "m", "--out", "o.jsonl"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("jack: error: ") && err.toString().contains("'--promts'") && err.toString().contains("did you mean --prompts?"),
                err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, jack("sample", "--prompts", prompts.toString(), "--backend", "localhost:8000", "--model", "m", "--out", "o.jsonl"));
        assertEquals("jack: error: --backend: expected embedded or a server URL with its scheme, such as http://127.0.0.1:8000, got \"localhost:8000\"\n",
                err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, jack("curate", "rs", "--scored", prompts.toString(), "--out", "x.jsonl", "--contrast", "hihg"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("--contrast") && err.toString().contains("expected one of high, low, mixed, got \"hihg\""), err.toString());
    }

    @Test
    void constraintsListsTheCatalog() {
        // IFEval's 25; the test classpath also holds jack-core's example constraint (its test-jar registers one).
        assertEquals(0, jack("constraints", "--ids-only", "--source", "ifeval"));
        assertEquals(25, out.toString().lines().count());
    }
}
