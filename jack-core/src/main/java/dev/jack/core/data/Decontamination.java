package dev.jack.core.data;

import dev.jack.core.text.PyText;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds training prompts that overlap evaluation prompts by word n-grams (default 13, the length GPT-3's and most
 * later decontamination use). Words are the lowercased runs of word characters. Two checks:
 * <ul>
 *   <li>a base task overlaps when any of its n-grams occurs in an evaluation prompt (a task shorter than n words: when
 *       its whole word sequence does);</li>
 *   <li>a full prompt overlaps when, for some evaluation prompt, at least {@code share} of that prompt's n-grams occur
 *       in it (default 0.5, the match ratio open-instruct's decontamination uses), so shared instruction wording such
 *       as IFEval's constraint descriptions alone does not count, while a copied or lightly edited evaluation prompt
 *       does. An evaluation prompt shorter than n words has its whole word sequence as its one n-gram.</li>
 * </ul>
 * Deterministic and independent of the order prompts are checked in.
 */
public final class Decontamination {
    public static final int DEFAULT_NGRAM = 13;
    public static final double DEFAULT_SHARE = 0.5;

    private final int n;
    private final double share;
    private final int evalCount;
    /** Each n-gram of the evaluation prompts → the prompts (indexes) that have it. */
    private final Map<String, int[]> owners = new HashMap<>();
    /** How many distinct n-grams each evaluation prompt has. */
    private final int[] ngramCounts;
    /** The lengths of evaluation prompts shorter than n words (their one n-gram is that long). */
    private final Set<Integer> shortLengths = new HashSet<>();
    private final List<List<String>> evalWords = new ArrayList<>();
    /** The evaluation prompts' m-grams for m below n, made when a short base task first needs them. */
    private final Map<Integer, Set<String>> shorter = new ConcurrentHashMap<>();

    private Decontamination(List<String> evalPrompts, int n, double share) {
        if (n < 1) throw new IllegalArgumentException("n-grams need n >= 1, got " + n);
        if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("the share must be in (0, 1], got " + share);
        this.n = n;
        this.share = share;
        this.evalCount = evalPrompts.size();
        this.ngramCounts = new int[evalPrompts.size()];
        Map<String, List<Integer>> byGram = new HashMap<>();
        for (int i = 0; i < evalPrompts.size(); i++) {
            List<String> words = words(evalPrompts.get(i));
            evalWords.add(words);
            if (words.isEmpty()) continue;
            if (words.size() < n) shortLengths.add(words.size());
            Set<String> grams = grams(words, Math.min(n, words.size()));
            ngramCounts[i] = grams.size();
            for (String g : grams) byGram.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
        }
        byGram.forEach((g, ids) -> owners.put(g, ids.stream().mapToInt(Integer::intValue).toArray()));
    }

    /**
     * An index of these evaluation prompts.
     *
     * @throws IllegalArgumentException for n below 1 or a share outside (0, 1]
     */
    public static Decontamination of(List<String> evalPrompts, int n, double share) {
        return new Decontamination(evalPrompts, n, share);
    }

    /** How many evaluation prompts there are. */
    public int evalPrompts() {
        return evalCount;
    }

    /** Whether a base task overlaps an evaluation prompt (see the class comment). */
    public boolean taskOverlaps(String task) {
        List<String> words = words(task);
        if (words.isEmpty()) return false;
        if (words.size() >= n) {
            for (String g : grams(words, n)) if (owners.containsKey(g)) return true;
            return false;
        }
        Set<String> evalGrams = shorter.computeIfAbsent(words.size(), m -> {
            Set<String> all = new HashSet<>();
            for (List<String> e : evalWords) if (e.size() >= m) all.addAll(grams(e, m));
            return all;
        });
        return evalGrams.contains(String.join(" ", words));
    }

    /** Whether a full prompt overlaps an evaluation prompt (see the class comment). */
    public boolean promptOverlaps(String prompt) {
        List<String> words = words(prompt);
        if (words.isEmpty()) return false;
        Set<String> grams = words.size() >= n ? grams(words, n) : new HashSet<>();
        for (int m : shortLengths) if (words.size() >= m) grams.addAll(grams(words, m));
        Map<Integer, Integer> hits = new HashMap<>();
        for (String g : grams) {
            int[] ids = owners.get(g);
            if (ids != null) for (int id : ids) hits.merge(id, 1, Integer::sum);
        }
        for (Map.Entry<Integer, Integer> e : hits.entrySet()) {
            if (e.getValue() >= share * ngramCounts[e.getKey()]) return true;
        }
        return false;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (int[] w : PyText.wordRuns(text)) out.add(PyText.lower(text.substring(w[0], w[1])));
        return out;
    }

    private static Set<String> grams(List<String> words, int m) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + m <= words.size(); i++) out.add(String.join(" ", words.subList(i, i + m)));
        return out;
    }

    /**
     * The prompts of an evaluation file: the {@code prompt} field of each row of a {@code .jsonl} file (IFEval's and
     * IFBench's inputs), else each non-blank line of a text file.
     *
     * @throws DataFileException for a missing file, a folder, bytes that are not UTF-8 (naming the line), a row without a
     *     prompt, or a file without prompts
     */
    public static List<String> readPrompts(Path file) {
        List<String> prompts = new ArrayList<>();
        if (file.getFileName().toString().endsWith(".jsonl")) {
            JsonlReader.forEach(file, row -> prompts.add(row.string("prompt")));
        } else {
            // Lines as Files.readAllLines splits them (\n, \r, \r\n); bytes that are not UTF-8 are named by line.
            TextFiles.read(file).lines().filter(line -> !line.isBlank()).forEach(prompts::add);
        }
        if (prompts.isEmpty()) throw new DataFileException(file, "no evaluation prompts");
        return prompts;
    }
}
