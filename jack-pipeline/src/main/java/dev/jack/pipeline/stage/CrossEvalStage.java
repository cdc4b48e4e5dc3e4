package dev.jack.pipeline.stage;

import dev.jack.core.UserException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.PyJson;
import dev.jack.judge.CrossEval;
import dev.jack.judge.Templates;
import dev.jack.judge.Unreadable;
import dev.jack.llm.Backend;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.Check;
import dev.jack.pipeline.Inputs;
import dev.jack.pipeline.ModelOptions;
import dev.jack.pipeline.ModelSettings;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jack judge crosseval}: a judge rates the model's responses against the expert-rated references
 * ({@link CrossEval}), and with {@code agreement} also rates every reference (leaving it out of the prompt) to report
 * judge-human agreement. Each rating, with the judge's explanation, goes to the per-item file {@code OUT.items.jsonl}
 * as it completes, so a killed run resumes without asking again for finished items; the report {@code out} is written
 * from it. An item whose attached file cannot be given to a text judge (an image, a binary file) is not judged: it is
 * listed and counted under {@code skipped}.
 */
public record CrossEvalStage(Path table, Path responses, Path out, Options options, ModelOptions judge) implements Stage {
    /**
     * The table's layout, also rating the references for judge-human agreement, the judge's seed (the same for every
     * request), its answer length, the folder attached files were put in (null: none), and a folder of prompts that
     * replace Jack's {@code crosseval-system.txt} and {@code crosseval.txt} (null: none).
     */
    public record Options(CrossEval.Layout layout, boolean agreement, long seed, int maxTokens, Path attachments, Path promptsDir) {
        public Options {
            Check.atLeast("max_tokens", maxTokens, 1);
        }
    }

    @Override
    public String name() {
        return "judge-crosseval";
    }

    @Override
    public Record settings() {
        return new ModelSettings(options, judge.identity());
    }

    @Override
    public List<Path> inputs() {
        // The prompt files that override Jack's: an edited judge prompt asks the judge again.
        return Inputs.of(table, responses, Templates.overrideFiles(options.promptsDir()));
    }

    @Override
    public List<Path> outputs() {
        return List.of(out, itemsFile());
    }

