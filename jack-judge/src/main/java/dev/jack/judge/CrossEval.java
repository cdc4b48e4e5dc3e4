package dev.jack.judge;

import dev.jack.core.OptionException;
import dev.jack.core.Sha256;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.Downloader;
import dev.jack.core.data.JsonlReader;
import dev.jack.llm.Backend;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.GenerationResult;
import dev.jack.llm.Prompt;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CrossEval (Zhong et al. 2024, "Law of the Weakest Link: Cross Capabilities of Large Language Models";
 * facebookresearch/llm-cross-capabilities, {@code evaluation/}): a judge rates a response on 1–5 with the prompt's three
 * reference responses, each with its two expert ratings and explanations, in its context; ratings are rescaled to
 * 1–100 and averaged per capability, and each cross capability ("A &amp; B") is placed against its two individual
 * capabilities (the weakest-link analysis). The judge's prompts are Jack's own wording of the reference's structure
 * ({@code crosseval-system.txt}, {@code crosseval.txt}); the answer must end with an "Evaluation Score" section holding
 * {@code Score: X/5}, read as the reference's {@code evaluate_response.py} reads it.
 */
public final class CrossEval {
    private CrossEval() {}

    /** The fields of the released table, in its order. */
    public static final List<String> FIELDS = fields();

    private static List<String> fields() {
        List<String> f = new ArrayList<>(List.of("prompt_id", "capability", "difficulty", "l1_category", "l2_category", "prompt", "attached_file"));
        for (int i = 1; i <= 3; i++) {
            f.add("response_" + i);
            for (int j = 1; j <= 2; j++) {
                f.add("response_" + i + "_human_" + j + "_rating");
                f.add("response_" + i + "_human_" + j + "_explanation");
            }
        }
        return List.copyOf(f);
    }

    /**
     * Which field of a table holds each released field: the released name unless {@code renamed} maps it to another
     * ({@code l1_category} → {@code area}), for tables laid out otherwise.
     *
     * @throws OptionException (key {@code field}) for a name that is not a released field
     */
    public record Layout(Map<String, String> renamed) {
        /** The released table's own layout. */
        public static final Layout RELEASED = new Layout(Map.of());

        public Layout {
            for (String name : renamed.keySet()) {
                if (!FIELDS.contains(name)) {
                    throw new OptionException("field", "\"" + name + "\" is not a field of the released CrossEval table (known: " + String.join(", ", FIELDS) + ")");
                }
            }
            // Sorted, so that its text (part of a run's fingerprint) is the same in every process.
            renamed = java.util.Collections.unmodifiableMap(new TreeMap<>(renamed));
        }

        /** The table's name for a released field. */
        public String of(String released) {
            return renamed.getOrDefault(released, released);
        }
    }

    /** A reference response with its expert ratings (1–5) and their explanations. */
    public record Reference(String response, List<Double> ratings, List<String> explanations) {
        public double meanRating() {
            return ratings.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    /**
     * One prompt of the table (its 1-based {@code line}); cross capabilities are named "A &amp; B". Difficulty, the two
     * category levels and the attached file (a URL or path) are empty when the table leaves them out.
     */
    public record Item(long line, String promptId, String capability, String difficulty, String l1Category, String l2Category, String prompt,
                       String attachedFile, List<Reference> references) {}

    /**
     * Reads a CrossEval table (JSONL, one prompt per line) with the released fields ({@link #FIELDS}) under the names the
     * layout gives: {@code prompt_id}, {@code capability}, {@code prompt} and the three rated references are required;
     * {@code difficulty}, {@code l1_category}, {@code l2_category} and {@code attached_file} may be absent, null or "".
     *
     * @throws DataFileException naming the line and field of a missing value, a rating outside 1–5 or a repeated prompt_id
     */
    public static List<Item> read(Path table, Layout layout) {
        List<Item> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonlReader.forEach(table, row -> {
            List<Reference> refs = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                List<Double> ratings = new ArrayList<>();
                List<String> explanations = new ArrayList<>();
                for (int j = 1; j <= 2; j++) {
                    String field = layout.of("response_" + i + "_human_" + j + "_rating");
                    double rating = row.number(field);
                    if (!(rating >= 1 && rating <= 5)) throw row.error(field, "must be between 1 and 5, got " + number(rating));
                    ratings.add(rating);
                    explanations.add(row.string(layout.of("response_" + i + "_human_" + j + "_explanation")));
                }
                refs.add(new Reference(row.string(layout.of("response_" + i)), List.copyOf(ratings), List.copyOf(explanations)));
            }
            String id = row.fields().get(layout.of("prompt_id")) instanceof Long l ? String.valueOf(l) : row.string(layout.of("prompt_id"));
            if (!ids.add(id)) throw row.error(layout.of("prompt_id"), "repeats \"" + id + "\"");
            items.add(new Item(row.line(), id, row.string(layout.of("capability")), optional(row, layout.of("difficulty")),
                    optional(row, layout.of("l1_category")), optional(row, layout.of("l2_category")), row.string(layout.of("prompt")),
                    optional(row, layout.of("attached_file")), List.copyOf(refs)));
        });
        if (items.isEmpty()) throw new DataFileException(table, "no prompts");
        return items;
    }

