package dev.jack.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void isolateCache() {
        env.put("JACK_CACHE_DIR", dir.resolve("cache").toString());
    }

    @AfterEach
    void stopServer() {
        if (server != null) server.stop(0);
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
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
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
    void punktIsDownloadedOnceIntoTheCache() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            for (String file : new String[] {"abbrev_types.txt", "collocations.tab", "sent_starters.txt", "ortho_context.tab"}) {
                z.putNextEntry(new ZipEntry("punkt_tab/english/" + file));
                z.write((file.equals("abbrev_types.txt") ? "dr\n" : file.equals("ortho_context.tab") ? "smith\t4\n" : "").getBytes(StandardCharsets.UTF_8));
            }
        }
        env.put("JACK_PUNKT_URL", serve("/punkt_tab.zip", zip.toByteArray()) + "/punkt_tab.zip");
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"key\": 1, \"prompt\": \"p\", \"instruction_id_list\": "
                + "[\"length_constraints:number_sentences\"], \"kwargs\": [{\"num_sentences\": 2, \"relation\": \"less than\"}]}\n");
        Path responses = Files.writeString(dir.resolve("r.jsonl"), "{\"key\": 1, \"response\": \"Dr. Smith came. He left.\"}\n");
        String[] args = {"eval", "--responses", responses.toString(), "--input-data", input.toString(), "--output-dir", dir.resolve("o").toString()};
        assertEquals(0, jack(args), err.toString());
        assertEquals(0, jack(args), err.toString());
        assertEquals(1, requests.get(), "the second run uses the cache");
        assertTrue(Files.isRegularFile(dir.resolve("cache/punkt_tab/english/abbrev_types.txt")));
        assertTrue(Files.readString(dir.resolve("o/eval_results_strict.jsonl")).startsWith("{\"follow_all_instructions\": false"),
                "'Dr.' is the tiny model's abbreviation, so two sentences");
    }

    @Test
    void aMissingPunktModelIsAClearError() throws IOException {
        env.put("JACK_PUNKT_URL", "http://127.0.0.1:9/unreachable.zip");
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"key\": 1, \"prompt\": \"p\", \"instruction_id_list\": "
                + "[\"length_constraints:number_sentences\"], \"kwargs\": [{\"num_sentences\": 2, \"relation\": \"less than\"}]}\n");
        Path responses = Files.writeString(dir.resolve("r.jsonl"), "{\"key\": 1, \"response\": \"One. Two.\"}\n");
        assertEquals(2, jack("eval", "--responses", responses.toString(), "--input-data", input.toString(), "--output-dir", dir.toString()));
        assertTrue(err.toString().contains("cannot find NLTK's Punkt sentence model") && err.toString().contains("--punkt-dir"), err.toString());
        assertEquals(2, jack("eval", "--responses", responses.toString(), "--input-data", input.toString(), "--output-dir", dir.toString(),
                "--punkt-dir", dir.toString()));
        assertTrue(err.toString().contains("is not a punkt_tab folder"), err.toString());
    }

    @Test
    void ifevalPromptsAreDownloadedOnceFromTheHub() throws IOException {
        byte[] prompts = Files.readAllBytes(examples().resolve("input_data.jsonl"));
        env.put("HF_ENDPOINT", serve("/datasets/google/IFEval/resolve/main/ifeval_input_data.jsonl", prompts));
        String[] args = {"eval", "--responses", examples().resolve("responses.jsonl").toString(), "--output-dir", dir.resolve("o").toString()};
        assertEquals(0, jack(args), err.toString());
        assertEquals(0, jack(args), err.toString());
        assertEquals(1, requests.get());
        assertEquals(15, Files.readAllLines(dir.resolve("o/eval_results_loose.jsonl")).size());
    }

    @Test
    void constraintsListsTheCatalog() {
        assertEquals(0, jack("constraints", "--ids-only"));
        assertEquals(25, out.toString().lines().count());
    }
}