    /** The per-item file: one line per rating asked for, with the judge's explanation. */
    public Path itemsFile() {
        return out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + ".items.jsonl");
    }

    @Override
    public Status run(StageContext context) {
        if (responses == null && !options.agreement()) throw new UserException("give --responses, --agreement, or both");
        List<CrossEval.Item> items = CrossEval.read(table, options.layout());
        Map<String, String> answers = null;
        if (responses != null) {
            Map<String, String> read = new LinkedHashMap<>();
            JsonlReader.forEach(responses, r -> read.put(r.fields().get("prompt_id") instanceof Long l ? String.valueOf(l) : r.string("prompt_id"),
                    r.string("response")));
            answers = read;
        }
        List<CrossEval.Job> jobs = CrossEval.jobs(items, answers, options.agreement());
        // Every attached file is found (or fetched) before the first request: a missing one is an error now, not midway.
        Map<String, CrossEval.Attachment> attachments = new LinkedHashMap<>();
        for (CrossEval.Job job : jobs) {
            attachments.computeIfAbsent(job.item().promptId(), id -> CrossEval.attachment(table, options.layout(), job.item(), options.attachments(),
                    context.data().cacheDir()));
        }
        Templates templates = new Templates(options.promptsDir());
        PrintWriter console = context.out();
        JudgeJournal.Outcome outcome;
        try (Backend backend = judge.open(OpenAiBackend.Endpoint.CHAT, context)) {
            // What a job's line is computed from: the fields it repeats and the request the judge is shown.
            List<JudgeJournal.Item> keyed = jobs.stream().map(job -> {
                CrossEval.Attachment attachment = attachments.get(job.item().promptId());
                String request = attachment instanceof CrossEval.Attachment.Unusable ? "" : CrossEval.judgePrompt(templates, job, attachment);
                return new JudgeJournal.Item(job.key(), PyJson.dumps(List.of(describe(job, attachment), request)));
            }).toList();
            outcome = JudgeJournal.run(this, context, itemsFile(), Inputs.of(table, responses), keyed, judge.inFlight(), i -> {
                CrossEval.Job job = jobs.get(i);
                CrossEval.Attachment attachment = attachments.get(job.item().promptId());
                Map<String, Object> line = describe(job, attachment);
                if (attachment instanceof CrossEval.Attachment.Unusable u) {
                    line.put("skipped", u.kind() + " attachment " + u.name() + " (a text judge cannot see it)");
                    return line;
                }
                CrossEval.Rating rating = CrossEval.rate(backend, templates, job, attachment, options.seed(), options.maxTokens());
                line.put("rating", rating.score().isPresent() ? rating.score().getAsDouble() : null);
                line.put("rating_100", rating.score().isPresent() ? CrossEval.rescale(rating.score().getAsDouble()) : null);
                line.put("attempts", rating.attempts());
                line.put("unreadable", rating.problems());
                line.put("explanation", rating.explanation());
                return line;
            });
        }
        if (!outcome.complete()) {
            console.printf("%d of %d ratings done (%d found done); rerun the same command to retry the rest%n",
                    jobs.size() - outcome.failures().size(), jobs.size(), outcome.alreadyDone());
            return Status.INCOMPLETE;
        }
        Map<String, Object> report = report(items, jobs, outcome.results(), answers, context);
        Judges.write(out, report);
        console.println("wrote " + out + " and " + itemsFile());
        return Status.DONE;
    }

    private static Map<String, Object> describe(CrossEval.Job job, CrossEval.Attachment attachment) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("prompt_id", job.item().promptId());
        line.put("capability", job.item().capability());
        line.put("l1_category", job.item().l1Category());
        line.put("l2_category", job.item().l2Category());
        line.put("judged", job.reference() < 0 ? "response" : "reference " + (job.reference() + 1));
        line.put("attachment", switch (attachment) {
            case CrossEval.Attachment.None n -> null;
            case CrossEval.Attachment.Text t -> t.name();
            case CrossEval.Attachment.Unusable u -> u.name();
        });
        return line;
    }

    private Map<String, Object> report(List<CrossEval.Item> items, List<CrossEval.Job> jobs, List<Map<String, Object>> results,
                                       Map<String, String> answers, StageContext context) {
        PrintWriter console = context.out();
        Map<String, Object> report = new LinkedHashMap<>();
        List<Unreadable> unreadable = new ArrayList<>();
        Map<String, Double> responseScores = new LinkedHashMap<>();
        List<String> unscored = new ArrayList<>();
        Map<String, Long> skipped = new LinkedHashMap<>();
        List<String> skippedIds = new ArrayList<>();
        List<Integer> itemOf = new ArrayList<>();
        List<Double> judged = new ArrayList<>();
        List<Double> human = new ArrayList<>();
        long referenceJobs = 0;
        Map<String, Integer> itemIndex = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) itemIndex.put(items.get(i).promptId(), i);
        for (int k = 0; k < jobs.size(); k++) {
            CrossEval.Job job = jobs.get(k);
            Map<String, Object> r = results.get(k);
            if (r.get("skipped") != null) {
                if (!skippedIds.contains(job.item().promptId())) {
                    skippedIds.add(job.item().promptId());
                    skipped.merge(String.valueOf(r.get("skipped")).split(" ")[0], 1L, Long::sum);
                }
                continue;
            }
            Double rating = r.get("rating") instanceof Number n ? n.doubleValue() : null;
            if (job.reference() < 0) {
                if (rating != null) responseScores.put(job.item().promptId(), rating);
                else unscored.add(job.item().promptId());
            } else {
                referenceJobs++;
                if (rating == null) continue;
                itemOf.add(itemIndex.get(job.item().promptId()));
                judged.add(rating);
                human.add(job.item().references().get(job.reference()).meanRating());
            }
        }
        if (answers != null) {
            report.putAll(CrossEval.report(items, responseScores));
            report.put("unscored_after_" + CrossEval.ATTEMPTS + "_attempts", unscored);
            report.put("unanswered", items.stream().filter(it -> !answers.containsKey(it.promptId())).map(CrossEval.Item::promptId).toList());
            long asked = jobs.stream().filter(j -> j.reference() < 0 && !skippedIds.contains(j.item().promptId())).count();
            unreadable.add(new Unreadable("ratings of the responses (after " + CrossEval.ATTEMPTS + " attempts each)", unscored.size(), asked, "unscored"));
            ((Map<?, ?>) report.get("individual")).forEach((c, v) -> console.printf("  %-40s %6.1f%n", c, (Double) v));
            ((Map<?, ?>) report.get("cross")).forEach((c, v) -> console.printf("  %-40s %6.1f%n", c, (Double) v));
        }
        if (options.agreement()) {
            report.put("agreement", CrossEval.agreement(items, itemOf, judged, human));
            unreadable.add(new Unreadable("ratings of the references (after " + CrossEval.ATTEMPTS + " attempts each)", referenceJobs - judged.size(),
                    referenceJobs, "dropped from the agreement"));
        }
        Map<String, Object> skippedReport = new LinkedHashMap<>();
        skippedReport.put("count", (long) skippedIds.size());
        skippedReport.put("by_kind", skipped);
        skippedReport.put("prompt_ids", skippedIds);
        report.put("skipped", skippedReport);
        if (!skippedIds.isEmpty()) {
            console.printf("%d prompts not judged: their attached file is not text (%s)%n", skippedIds.size(), skipped);
        }
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("temperature", 0.0);
        asked.put("seed", options.seed());
        asked.put("max_tokens", options.maxTokens());
        report.put("judge", asked);
        Judges.tell(context, report, unreadable);
        return report;
    }
}