    private static String optional(JsonlReader.Row row, String field) {
        return row.has(field) ? row.string(field).strip() : "";
    }

    /** What an item's attached file gives the judge. */
    public sealed interface Attachment {
        /** No attached file. */
        record None() implements Attachment {}

        /** A text file (a document for long-context prompts, a data file for tool use): put in the judge's context. */
        record Text(String name, String text) implements Attachment {}

        /**
         * A file Jack cannot pass to a text judge ({@code kind} "image" or "binary"): the item is skipped and counted, never
         * judged without it.
         */
        record Unusable(String name, String kind) implements Attachment {}
    }

    private static final Set<String> IMAGES = Set.of("png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "svg", "heic", "ico");

    /**
     * Finds an item's attached file and decides what it gives the judge. Images are known by their extension and not
     * fetched. Any other file is looked for in {@code folder} under its file name (the last part of its URL or path),
     * then, for a path, relative to the table's folder, then, for an http(s) URL, in {@code cache} (downloaded there
     * once, as the reference downloads it); it is text when it is valid UTF-8 without NUL bytes.
     *
     * @param folder where attached files were put by hand, or null
     * @param cache  where downloaded attachments are kept
     * @throws DataFileException naming the table's line and field when the file is neither found nor fetched
     */
    public static Attachment attachment(Path table, Layout layout, Item item, Path folder, Path cache) {
        String ref = item.attachedFile();
        if (ref.isEmpty()) return new Attachment.None();
        boolean url = ref.startsWith("http://") || ref.startsWith("https://");
        String name = fileName(ref, url);
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && IMAGES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) return new Attachment.Unusable(name, "image");
        String field = layout.of("attached_file");
        Path file = null;
        if (folder != null && Files.isRegularFile(folder.resolve(name))) file = folder.resolve(name);
        else if (!url) {
            Path beside = table.toAbsolutePath().getParent().resolve(ref);
            if (!Files.isRegularFile(beside)) {
                throw new DataFileException(table, item.line(), field, "attached file " + ref + " not found" + (folder == null ? "" : " (nor in " + folder + ")"));
            }
            file = beside;
        } else {
            file = cache.resolve("crosseval").resolve(Sha256.hex(ref).substring(0, 16) + "-" + name);
            if (!Files.isRegularFile(file)) {
                try {
                    Downloader.download(URI.create(ref), file);
                } catch (IOException | RuntimeException e) {
                    throw new DataFileException(table, item.line(), field, "cannot fetch " + ref + " (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage()) + "); put the attached files in a folder under their file names and pass it with --attachments");
                }
            }
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataFileException(table, item.line(), field, "cannot read " + file + ": " + e.getMessage());
        }
        String text = utf8(bytes);
        return text == null ? new Attachment.Unusable(name, "binary") : new Attachment.Text(name, text);
    }

    private static String fileName(String ref, boolean url) {
        String path = url ? URI.create(ref.replace(" ", "%20")).getRawPath() : ref;
        String last = path == null ? ref : path.substring(path.lastIndexOf('/') + 1);
        return url ? URLDecoder.decode(last, StandardCharsets.UTF_8) : Path.of(last).getFileName().toString();
    }

