package dev.jack.judge;

import dev.jack.core.OptionException;
import dev.jack.core.data.DataFileException;
import dev.jack.llm.GenerationRequest;
import dev.jack.llm.Prompt;
import dev.jack.llm.ScriptedBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossEvalTest {
    @TempDir
    Path dir;

    /** A row of the released table: l1/l2 categories, an optional attached file, three references rated as given. */
    static String row(String id, String capability, String attached, int... ratings) {
        StringBuilder b = new StringBuilder("{\"prompt_id\": \"" + id + "\", \"capability\": \"" + capability
                + "\", \"difficulty\": \"hard\", \"l1_category\": \"Area " + id + "\", \"l2_category\": \"Topic " + id + "\", \"prompt\": \"Prompt " + id
                + "\", \"attached_file\": \"" + attached + "\"");
        for (int i = 1; i <= 3; i++) {
            b.append(", \"response_").append(i).append("\": \"Reference ").append(i).append(" of ").append(id).append("\"");
            for (int j = 1; j <= 2; j++) {
                b.append(", \"response_").append(i).append("_human_").append(j).append("_rating\": ").append(ratings[(i - 1) * 2 + j - 1]);
                b.append(", \"response_").append(i).append("_human_").append(j).append("_explanation\": \"Because ").append(i).append(j).append("\"");
            }
        }
        return b.append("}").toString();
    }

    private Path table() throws IOException {
        return Files.write(dir.resolve("crosseval.jsonl"), List.of(
                row("c1", "Coding", "", 5, 4, 3, 3, 1, 2),
                row("r1", "Reasoning", "", 4, 4, 2, 3, 5, 5),
                row("x1", "Coding & Reasoning", "", 2, 2, 3, 4, 1, 1)));
    }

    @Test
    void readsTheReleasedFieldsOrAMappedLayout() throws IOException {
        List<CrossEval.Item> items = CrossEval.read(table(), CrossEval.Layout.RELEASED);
        assertEquals(3, items.size());
        CrossEval.Item first = items.getFirst();
        assertEquals("Coding", first.capability());
        assertEquals("Area c1", first.l1Category());
        assertEquals("Topic c1", first.l2Category());
        assertEquals(List.of(5.0, 4.0), first.references().getFirst().ratings());
        assertEquals(4.5, first.references().getFirst().meanRating());

        // Another layout: the capability under "task", the categories under Jack's old l2/l3 names.
        String other = row("c1", "Coding", "", 5, 4, 3, 3, 1, 2).replace("\"capability\"", "\"task\"").replace("\"l2_category\"", "\"l3_category\"")
                .replace("\"l1_category\"", "\"l2_category\"");
        Path renamed = Files.writeString(dir.resolve("other.jsonl"), other + "\n");
        DataFileException missing = assertThrows(DataFileException.class, () -> CrossEval.read(renamed, CrossEval.Layout.RELEASED));
        assertTrue(missing.getMessage().contains(":1: capability: is missing"), missing.getMessage());
        CrossEval.Item mapped = CrossEval.read(renamed, new CrossEval.Layout(Map.of("capability", "task", "l1_category", "l2_category",
                "l2_category", "l3_category"))).getFirst();
        assertEquals("Coding", mapped.capability());
        assertEquals("Area c1", mapped.l1Category());
        assertEquals("Topic c1", mapped.l2Category());
        OptionException unknown = assertThrows(OptionException.class, () -> new CrossEval.Layout(Map.of("l3_category", "x")));
        assertTrue(unknown.getMessage().startsWith("--field: \"l3_category\" is not a field of the released CrossEval table"), unknown.getMessage());

        Path bad = Files.write(dir.resolve("bad.jsonl"), List.of(row("c1", "Coding", "", 5, 9, 3, 3, 1, 2)));
        DataFileException e = assertThrows(DataFileException.class, () -> CrossEval.read(bad, CrossEval.Layout.RELEASED));
        assertTrue(e.getMessage().contains(":1: response_1_human_2_rating: must be between 1 and 5"), e.getMessage());
        Path twice = Files.write(dir.resolve("twice.jsonl"), List.of(row("c1", "Coding", "", 5, 4, 3, 3, 1, 2), row("c1", "Coding", "", 5, 4, 3, 3, 1, 2)));
        assertTrue(assertThrows(DataFileException.class, () -> CrossEval.read(twice, CrossEval.Layout.RELEASED)).getMessage().contains(":2: prompt_id: repeats"));
    }

    @Test
    void textAttachmentsGoInTheContextOthersAreUnusable() throws IOException {
        Path files = Files.createDirectories(dir.resolve("files"));
        Files.writeString(files.resolve("report.txt"), "Quarterly revenue rose 12%.\n");
        Files.write(files.resolve("data.bin"), new byte[] {1, 0, 2, (byte) 0xff});
        Files.writeString(dir.resolve("local.md"), "# Notes\nbeside the table");
        Path table = Files.write(dir.resolve("t.jsonl"), List.of(
                row("l1", "Long Context", "https://huggingface.co/datasets/x/resolve/main/files/report.txt", 3, 3, 4, 4, 2, 2),
                row("i1", "Image Recognition", "https://example.org/img/photo%201.PNG", 3, 3, 4, 4, 2, 2),
                row("b1", "Tool Use", "https://example.org/data.bin", 3, 3, 4, 4, 2, 2),
                row("p1", "Long Context", "local.md", 3, 3, 4, 4, 2, 2),
                row("n1", "English", "", 3, 3, 4, 4, 2, 2),
                row("m1", "Long Context", "missing.txt", 3, 3, 4, 4, 2, 2)));
        List<CrossEval.Item> items = CrossEval.read(table, CrossEval.Layout.RELEASED);
        Path cache = dir.resolve("cache");
        CrossEval.Attachment text = CrossEval.attachment(table, CrossEval.Layout.RELEASED, items.get(0), files, cache);
        assertEquals(new CrossEval.Attachment.Text("report.txt", "Quarterly revenue rose 12%.\n"), text);
        assertEquals(new CrossEval.Attachment.Unusable("photo 1.PNG", "image"), CrossEval.attachment(table, CrossEval.Layout.RELEASED, items.get(1), null, cache),
                "an image is known by its name, without fetching it");
        assertEquals(new CrossEval.Attachment.Unusable("data.bin", "binary"), CrossEval.attachment(table, CrossEval.Layout.RELEASED, items.get(2), files, cache));
        assertInstanceOf(CrossEval.Attachment.Text.class, CrossEval.attachment(table, CrossEval.Layout.RELEASED, items.get(3), null, cache));
        assertInstanceOf(CrossEval.Attachment.None.class, CrossEval.attachment(table, CrossEval.Layout.RELEASED, items.get(4), null, cache));
        DataFileException e = assertThrows(DataFileException.class, () -> CrossEval.attachment(table, CrossEval.Layout.RELEASED, items.get(5), files, cache));
        assertTrue(e.getMessage().contains(":6: attached_file: attached file missing.txt not found"), e.getMessage());

        String prompt = CrossEval.judgePrompt(new Templates(null), new CrossEval.Job(items.getFirst(), "Revenue rose.", -1), text);
        assertTrue(prompt.startsWith("[Attached File: report.txt]\nQuarterly revenue rose 12%.\n\n[User Prompt]\nPrompt l1"), prompt);
    }

    @Test
    void theJudgeSeesTheReferencesButTheOneItRates() throws IOException {
        List<CrossEval.Item> items = CrossEval.read(table(), CrossEval.Layout.RELEASED);
        List<CrossEval.Job> jobs = CrossEval.jobs(items, Map.of("c1", "My answer"), true);
        assertEquals(List.of("response/c1", "reference/c1/1", "reference/c1/2", "reference/c1/3", "reference/r1/1"),
                jobs.subList(0, 5).stream().map(CrossEval.Job::key).toList());
        String all = CrossEval.judgePrompt(new Templates(null), jobs.getFirst(), new CrossEval.Attachment.None());
        assertTrue(all.contains("[Reference 1]\nResponse: Reference 1 of c1\nExpert 1: 5/5. Because 11\nExpert 2: 4/5. Because 12"), all);
        assertTrue(all.contains("[Reference 3]") && all.contains("[Response to Rate]\nMy answer"));
        assertTrue(all.contains("#### Evaluation Score\nScore: X/5"), "the strict answer format is asked for");
        String leaveOut = CrossEval.judgePrompt(new Templates(null), jobs.get(2), new CrossEval.Attachment.None());
        assertFalse(leaveOut.contains("[Reference 3]"), "two references remain");
        assertFalse(leaveOut.substring(0, leaveOut.indexOf("[Response to Rate]")).contains("Reference 2 of c1"), "the rated reference is not shown as one");
        String toolUse = CrossEval.judgePrompt(new Templates(null), new CrossEval.Job(new CrossEval.Item(1, "t", "Tool Use & Coding", "", "", "", "p", "",
                items.getFirst().references()), "r", -1), new CrossEval.Attachment.None());
        assertTrue(toolUse.endsWith("deserves a major deduction."), toolUse);
    }

    @Test
    void theAnswerFormatIsStrictAndSaysWhatItCouldNotRead() {
        assertEquals(OptionalDouble.of(4), CrossEval.parse("#### Evaluation Score\nScore: 4/5").score());
        assertEquals(OptionalDouble.of(3.5), CrossEval.parse("... #### **Evaluation Score**\n**Score: 3.5/5**").score());
        assertEquals(OptionalDouble.of(2), CrossEval.parse("Evaluation score: Score: 2/5\nEvaluation Score: Score: 5/5").score(), "the first, as re.search");
        assertEquals("a score is given, but not as 'Score: X/5' under the 'Evaluation Score' heading", CrossEval.parse("Score: 4/5").problem());
        assertEquals("no 'Evaluation Score' section with 'Score: X/5'", CrossEval.parse("I like it.").problem());
        assertEquals("rating 7 is outside 1-5", CrossEval.parse("Evaluation Score\nScore: 7/5").problem());
        assertEquals("empty answer", CrossEval.parse("  ").problem());
    }

    @Test
    void ratingsAreAskedGreedilyWithAFixedSeedAndRetriedWithAHint() throws IOException {
        CrossEval.Job job = CrossEval.jobs(CrossEval.read(table(), CrossEval.Layout.RELEASED), Map.of("c1", "x"), false).getFirst();
        List<GenerationRequest> seen = new ArrayList<>();
        ScriptedBackend flaky = new ScriptedBackend("j", (r, i) -> {
            seen.add(r);
            return switch (seen.size()) {
                case 1 -> "Score: 4/5";
                case 2 -> "#### Evaluation Score\nScore: 9/5";
                default -> "Fine work.\n#### Evaluation Score\nScore: 4/5";
            };
        });
        CrossEval.Rating rating = CrossEval.rate(flaky, new Templates(null), job, new CrossEval.Attachment.None(), 42, 128);
        assertEquals(OptionalDouble.of(4), rating.score());
        assertEquals(3, rating.attempts());
        assertEquals(2, rating.problems().size());
        assertTrue(rating.explanation().startsWith("Fine work."));
        for (GenerationRequest r : seen) {
            assertEquals(0.0, r.temperature());
            assertEquals(42L, r.seed());
            assertEquals("system", ((Prompt.Chat) r.prompt()).messages().getFirst().role());
        }
        assertTrue(ScriptedBackend.lastText(seen.get(1)).endsWith("where X is your rating from 1 to 5."));
        assertTrue(ScriptedBackend.lastText(seen.get(2)).endsWith("The rating should be on a scale from 1 to 5."));
        ScriptedBackend hopeless = new ScriptedBackend("j", (r, i) -> "I refuse to rate.");
        CrossEval.Rating none = CrossEval.rate(hopeless, new Templates(null), job, new CrossEval.Attachment.None(), 42, 128);
        assertEquals(OptionalDouble.empty(), none.score());
        assertEquals(CrossEval.ATTEMPTS, hopeless.calls(), "at most five attempts");
        assertEquals(5, none.problems().size());
    }

    @Test
    void reportRescalesAndFindsTheWeakestLink() throws IOException {
        List<CrossEval.Item> items = new ArrayList<>(CrossEval.read(table(), CrossEval.Layout.RELEASED));
        Map<String, Object> report = CrossEval.report(items, Map.of("c1", 5.0, "r1", 3.0, "x1", 2.0));
        assertEquals(100.0, ((Map<?, ?>) report.get("individual")).get("Coding"));
        assertEquals(50.5, ((Map<?, ?>) report.get("individual")).get("Reasoning"));
        Map<?, ?> link = (Map<?, ?>) ((Map<?, ?>) report.get("weakest_link")).get("Coding & Reasoning");
        assertEquals("below both", link.get("position"));
        assertEquals(25.75 - 50.5, (Double) link.get("above_weaker"), 1e-12);
        assertEquals("between, closer to the weaker", ((Map<?, ?>) ((Map<?, ?>) CrossEval.report(items, Map.of("c1", 5.0, "r1", 3.0, "x1", 3.5))
                .get("weakest_link")).get("Coding & Reasoning")).get("position"));
        Map<?, ?> stronger = (Map<?, ?>) CrossEval.report(items, Map.of("c1", 5.0, "r1", 3.0, "x1", 4.5)).get("positions");
        assertEquals(Map.of("between, closer to the stronger", 1L), stronger);
        List<Double> judge = new ArrayList<>(List.of(4.0, 3.0, 2.0, 5.0));
        List<Double> human = new ArrayList<>(List.of(4.5, 3.0, 1.5, 5.0));
        Map<?, ?> agreement = (Map<?, ?>) CrossEval.agreement(items, List.of(0, 0, 1, 2), judge, human).get("overall");
        assertEquals(1.0, (Double) agreement.get("spearman"), 1e-12);
        assertEquals(1.0, (Double) agreement.get("kendall"), 1e-12);
    }
}
