package dev.jack.core.text;

import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A benchmark, not a test: CPU time per text of each text analysis and of JSON reading and writing,
 * on the responses of a response file, with the slow paths kept in the test sources beside the fast
 * ones. Thread CPU time (not wall time) so that a shared, busy machine still gives usable ratios;
 * rounds interleave the variants.
 *
 * <p>{@code java -cp jack-core/target/test-classes:jack-core/target/classes:DEPS dev.jack.core.text.TextBench
 * RESPONSES.jsonl PUNKT_DIR/english [seconds per round] [rounds]}; {@code -Donly=TEXT} keeps the cases whose
 * name contains TEXT.
 */
public final class TextBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        List<String> texts = new ArrayList<>();
        for (String line : lines) texts.add((String) ((Map<?, ?>) Json.parse(line)).get("response"));
        PunktSentenceTokenizer punkt = new PunktSentenceTokenizer(PunktParameters.load(Path.of(args[1])));
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        NltkWordTokenizer scanner = new NltkWordTokenizer(punkt);
        RegexTreebankOracle regex = new RegexTreebankOracle(punkt);
        LanguageDetector languages = new LanguageDetector();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) Json.parse(line);
            rows.add(row);
        }

        Map<String, ToIntFunction<Integer>> cases = new LinkedHashMap<>();
        cases.put("word_tokenize (scanners)", i -> scanner.tokenize(texts.get(i)).size());
        cases.put("word_tokenize (regex oracle)", i -> regex.tokenize(texts.get(i)).size());
        cases.put("sentence count (Punkt)", i -> punkt.countSentences(texts.get(i)));
        cases.put("language detection", i -> languages.detect(texts.get(i)).map(String::length).orElse(0));
        cases.put("lower()", i -> PyText.lower(texts.get(i)).length());
        cases.put("Json.parse (response line)", i -> ((Map<?, ?>) Json.parse(lines.get(i))).size());
        cases.put("PyJson.dumps (response row)", i -> PyJson.dumps(rows.get(i)).length());

        String only = System.getProperty("only");
        if (only != null) cases.keySet().removeIf(name -> !name.contains(only));
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int round = 0; round <= rounds; round++) {
            for (var e : cases.entrySet()) {
                double us = measure(e.getValue(), texts.size(), round == 0 ? Math.min(1, seconds) : seconds);
                if (round > 0) results.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(us);
            }
        }
        System.out.printf("CPU µs per response over %d responses (%d rounds):%n", texts.size(), rounds);
        results.forEach((name, us) -> System.out.printf("  %-32s %s%n", name,
                us.stream().map(v -> String.format("%9.2f", v)).toList()));
    }

    private static double measure(ToIntFunction<Integer> work, int n, double seconds) {
        long sink = 0;
        long calls = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        long budget = (long) (seconds * 1e9);
        while (THREADS.getCurrentThreadCpuTime() - start < budget) {
            for (int i = 0; i < n; i++) sink += work.applyAsInt(i);
            calls += n;
        }
        long used = THREADS.getCurrentThreadCpuTime() - start;
        if (sink == 42) System.out.print("");
        return used / 1e3 / calls;
    }
}
