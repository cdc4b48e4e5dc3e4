package dev.jack.cli;

import dev.jack.core.data.CurationStats;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jack report rendered in a real headless browser: the numbers the page shows equal those computed here from the input
 * files (not from the page's own arithmetic), every chart has axis titles, round ticks and uncut labels, and the pair
 * browser shows why a pair exists.
 */
class ReportCliTest {
    @TempDir
    Path dir;

    private final CliHarness cli = new CliHarness(Map.of());

    private static final String[] TIERS = {"easy", "moderate", "hard"};
    private static final List<String> IDS = List.of("punctuation:no_comma", "length_constraints:number_words");

    /** Prompts 1..6: no commas, at least 3 words; tiers easy, moderate, hard, easy, moderate, hard. */
    private static Map<String, Object> prompt(long key) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("key", key);
        p.put("prompt", "Prompt " + key + " </script><b>not markup</b>");
        p.put("instruction_id_list", IDS);
        p.put("kwargs", List.of(Map.of(), Map.of("relation", "at least", "num_words", 3)));
        p.put("difficulty", TIERS[(int) (key - 1) % 3]);
        return p;
    }

    /** The reward these two constraints give a response (strict). */
    private static double reward(String response) {
        return ((response.contains(",") ? 0 : 1) + (response.split("\\s+").length >= 3 && !response.isBlank() ? 1 : 0)) / 2.0;
    }

    private static Map<String, Object> pair(String method, long key, String prefix, String chosen, String rejected, int depth) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("prompt", prompt(key).get("prompt"));
        row.put("chosen", prefix + chosen);
        row.put("rejected", prefix + rejected);
        row.put("key", key);
        row.put("chosen_reward", reward(prefix + chosen));
        row.put("rejected_reward", reward(prefix + rejected));
        row.put("method", method);
        row.put("depth", depth);
        row.put("shared_prefix_chars", prefix.length());
        row.put("shared_prefix_tokens", prefix.isEmpty() ? 0 : prefix.split(" ").length * 4);
        row.put("chosen_finish_reason", "stop");
        row.put("rejected_finish_reason", depth > 0 ? "length" : "stop");
        row.put("prompt_llm_calls", method.equals("rs") ? 8 : 20);
        row.put("prompt_generated_tokens", method.equals("rs") ? 3000 : 5000);
        return row;
    }

    private Path write(String name, List<Map<String, Object>> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> r : rows) lines.add(PyJson.dumps(r));
        return Files.write(dir.resolve(name), lines);
    }

    private record Inputs(Path prompts, Path scored, Path rs, Path mcts, List<Map<String, Object>> scoredRows,
                          List<Map<String, Object>> rsRows, List<Map<String, Object>> mctsRows) {}

    /** Six prompts; four samples each, scored; one RS pair per prompt; tree search on the first four prompts only (--limit 4). */
    private Inputs inputs() throws IOException {
        List<Map<String, Object>> prompts = new ArrayList<>();
        List<Map<String, Object>> scored = new ArrayList<>();
        List<Map<String, Object>> rs = new ArrayList<>();
        List<Map<String, Object>> mcts = new ArrayList<>();
        String[] responses = {"A good answer here.", "Bad, answer.", "Fine words only here.", "Hi"};
        for (long key = 1; key <= 6; key++) {
            prompts.add(prompt(key));
            for (int i = 0; i < 4; i++) {
                String r = responses[(int) ((i + key) % 4)];
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("key", key);
                s.put("sample_index", i);
                s.put("prompt", prompt(key).get("prompt"));
                s.put("response", r);
                s.put("instruction_id_list", IDS);
                s.put("strict", List.of(!r.contains(","), r.split("\\s+").length >= 3));
                s.put("loose", List.of(!r.contains(","), r.split("\\s+").length >= 3));
                s.put("reward", reward(r));
                scored.add(s);
            }
            rs.add(pair("rs", key, "", "A good answer here.", key == 3 ? "" : "Bad, answer.", 0));
            if (key <= 4) {
                mcts.add(pair("mcts", key, "", "Fine start and a good end.", "Other start, bad end.", 0));
                if (key % 2 == 0) mcts.add(pair("mcts", key, "Shared first step.\n\n", "Good end here.", "Bad, end.", 1));
            }
        }
        Path mctsFile = write("mcts.jsonl", mcts);
        Files.writeString(CurationStats.pathFor(mctsFile), "{\"method\": \"mcts\", \"prompts\": 4, \"prompts_without_pair\": 0, "
                + "\"llm_calls_per_pair\": 13.3, \"generated_tokens_per_pair\": 3333.3, \"excluded_from_chosen\": {\"truncated\": 5, \"empty\": 1, "
                + "\"control_tokens\": 1}}\n");
        return new Inputs(write("prompts.jsonl", prompts), write("scored.jsonl", scored), write("rs.jsonl", rs), mctsFile, scored, rs, mcts);
    }

    private Path report(String name, Path prompts, Path scored, Path... pairs) {
        Path html = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("report", "--out", html.toString(), "--prompts", prompts.toString()));
        if (scored != null) args.addAll(List.of("--scored", scored.toString()));
        for (Path p : pairs) args.addAll(List.of("--pairs", p.toString()));
        assertEquals(0, cli.jack(args.toArray(String[]::new)), cli.err());
        return html;
    }

    /** The page's DOM after its script ran, in headless Chromium; skips (or fails with JACK_REQUIRE_BROWSER) without one. */
    private String render(Path html) throws Exception {
        String chromium = browser();
        Assumptions.assumeTrue(chromium != null || System.getenv("JACK_REQUIRE_BROWSER") != null,
                "Chromium is not installed (apt-get install chromium), so the report is not rendered in a browser");
        assertTrue(chromium != null, "JACK_REQUIRE_BROWSER is set but no chromium is on the PATH");
        Path log = dir.resolve(html.getFileName() + ".log");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + dir.resolve("chrome"), "--dump-dom", html.toUri().toString()).redirectError(log.toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        // Chromium's own pages log too (with no network: "Slow network is detected", from chrome://resources): only the
        // report page's messages count.
        assertFalse(Files.readString(log).lines().anyMatch(l -> l.contains(":CONSOLE") && !l.contains("source: chrome://")),
                "the page logs nothing to the console:\n" + Files.readString(log));
        assertTrue(dom.contains("data-rendered=\"yes\""), "the script ran to its end");
        assertFalse(dom.contains("data-errors"), dom);
        return dom;
    }

    /** The value of each bar of a chart: "series|label" → value. */
    private static Map<String, Double> bars(String dom, String chart) {
        String section = dom.substring(dom.indexOf("id=\"chart-" + chart + "\""));
        section = section.substring(0, section.indexOf("</div>", section.indexOf("class=\"legend\"")));
        Map<String, Double> values = new LinkedHashMap<>();
        Matcher m = Pattern.compile("data-series=\"([^\"]*)\" data-label=\"([^\"]*)\" data-value=\"([^\"]*)\"").matcher(section);
        while (m.find()) values.put(unescape(m.group(1)) + "|" + unescape(m.group(2)), Double.parseDouble(m.group(3)));
        return values;
    }

    private static String unescape(String s) {
        return s.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&");
    }

    private static String chartBox(String dom, String chart) {
        Matcher m = Pattern.compile("<div class=\"chart\" id=\"chart-" + chart + "\"([^>]*)>").matcher(dom);
        assertTrue(m.find(), chart);
        return m.group(1);
    }

    @Test
    void theNumbersOnThePageAreTheInputFilesNumbers() throws Exception {
        Inputs in = inputs();
        Path html = report("report.html", in.prompts(), in.scored(), in.rs(), in.mcts());
        String page = Files.readString(html);
        assertFalse(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(page).find(), "nothing is loaded from elsewhere");
        assertFalse(page.contains("</script><b>"), "text from the data cannot close the data's script element");
        String dom = render(html);

        // The title lists the inputs by name.
        assertTrue(dom.contains("<div class=\"note\" id=\"subtitle\">rs.jsonl, mcts.jsonl</div>"), dom.substring(0, 2000));
        // The Runs table: tree search worked on the 4 prompts its stats name, rejection sampling on all 6 of the prompts file; the
        // responses never chosen are the stats' (none without a stats file).
        int mctsPairs = in.mctsRows().size();
        assertTrue(dom.contains("<tr><td>rs.jsonl</td><td>rs</td><td>6</td><td>6</td><td>1</td><td>–</td><td>8</td><td>3000</td><td>–</td></tr>"), table(dom));
        assertTrue(dom.contains("<tr><td>mcts.jsonl</td><td>mcts</td><td>4</td><td>" + mctsPairs + "</td><td>" + fmt((double) mctsPairs / 4)
                + "</td><td>0</td><td>13.3</td><td>3333.3</td><td>7</td></tr>"), table(dom));

        // Pairs per prompt by difficulty: each run's pairs of a tier over the prompts of that tier it worked on.
        Map<String, Double> difficulty = bars(dom, "difficulty");
        for (String run : List.of("rs.jsonl", "mcts.jsonl")) {
            List<Map<String, Object>> rows = run.equals("rs.jsonl") ? in.rsRows() : in.mctsRows();
            int covered = run.equals("rs.jsonl") ? 6 : 4;
            for (String tier : TIERS) {
                long prompts = java.util.stream.LongStream.rangeClosed(1, covered).filter(k -> TIERS[(int) (k - 1) % 3].equals(tier)).count();
                long pairs = rows.stream().filter(r -> TIERS[(int) ((Long) r.get("key") - 1) % 3].equals(tier)).count();
                assertEquals((double) pairs / prompts, difficulty.get(run + "|" + tier), 1e-12, run + " " + tier + " in " + difficulty);
            }
        }
        // Pass rates per constraint, full ids with the number of checks behind them.
        Map<String, Double> passRates = bars(dom, "pass-rates");
        for (int c = 0; c < IDS.size(); c++) {
            int index = c;
            long passed = in.scoredRows().stream().filter(r -> (Boolean) ((List<?>) r.get("strict")).get(index)).count();
            String label = IDS.get(c) + " (n=" + in.scoredRows().size() + ")";
            assertEquals((double) passed / in.scoredRows().size(), passRates.get("strict|" + label), 1e-12, label + " in " + passRates);
        }
        // The reward distribution of the samples: the share of samples per bin.
        Map<String, Double> rewards = bars(dom, "rewards");
        long half = in.scoredRows().stream().filter(r -> (Double) r.get("reward") == 0.5).count();
        assertEquals((double) half / in.scoredRows().size(), rewards.get("samples|[0.5, 0.6)"), 1e-12, rewards.toString());
        // Contrast: the share of RS pairs whose gap is 1 falls in (0.9, 1.0], those with 0.5 in (0.4, 0.5].
        for (double gap : new double[] {1.0, 0.5}) {
            long n = in.rsRows().stream().filter(r -> (Double) r.get("chosen_reward") - (Double) r.get("rejected_reward") == gap).count();
            String bin = gap == 1.0 ? "(0.9, 1.0]" : "(0.4, 0.5]";
            assertEquals((double) n / in.rsRows().size(), bars(dom, "contrast").get("rs.jsonl|" + bin), 1e-12, bin);
        }

        for (String chart : List.of("rewards", "pass-rates", "contrast", "prefix", "difficulty", "cost")) {
            String box = chartBox(dom, chart);
            assertTrue(box.matches(".*data-bars=\"[1-9]\\d*\".*"), chart + " has bars: " + box);
            assertTrue(box.contains("data-clipped=\"0\""), chart + ": no text outside the drawing: " + box);
        }
        // Axis titles, round ticks (a share axis ends at 1), n in every legend entry that counts something.
        assertTrue(dom.contains(">share of responses</text>") && dom.contains(">reward</text>") && dom.contains(">pairs per prompt</text>")
                && dom.contains(">difficulty tier</text>") && dom.contains(">pass rate</text>"), "axis titles");
        String passChart = dom.substring(dom.indexOf("id=\"chart-pass-rates\""), dom.indexOf("id=\"chart-contrast\""));
        assertTrue(passChart.contains(">0.25</text>") && passChart.contains(">1</text>") && !passChart.contains(">1.08"), "round ticks up to 1");
        assertTrue(dom.contains("samples (n=" + in.scoredRows().size() + ")") && dom.contains("chosen · mcts.jsonl (n=" + mctsPairs + ")"), "n per series");

        // The first pair shown: its details are those of its row in the input.
        Matcher meta = Pattern.compile("id=\"pair-meta\">(\\w+) · (\\w+\\.jsonl) · depth (\\d) · reward ([\\d.]+) vs ([\\d.]+) · gap ([\\d.]+) ·").matcher(dom);
        assertTrue(meta.find(), dom.substring(dom.indexOf("id=\"pair\"")));
        Matcher key = Pattern.compile("id=\"pair-prompt-title\">prompt (\\d+)<").matcher(dom);
        assertTrue(key.find());
        long shownKey = Long.parseLong(key.group(1));
        Map<String, Object> row = (meta.group(2).equals("rs.jsonl") ? in.rsRows() : in.mctsRows()).stream()
                .filter(r -> (Long) r.get("key") == shownKey && String.valueOf(r.get("depth")).equals(meta.group(3))).findFirst().orElseThrow();
        double gap = (Double) row.get("chosen_reward") - (Double) row.get("rejected_reward");
        assertEquals(String.format(Locale.ROOT, "%.3f", gap), meta.group(6));
        assertTrue(dom.contains("finish reason " + row.get("chosen_finish_reason")) && dom.contains("finish reason " + row.get("rejected_finish_reason")));
        String rejected = (String) row.get("rejected");
        assertEquals(rejected.contains(","), dom.contains("✗ punctuation:no_comma"), "the rejected side's comma check");
        assertTrue(dom.contains("✓ punctuation:no_comma"), "the chosen side passes it");
    }

    @Test
    void anEmptyResponseIsMarkedAndZeroPairsAreSaidPlainly() throws Exception {
        Inputs in = inputs();
        Path one = write("one.jsonl", List.of(in.rsRows().get(2)));
        String dom = render(report("one.html", in.prompts(), null, one));
        assertTrue(dom.contains("class=\"empty-response\">(empty response)</span>"), dom.substring(dom.indexOf("id=\"pair\"")));
        assertTrue(dom.contains("✗ length_constraints:number_words"), "the empty response fails the word count");

        Path none = Files.writeString(dir.resolve("none.jsonl"), "");
        Files.writeString(CurationStats.pathFor(none), "{\"method\": \"rs\", \"contrast\": \"high\", \"prompts\": 6, \"prompts_without_pair\": 6, "
                + "\"pairs\": 0, \"llm_calls\": 48, \"generated_tokens\": 900, \"llm_calls_per_pair\": null, \"generated_tokens_per_pair\": null}\n");
        String empty = render(report("none.html", in.prompts(), in.scored(), none));
        assertTrue(empty.contains("These files hold no pairs"), empty);
        assertFalse(empty.contains("id=\"no-pairs\" hidden"), "the message is shown");
        assertTrue(chartBox(empty, "contrast").contains("data-bars=\"0\"") && empty.contains(">no pairs in these files<"), "no empty axes");
        assertTrue(empty.contains(">no pairs, so no cost per pair<"), "nothing blames the Jack version");
        assertFalse(empty.contains("version of jack"));
        assertTrue(empty.contains("<tr><td>none.jsonl</td><td>rs</td><td>6</td><td>0</td><td>0</td><td>6</td><td>–</td><td>–</td><td>–</td></tr>"), table(empty));
    }

    @Test
    void theMatchedAblationsTheMeasuredDifficultyAndTheSpansAreShown() throws Exception {
        Inputs in = inputs();
        Path out = dir.resolve("ablations");
        assertEquals(0, cli.jack("ablate", "--scored", in.scored().toString(), "--mcts", in.mcts().toString(), "--out-dir", out.toString(),
                "--max-pairs", "2"), cli.err());
        Path html = dir.resolve("study.html");
        assertEquals(0, cli.jack("report", "--out", html.toString(), "--prompts", in.prompts().toString(), "--scored", in.scored().toString(),
                "--pairs", in.rs().toString(), "--pairs", in.mcts().toString(), "--ablations", out.resolve("ablations.json").toString()), cli.err());
        String dom = render(html);

        // Each comparison: what it holds fixed, and a row per variant with its pairs and prompts as ablations.json has them.
        Map<?, ?> ablations = (Map<?, ?>) Json.parse(Files.readString(out.resolve("ablations.json")));
        Map<?, ?> variants = (Map<?, ?>) ablations.get("variants");
        for (Map.Entry<?, ?> c : ((Map<?, ?>) ablations.get("comparisons")).entrySet()) {
            String section = dom.substring(dom.indexOf("id=\"ablation-" + c.getKey() + "\""));
            section = section.substring(0, section.indexOf("</table>"));
            assertTrue(section.contains("holds fixed: " + ((Map<?, ?>) c.getValue()).get("held_fixed").toString().replace("'", "&#39;")), section);
            for (Object v : (List<?>) ((Map<?, ?>) c.getValue()).get("variants")) {
                Map<?, ?> stats = (Map<?, ?>) variants.get(v);
                assertTrue(section.contains("<tr><td>" + v + "</td><td>" + stats.get("pairs") + "</td><td>" + stats.get("prompts") + "</td>"), v + " in " + section);
            }
        }
        // Every prompt's samples are the same four responses, two of which follow both constraints: pass@1 0.5, moderate.
        assertEquals(Map.of("moderate|[0.5, 0.6)", 1.0), bars(dom, "pass-at-1"));
        Map<String, Double> measured = bars(dom, "difficulty-measured");
        assertEquals((double) in.rsRows().size() / 6, measured.get("rs.jsonl|moderate"), 1e-12, measured.toString());

        // The pair view marks the spans behind each verdict: the comma a response fails on, the words it passes with.
        String pair = dom.substring(dom.indexOf("id=\"pair\""));
        String chosen = pair.substring(pair.indexOf("id=\"pair-chosen\""), pair.indexOf("</pre>", pair.indexOf("id=\"pair-chosen\"")));
        String rejected = pair.substring(pair.indexOf("id=\"pair-rejected\""), pair.indexOf("</pre>", pair.indexOf("id=\"pair-rejected\"")));
        assertTrue(chosen.contains("class=\"span-pass\" title=\"length_constraints:number_words: "), chosen);
        if (rejected.contains(",")) assertTrue(rejected.contains("span-fail\" title=\"punctuation:no_comma: comma"), rejected);
    }

    private static String table(String dom) {
        return dom.substring(dom.indexOf("<tbody>"), dom.indexOf("</tbody>"));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : new java.math.BigDecimal(v).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
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
