package dev.jack.pipeline.bench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.ifeval.Verifier;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jack bench checkers}: strict plus loose verification of adversarial responses, for every registered
 * constraint (its example instance), on one thread. A response is a short pattern repeated to the size asked: the
 * shapes that made checkers quadratic or overflow the stack ({@code "Σ"}, {@code "<<"}, {@code "["}) and others that
 * stress a scan (runs of one delimiter, of blank lines, of markup). The target is under 10 ms per 100 KB response.
 */
public final class CheckerBench {
    private CheckerBench() {}

    /** The adversarial patterns by name; a response is one repeated to the size wanted. */
    public static final Map<String, String> SHAPES = shapes();

    private static Map<String, String> shapes() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sigma", "Σ");
        s.put("open-angles", "<<");
        s.put("open-bracket", "[");
        s.put("open-brace", "{");
        s.put("bracket-brace", "[{");
        s.put("star", "*");
        s.put("star-a", "*a");
        s.put("double-star-a", "**a");
        s.put("newline", "\n");
        s.put("word-newline", "x\n");
        s.put("paragraphs", "x\n\n");
        s.put("space", " ");
        s.put("letter", "a");
        s.put("word", "a ");
        s.put("capital-word", "WORD ");
        s.put("dash-bullet", "- x\n");
        s.put("star-bullet", "* x\n");
        s.put("quote", "\"");
        s.put("comma", ",");
        s.put("period", ".");
        s.put("sentences", "It is. ");
        s.put("postscript", "P.S. ");
        s.put("pps", "p.p.s ");
        s.put("section", "SECTION 1\n");
        s.put("separator", "******\n");
        s.put("title", "<<a>>");
        s.put("placeholder", "[a]");
        s.put("highlight", "*a* **b** ");
        s.put("fence", "```");
        s.put("dotted-i", "İ");
        s.put("cjk", "日本語");
        s.put("accented", "é ");
        return s;
    }

    /** The pattern repeated to {@code chars} characters (cut at a code point boundary). */
    public static String response(String pattern, int chars) {
        StringBuilder b = new StringBuilder(chars + pattern.length());
        while (b.length() < chars) b.append(pattern);
        int end = chars;
        if (end < b.length() && Character.isLowSurrogate(b.charAt(end))) end--;
        return b.substring(0, end);
    }

    private record Row(String id, String shape, int chars, double millis) {}

    /** Characters of the warm-up responses. */
    private static final int WARM_UP = 2000;
    /** A row that took longer at one size is not run at the next: it would take minutes. */
    private static final double SKIP_MILLIS = 1000;

    /**
     * Times every constraint on every shape at each size (best of three below 1 MB, one run at 1 MB and over), after
     * a warm-up on 2,000-character responses, and prints the slowest rows, the slowest shape of each constraint, and
     * the slowest row per size. Sizes are run
     * smallest first, after one a tenth of the smallest; a row that took over 1 s at the size before is not run, and
     * is listed as such.
     */
    public static void run(Verifier verifier, List<Integer> sizes, int top, PrintWriter out) {
        List<Constraint> constraints = ConstraintRegistry.ids().stream().<Constraint>map(id -> ConstraintRegistry.type(id).example()).toList();
        verifier.prepareFor(constraints);
        int sink = 0;
        for (int round = 0; round < 3; round++) {
            for (Constraint c : constraints) for (String p : SHAPES.values()) sink += verifier.verify(List.of(c), response(p, WARM_UP)).strict().size();
        }
        List<Row> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, Double> previous = new LinkedHashMap<>();
        List<Integer> ladder = new ArrayList<>(sizes);
        ladder.sort(null);
        // A first step a tenth of the smallest size finds the rows too slow to run at it (a quadratic one would take minutes).
        int probe = Math.max(1, sizes.stream().mapToInt(Integer::intValue).min().orElse(1) / 10);
        ladder.addFirst(probe);
        for (int size : ladder) {
            for (Constraint c : constraints) {
                for (Map.Entry<String, String> shape : SHAPES.entrySet()) {
                    String key = c.id() + " " + shape.getKey();
                    Double before = previous.get(key);
                    if (before != null && before > SKIP_MILLIS) {
                        skipped.add(String.format("%s on %s at %,d chars: not run (%.0f ms at the size before)", c.id(), shape.getKey(), size, before));
                        continue;
                    }
                    String text = response(shape.getValue(), size);
                    double best = Double.MAX_VALUE;
                    for (int run = 0; run < (size < 1_000_000 ? 3 : 1); run++) {
                        long t0 = System.nanoTime();
                        sink += verifier.verify(List.of(c), text).strict().size();
                        best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                    }
                    previous.put(key, best);
                    if (size != probe || sizes.contains(probe)) rows.add(new Row(c.id(), shape.getKey(), size, best));
                }
            }
        }
        out.printf("%d constraints x %d shapes, strict+loose verification on 1 thread; slowest %d rows:%n", constraints.size(), SHAPES.size(), top);
        rows.stream().sorted(Comparator.comparingDouble(Row::millis).reversed()).limit(top)
                .forEach(r -> out.printf("  %-45s %-14s %,10d chars %10.2f ms (%.2f ms per 100 KB)%n", r.id(), r.shape(), r.chars(), r.millis(),
                        r.millis() * 100_000 / r.chars()));
        out.println("slowest shape per constraint, in ms per 100 KB, at each size:");
        for (Constraint c : constraints) {
            StringBuilder line = new StringBuilder(String.format("  %-45s", c.id()));
            for (int size : sizes) {
                rows.stream().filter(r -> r.chars() == size && r.id().equals(c.id())).max(Comparator.comparingDouble(Row::millis)).ifPresent(r ->
                        line.append(String.format(" %10.2f (%s)", r.millis() * 100_000 / size, r.shape())));
            }
            out.println(line);
        }
        for (int size : sizes) {
            rows.stream().filter(r -> r.chars() == size).max(Comparator.comparingDouble(Row::millis)).ifPresent(r ->
                    out.printf("slowest at %,d chars: %.2f ms (%s on %s); target under %.0f ms%n", size, r.millis(), r.id(), r.shape(), 10.0 * size / 100_000));
        }
        skipped.forEach(s -> out.println("  " + s));
        if (sink == 42) out.println();
    }
}