    /** The bytes as text when they are valid UTF-8 without NUL, else null. */
    private static String utf8(byte[] bytes) {
        for (byte b : bytes) if (b == 0) return null;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** One rating to ask for: the model's response to an item, or the item's reference {@code reference} (0-based; -1: none). */
    public record Job(Item item, String response, int reference) {
        /** The job's name in the per-item file: {@code response/ID} or {@code reference/ID/N} (N 1-based). */
        public String key() {
            return reference < 0 ? "response/" + item.promptId() : "reference/" + item.promptId() + "/" + (reference + 1);
        }
    }

    /**
     * The ratings to ask for: each item's response in {@code answers} (prompt id → response; null for none), then with
     * {@code agreement} every reference of every item, judged with the other two as references.
     */
    public static List<Job> jobs(List<Item> items, Map<String, String> answers, boolean agreement) {
        List<Job> jobs = new ArrayList<>();
        if (answers != null) for (Item item : items) if (answers.containsKey(item.promptId())) jobs.add(new Job(item, answers.get(item.promptId()), -1));
        if (agreement) for (Item item : items) for (int r = 0; r < item.references().size(); r++) jobs.add(new Job(item, item.references().get(r).response(), r));
        return jobs;
    }

    /** The judge's user message for a job: the attachment's text, the prompt, the references (but the one judged), the response. */
    public static String judgePrompt(Templates templates, Job job, Attachment attachment) {
        StringBuilder refs = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < job.item().references().size(); i++) {
            if (i == job.reference()) continue;
            Reference r = job.item().references().get(i);
            refs.append("[Reference ").append(++shown).append("]\nResponse: ").append(r.response().strip()).append("\n");
            for (int j = 0; j < r.ratings().size(); j++) {
                refs.append("Expert ").append(j + 1).append(": ").append(number(r.ratings().get(j))).append("/5. ").append(r.explanations().get(j).strip()).append("\n");
            }
            refs.append("\n");
        }
        Map<String, String> values = new HashMap<>();
        values.put("attachment", attachment instanceof Attachment.Text t ? "[Attached File: " + t.name() + "]\n" + t.text().strip() + "\n\n" : "");
        values.put("references", refs.toString().strip());
        values.put("prompt", job.item().prompt().strip());
        values.put("response", job.response().strip());
        values.put("notes", notes(job.item().capability()));
        return Templates.fill(templates.load("crosseval.txt"), values).strip();
    }

    /** What the reference adds for tool use, in Jack's words: real-time answers change; a cross capability with tools must run its code. */
    private static String notes(String capability) {
        String c = capability.toLowerCase(Locale.ROOT);
        if (c.equals("tool use")) {
            return "\nThe reference responses were written at an earlier date, and answers to questions about current information change over time. "
                    + "Do not judge from your own knowledge: judge whether the response looked the information up and whether it meets the request.";
        }
        if (c.contains("tool use")) {
            return "\nA URL or image link in a response means the model ran code and produced a file or image; a response that does not run the "
                    + "code, or gives no link to what it produced, deserves a major deduction.";
        }
        return "";
    }

    /** A rating read from the judge's answer, or what kept it from being read. */
    public record Parsed(OptionalDouble score, String problem) {}

    private static final Pattern SCORE = Pattern.compile("(?i)evaluation score[:*\\s]*score:\\s*\\**(\\d+(?:\\.\\d+)?)/5\\**");
    private static final Pattern LOOSE_SCORE = Pattern.compile("(?i)score\\s*[:=]");

    /**
     * Reads the rating as the reference does: the first "Evaluation Score" heading followed by {@code Score: X/5}; a
     * rating outside 1–5 is not read.
     */
    public static Parsed parse(String answer) {
        if (answer.isBlank()) return new Parsed(OptionalDouble.empty(), "empty answer");
        Matcher m = SCORE.matcher(answer);
        if (!m.find()) {
            return new Parsed(OptionalDouble.empty(), LOOSE_SCORE.matcher(answer).find()
                    ? "a score is given, but not as 'Score: X/5' under the 'Evaluation Score' heading"
                    : "no 'Evaluation Score' section with 'Score: X/5'");
        }
        double score = Double.parseDouble(m.group(1));
        if (score < 1 || score > 5) return new Parsed(OptionalDouble.empty(), "rating " + number(score) + " is outside 1-5");
        return new Parsed(OptionalDouble.of(score), null);
    }

    /** At most this many answers are asked for one rating, as in the reference. */
    public static final int ATTEMPTS = 5;

    private static final String RANGE_HINT = " The rating should be on a scale from 1 to 5.";
    private static final String FORMAT_HINT = " End your evaluation with the heading '#### Evaluation Score' and, on the next line, 'Score: X/5'"
            + " where X is your rating from 1 to 5.";

    /**
     * A rating, the judge's last answer (its explanation), the answers asked for, and what could not be read in each
     * answer that gave none (the score is empty when no answer did).
     */
    public record Rating(OptionalDouble score, String explanation, int attempts, List<String> problems) {}

    /**
     * Asks for one rating: the system prompt and the job's user message, greedily (temperature 0) with the same seed
     * each time; an answer that cannot be read is asked again with a hint added to the message (the range, or the
     * format), at most {@link #ATTEMPTS} times.
     */
    public static Rating rate(Backend backend, Templates templates, Job job, Attachment attachment, long seed, int maxTokens) {
        String system = templates.load("crosseval-system.txt").strip();
        String user = judgePrompt(templates, job, attachment);
        List<String> problems = new ArrayList<>();
        String answer = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            GenerationResult.Completion c = backend.generate(new GenerationRequest(new Prompt.Chat(List.of(Prompt.Message.system(system),
                    Prompt.Message.user(user))), 1, 0.0, null, null, seed, maxTokens, List.of(), null)).join().completions().getFirst();
            answer = c.text();
            Parsed parsed = parse(answer);
            if (parsed.score().isPresent()) return new Rating(parsed.score(), answer, attempt, List.copyOf(problems));
            String problem = "length".equals(c.finishReason()) ? parsed.problem() + " (the answer was cut off at max_tokens " + maxTokens + ")" : parsed.problem();
            problems.add(problem);
            String hint = problem.startsWith("rating ") ? RANGE_HINT : FORMAT_HINT;
            if (!user.contains(hint.strip())) user += hint;
        }
        return new Rating(OptionalDouble.empty(), answer, ATTEMPTS, List.copyOf(problems));
    }

