package dev.jack.cli;

import dev.jack.core.data.CurationStats;
import dev.jack.core.json.PyJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jack report: a self-contained HTML file that renders in a real headless browser with data in every chart. */
class ReportCliTest {
    @TempDir
    Path dir;

    private final CliHarness cli = new CliHarness(Map.of());

    private static Map<String, Object> pair(String method, long key, String prefix, String chosen, String rejected, double cr, double rr, int depth) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("prompt", "Prompt " + key + " </script><b>not markup</b>");
        row.put("chosen", prefix + chosen);
        row.put("rejected", prefix + rejected);
        row.put("key", key);
        row.put("chosen_reward", cr);
        row.put("rejected_reward", rr);
        row.put("method", method);
        row.put("depth", depth);
        row.put("shared_prefix_chars", prefix.length());
        row.put("shared_prefix_tokens", prefix.split(" ").length * depth);
        row.put("prompt_llm_calls", method.equals("rs") ? 8 : 20);
        row.put("prompt_generated_tokens", method.equals("rs") ? 3000 : 5000);
        row.put("model", "test-model");
        return row;
    }

    private Path write(String name, List<Map<String, Object>> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> r : rows) lines.add(PyJson.dumps(r));
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void theReportRendersInAHeadlessBrowserWithDataInEveryChart() throws Exception {
        List<Map<String, Object>> prompts = new ArrayList<>();
        List<Map<String, Object>> scored = new ArrayList<>();
        List<Map<String, Object>> rs = new ArrayList<>();
        List<Map<String, Object>> mcts = new ArrayList<>();
        String[] tiers = {"easy", "moderate", "hard"};
        for (long key = 1; key <= 6; key++) {
            prompts.add(new LinkedHashMap<>(Map.of("key", key, "prompt", "Prompt " + key, "difficulty", tiers[(int) key % 3])));
            for (int i = 0; i < 4; i++) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("key", key);
                s.put("instruction_id_list", List.of("punctuation:no_comma", "detectable_format:title"));
                s.put("strict", List.of(i % 2 == 0, i < 3));
                s.put("loose", List.of(i % 2 == 0 || i == 3, i < 3));
                s.put("reward", (i % 2 == 0 ? 0.5 : 0) + (i < 3 ? 0.5 : 0));
                scored.add(s);
            }
            rs.add(pair("rs", key, "", "Good answer.", "Bad, answer.", 1.0, 0.5, 0));
            mcts.add(pair("mcts", key, "", "Fine start. Good end.", "Other start, bad end.", 1.0, 0.0, 0));
            if (key % 2 == 0) mcts.add(pair("mcts", key, "Shared first step.\n\n", "Good end.", "Bad, end.", 1.0, 0.5, 1));
        }
        Path promptFile = write("prompts.jsonl", prompts);
        Path scoredFile = write("scored.jsonl", scored);
        Path rsFile = write("rs.jsonl", rs);
        Path mctsFile = write("mcts.jsonl", mcts);
        Files.writeString(CurationStats.pathFor(mctsFile), "{\"method\": \"mcts\", \"prompts\": 6, \"prompts_without_pair\": 0, "
                + "\"llm_calls_per_pair\": 13.3, \"generated_tokens_per_pair\": 3333.3}\n");
        Path html = dir.resolve("report.html");
        assertEquals(0, cli.jack("report", "--pairs", rsFile.toString(), "--pairs", mctsFile.toString(), "--scored", scoredFile.toString(),
                "--prompts", promptFile.toString(), "--out", html.toString()), cli.err());
        String page = Files.readString(html);
        assertFalse(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(page).find(), "nothing is loaded from elsewhere");
        assertFalse(page.contains("</script><b>"), "text from the data cannot close the data's script element");

        String chromium = browser();
        Assumptions.assumeTrue(chromium != null || System.getenv("JACK_REQUIRE_BROWSER") != null,
                "Chromium is not installed (apt-get install chromium), so the report is not rendered in a browser");
        assertTrue(chromium != null, "JACK_REQUIRE_BROWSER is set but no chromium is on the PATH");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + dir.resolve("chrome"), "--dump-dom", html.toUri().toString())
                .redirectError(dir.resolve("chrome.log").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        String log = Files.readString(dir.resolve("chrome.log"));
        assertFalse(log.contains(":CONSOLE"), "the page logs nothing to the console:\n" + log);
        assertTrue(dom.contains("data-rendered=\"yes\""), "the script ran to its end");
        assertFalse(dom.contains("data-errors"), dom);
        Matcher bars = Pattern.compile("id=\"chart-([a-z-]+)\"[^>]*data-bars=\"(\\d+)\"").matcher(dom);
        List<String> charts = new ArrayList<>();
        while (bars.find()) {
            charts.add(bars.group(1));
            assertTrue(Integer.parseInt(bars.group(2)) > 0, "chart " + bars.group(1) + " has bars");
        }
        assertEquals(List.of("rewards", "pass-rates", "contrast", "prefix", "difficulty", "cost"), charts);
        // Pass rates: no_comma strict 2/4 = 0.5, shown in the bar's tooltip.
        assertTrue(dom.contains("strict · no_comma: 0.5"), "pass rates from the scored file");
        // The RS figures come from the rows (8 calls and 3000 tokens per prompt, one pair each); MCTS's from its stats file.
        assertTrue(dom.contains("<tbody><tr><td>rs.jsonl</td><td>rs</td><td>6</td><td>6</td><td>1</td><td>–</td><td>8</td><td>3000</td></tr>"
                + "<tr><td>mcts.jsonl</td><td>mcts</td><td>6</td><td>9</td><td>1.50</td><td>0</td><td>13.30</td><td>3333.30</td></tr>"), dom.substring(dom.indexOf("<tbody>"), dom.indexOf("</tbody>")));
        assertTrue(dom.contains("pair 1 of 15 shown"), dom);
    }

    /** The Chromium binary on the PATH, or null. */
    static String browser() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(d, name))) return Path.of(d, name).toString();
            }
        }
        return null;
    }
}