    /** (s − 1) · 24.75 + 1: the 1–5 scale onto 1–100, as the reference's {@code scale_score}. */
    public static double rescale(double score) {
        return (score - 1) * 24.75 + 1;
    }

    /**
     * The report on 1–100: per-capability means of the rated items ({@code scoreByPromptId}: prompt id → rating on 1–5)
     * and how many were rated, individual and cross capabilities apart, and for each cross capability "A &amp; B" whose
     * two capabilities were rated the weakest-link analysis: its score against the weaker and the stronger one, its
     * position ("below both", "between, closer to the weaker", "between, closer to the stronger", "above both"), and
     * how far above the weaker it is; {@code positions} counts the cross capabilities in each position.
     */
    public static Map<String, Object> report(List<Item> items, Map<String, Double> scoreByPromptId) {
        Map<String, double[]> sums = new TreeMap<>();
        for (Item item : items) {
            Double s = scoreByPromptId.get(item.promptId());
            if (s == null) continue;
            double[] acc = sums.computeIfAbsent(item.capability(), k -> new double[2]);
            acc[0] += rescale(s);
            acc[1]++;
        }
        Map<String, Double> individual = new LinkedHashMap<>();
        Map<String, Double> cross = new LinkedHashMap<>();
        Map<String, Long> rated = new LinkedHashMap<>();
        sums.forEach((c, acc) -> {
            (c.contains("&") ? cross : individual).put(c, acc[0] / acc[1]);
            rated.put(c, (long) acc[1]);
        });
        Map<String, Object> weakestLink = new LinkedHashMap<>();
        Map<String, Long> positions = new LinkedHashMap<>();
        cross.forEach((c, v) -> {
            String[] parts = c.split("&", 2);
            Double a = individual.get(parts[0].strip());
            Double b = individual.get(parts[1].strip());
            if (a == null || b == null) return;
            double weaker = Math.min(a, b);
            double stronger = Math.max(a, b);
            String position = v < weaker ? "below both" : v > stronger ? "above both"
                    : v - weaker <= stronger - v ? "between, closer to the weaker" : "between, closer to the stronger";
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("score", v);
            entry.put("weaker", weaker);
            entry.put("stronger", stronger);
            entry.put("position", position);
            entry.put("above_weaker", v - weaker);
            weakestLink.put(c, entry);
            positions.merge(position, 1L, Long::sum);
        });
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("individual", individual);
        r.put("cross", cross);
        r.put("rated", rated);
        r.put("weakest_link", weakestLink);
        r.put("positions", positions);
        return r;
    }

    /**
     * Judge–human agreement, overall and per capability: Pearson, Spearman and Kendall between the
     * judge's scores and the mean human ratings of the same responses ({@code itemOf.get(k)} is the
     * item of the k-th pair).
     */
    public static Map<String, Object> agreement(List<Item> items, List<Integer> itemOf, List<Double> judge, List<Double> human) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("overall", correlations(judge, human));
        Map<String, List<Integer>> byCapability = new TreeMap<>();
        for (int k = 0; k < itemOf.size(); k++) byCapability.computeIfAbsent(items.get(itemOf.get(k)).capability(), c -> new ArrayList<>()).add(k);
        Map<String, Object> per = new LinkedHashMap<>();
        byCapability.forEach((c, ks) -> per.put(c, correlations(ks.stream().map(judge::get).toList(), ks.stream().map(human::get).toList())));
        r.put("by_capability", per);
        return r;
    }

    static Map<String, Object> correlations(List<Double> judge, List<Double> human) {
        double[] x = judge.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = human.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", x.length);
        m.put("pearson", definedOrNull(Correlation.pearson(x, y)));
        m.put("spearman", definedOrNull(Correlation.spearman(x, y)));
        m.put("kendall", definedOrNull(Correlation.kendall(x, y)));
        return m;
    }

    /** An undefined correlation (too few points, or no variance) is null, so the report stays valid JSON. */
    private static Double definedOrNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** 4 for 4.0, 4.5 for 4.5. */
    static String number(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
