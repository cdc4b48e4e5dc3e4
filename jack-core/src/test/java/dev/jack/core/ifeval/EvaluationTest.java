package dev.jack.core.ifeval;

import dev.jack.core.data.DataFileException;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {
    @TempDir
    Path dir;

    private static final TextTools TEXT = new TextTools(() -> {
        throw new AssertionError("Punkt not needed here");
    });

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private static final String PROMPT = "{\"key\": 7, \"prompt\": \"Say hi. No commas.\", \"instruction_id_list\": [\"punctuation:no_comma\", \"startend:quotation\"], \"kwargs\": [{}, {}]}";

    @Test
    void malformedLinesNameFileAndLine() throws IOException {
        Path input = write("in.jsonl", PROMPT, "{\"key\": 8, \"prompt\": ");
        var e = assertThrows(DataFileException.class, () -> IfevalPrompt.readAll(input));
        assertTrue(e.getMessage().startsWith(input + ":2: malformed JSON"), e.getMessage());
    }

    @Test
    void badConstraintsNameTheField() throws IOException {
        Path unknown = write("a.jsonl", PROMPT.replace("startend:quotation", "startend:quote"));
        var e = assertThrows(DataFileException.class, () -> IfevalPrompt.readAll(unknown));
        assertTrue(e.getMessage().contains(":1: instruction_id_list[1]: unknown constraint id \"startend:quote\""), e.getMessage());
        Path badKwargs = write("b.jsonl", PROMPT.replace("\"kwargs\": [{}, {}]", "\"kwargs\": [{\"num_words\": 3}, {}]"));
        e = assertThrows(DataFileException.class, () -> IfevalPrompt.readAll(badKwargs));
        assertTrue(e.getMessage().contains(":1: kwargs[0].num_words: is not a parameter"), e.getMessage());
        Path missing = write("c.jsonl", "{\"key\": 1, \"prompt\": \"p\", \"kwargs\": []}");
        e = assertThrows(DataFileException.class, () -> IfevalPrompt.readAll(missing));
        assertTrue(e.getMessage().endsWith(":1: instruction_id_list: is missing"), e.getMessage());
    }

    @Test
    void aCheckerThatThrowsIsListedInTheSummaryAndTheOtherRowsAreChecked() throws IOException {
        List<IfevalPrompt> read = IfevalPrompt.readAll(write("in.jsonl", PROMPT, PROMPT.replace("\"key\": 7", "\"key\": 8")));
        IfevalPrompt broken = new IfevalPrompt(8, read.get(1).prompt(), List.of("punctuation:no_comma", "test:broken"),
                List.of(read.get(1).constraints().getFirst(), new dev.jack.core.constraint.Broken(false)));
        ResponseFile responses = ResponseFile.read(write("r.jsonl", "{\"key\": 7, \"response\": \"\\\"hi\\\"\"}", "{\"key\": 8, \"response\": \"hi\"}"));
        Evaluation e = Evaluation.run(List.of(read.getFirst(), broken), responses, new Verifier(TEXT));
        assertEquals(List.of("prompt key 8: test:broken: IllegalStateException: bug on 2 chars"), e.checkerErrors());
        assertEquals(List.of(true, true), e.rows().get(0).verdicts().strict());
        assertEquals(List.of(true, false), e.rows().get(1).verdicts().strict());
        Path out = Files.createDirectory(dir.resolve("out"));
        e.write(out);
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"checker_errors\": [\"prompt key 8: test:broken: IllegalStateException: bug on 2 chars\"]"));
        try (var files = Files.list(out)) {
            assertEquals(List.of("eval_results_loose.jsonl", "eval_results_strict.jsonl", "summary.json"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the three files and no temporaries");
        }
    }

    @Test
    void missingResponsesNameTheKey() throws IOException {
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(write("in.jsonl", PROMPT));
        ResponseFile responses = ResponseFile.read(write("r.jsonl", "{\"prompt\": \"another\", \"response\": \"x\"}"));
        var e = assertThrows(DataFileException.class, () -> Evaluation.run(prompts, responses, new Verifier(TEXT)));
        assertTrue(e.getMessage().contains("no response for prompt key 7"), e.getMessage());
    }

    @Test
    void duplicateAnswersWarnAndTheLastCounts() throws IOException {
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(write("in.jsonl", PROMPT));
        ResponseFile responses = ResponseFile.read(write("r.jsonl",
                "{\"prompt\": \"Say hi. No commas.\", \"response\": \"hi, there\"}",
                "{\"prompt\": \"Say hi. No commas.\", \"response\": \"\\\"hi there\\\"\"}"));
        assertEquals(1, responses.warnings().size());
        assertTrue(responses.warnings().getFirst().contains("already answered on line 1"));
        Evaluation ev = Evaluation.run(prompts, responses, new Verifier(TEXT));
        assertEquals(List.of(true, true), ev.rows().getFirst().verdicts().strict());
    }

    @Test
    void keysTakePrecedenceOverPromptText() throws IOException {
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(write("in.jsonl", PROMPT));
        ResponseFile responses = ResponseFile.read(write("r.jsonl",
                "{\"prompt\": \"Say hi. No commas.\", \"response\": \"by prompt, with comma\"}",
                "{\"key\": 7, \"prompt\": \"edited prompt\", \"response\": \"by key\"}"));
        assertEquals("by key", responses.require(prompts.getFirst()));
    }

    @Test
    void blankResponsesFollowNothing() {
        Verifier v = new Verifier(TEXT);
        var noComma = dev.jack.core.constraint.ConstraintRegistry.create("punctuation:no_comma", java.util.Map.of());
        assertFalse(v.follows(noComma, " \n "));
        assertTrue(v.follows(noComma, "x"));
    }

    @Test
    void looseVariantsDropFirstAndLastLinesAndAsterisks() {
        assertEquals(List.of("**Intro**\nbody\nend".replace("*", ""), "body\nend", "**Intro**\nbody", "body"),
                Verifier.looseVariants("**Intro**\nbody\nend").subList(0, 4));
        var quoted = dev.jack.core.constraint.ConstraintRegistry.create("startend:quotation", java.util.Map.of());
        Verdicts v = new Verifier(TEXT).verify(List.of(quoted), "Sure! Here it is:\n\"quoted answer\"");
        assertEquals(List.of(false), v.strict());
        assertEquals(List.of(true), v.loose());
    }

    @Test
    void outputFilesAreWrittenWhole() throws IOException {
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(write("in.jsonl", PROMPT));
        ResponseFile responses = ResponseFile.read(write("r.jsonl", "{\"prompt\": \"Say hi. No commas.\", \"response\": \"Hi, é\"}"));
        Evaluation ev = Evaluation.run(prompts, responses, new Verifier(TEXT));
        ev.write(dir.resolve("out"));
        assertEquals("{\"follow_all_instructions\": false, \"follow_instruction_list\": [false, false], \"instruction_id_list\": "
                + "[\"punctuation:no_comma\", \"startend:quotation\"], \"prompt\": \"Say hi. No commas.\", \"response\": \"Hi, \\u00e9\"}\n",
                Files.readString(dir.resolve("out/eval_results_strict.jsonl")));
        assertTrue(Files.readString(dir.resolve("out/summary.json")).startsWith("{\"prompt_level_strict\": {\"accuracy\": 0.0, \"correct\": 0, \"total\": 1}"));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(3, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void verifyingWhileWritingGivesTheFilesOfVerifyingThenWriting() throws IOException {
        // Several chunks, whose lines differ in length (later chunks reuse the buffers of earlier, shorter or longer ones).
        List<String> prompts = new java.util.ArrayList<>();
        List<String> responses = new java.util.ArrayList<>();
        for (int k = 0; k < 700; k++) {
            prompts.add(PROMPT.replace("\"key\": 7", "\"key\": " + k));
            String text = (k % 3 == 0 ? "\\\"" : "") + "hi é ".repeat(k % 97) + (k % 5 == 0 ? "," : "") + (k % 3 == 0 ? "\\\"" : "");
            responses.add("{\"key\": " + k + ", \"response\": \"" + text + "\"}");
        }
        List<IfevalPrompt> read = IfevalPrompt.readAll(write("in.jsonl", prompts.toArray(String[]::new)));
        ResponseFile answers = ResponseFile.read(write("r.jsonl", responses.toArray(String[]::new)));
        Evaluation.run(read, answers, new Verifier(TEXT)).write(dir.resolve("apart"));
        Evaluation together = Evaluation.write(read, answers::require, new Verifier(TEXT), dir.resolve("together"));
        assertEquals(700, together.rows().size());
        for (String file : Evaluation.FILES) {
            assertEquals(Files.readString(dir.resolve("apart").resolve(file)), Files.readString(dir.resolve("together").resolve(file)), file);
        }
        assertTrue(Files.readString(dir.resolve("together/eval_results_strict.jsonl")).contains("\"response\": \"\\\"hi \\u00e9 "));
    }

    @Test
    void theTallyOfChunksCountsAsTheRowsDo() throws IOException {
        // Rows over several chunks, some with a checker that throws: the accuracies and the errors, added up chunk by
        // chunk as the rows are checked, are those counted from the rows' verdicts, the errors in prompt order.
        List<String> prompts = new java.util.ArrayList<>();
        List<String> responses = new java.util.ArrayList<>();
        for (int k = 0; k < 700; k++) {
            prompts.add(PROMPT.replace("\"key\": 7", "\"key\": " + k));
            responses.add("{\"key\": " + k + ", \"response\": \"" + (k % 4 == 0 ? "\\\"hi\\\"" : k % 4 == 1 ? "hi, there" : "hi\\n\\\"there\\\"") + "\"}");
        }
        List<IfevalPrompt> read = new java.util.ArrayList<>(IfevalPrompt.readAll(write("in.jsonl", prompts.toArray(String[]::new))));
        for (int k = 5; k < 700; k += 150) {
            IfevalPrompt p = read.get(k);
            read.set(k, new IfevalPrompt(p.key(), p.prompt(), List.of("punctuation:no_comma", "test:broken"),
                    List.of(p.constraints().getFirst(), new dev.jack.core.constraint.Broken(false))));
        }
        ResponseFile answers = ResponseFile.read(write("r.jsonl", responses.toArray(String[]::new)));
        Evaluation e = Evaluation.write(read, answers::require, new Verifier(TEXT), dir.resolve("out"));
        for (boolean loose : List.of(false, true)) {
            int prompt = 0;
            int instructions = 0;
            int followed = 0;
            for (Evaluation.Row r : e.rows()) {
                List<Boolean> v = loose ? r.verdicts().loose() : r.verdicts().strict();
                if (!v.contains(false)) prompt++;
                instructions += v.size();
                followed += (int) v.stream().filter(b -> b).count();
            }
            assertEquals(new Evaluation.Accuracy(prompt, 700), e.promptLevel(loose));
            assertEquals(new Evaluation.Accuracy(followed, instructions), e.instructionLevel(loose));
        }
        List<String> errors = new java.util.ArrayList<>();
        for (int k = 5; k < 700; k += 150) errors.add("prompt key " + k + ": test:broken: IllegalStateException: bug on " + answers.require(read.get(k)).length() + " chars");
        assertEquals(errors, e.checkerErrors());
        assertEquals(Evaluation.of(e.rows()).summary(), e.summary());
        // Per constraint id, counted here from the rows rather than by the tally's own adding.
        Map<String, int[]> byId = new java.util.TreeMap<>();
        for (Evaluation.Row r : e.rows()) {
            for (int i = 0; i < r.prompt().instructionIds().size(); i++) {
                int[] c = byId.computeIfAbsent(r.prompt().instructionIds().get(i), k -> new int[3]);
                c[0]++;
                if (r.verdicts().strict().get(i)) c[1]++;
                if (r.verdicts().loose().get(i)) c[2]++;
            }
        }
        Map<?, ?> perConstraint = (Map<?, ?>) e.summary().get("per_constraint");
        assertEquals(byId.keySet(), perConstraint.keySet());
        byId.forEach((id, c) -> assertEquals(Map.of("total", c[0], "strict", new Evaluation.Accuracy(c[1], c[0]).value(),
                "loose", new Evaluation.Accuracy(c[2], c[0]).value()), perConstraint.get(id), id));
        assertTrue(e.promptLevel(true).correct() > e.promptLevel(false).correct(), "the rows pass and fail in both ways");
    }

    @Test
    void theFirstPromptWithoutAResponseIsNamed() throws IOException {
        // 1,000 prompts, only the first with a response: whichever thread fails first, prompt key 8 is the one named.
        List<String> lines = new java.util.ArrayList<>();
        for (int k = 7; k < 1_007; k++) lines.add(PROMPT.replace("\"key\": 7", "\"key\": " + k).replace("Say hi", "Say hi " + k));
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(write("in.jsonl", lines.toArray(String[]::new)));
        ResponseFile responses = ResponseFile.read(write("r.jsonl", "{\"key\": 7, \"response\": \"x\"}"));
        for (int round = 0; round < 20; round++) {
            var e = assertThrows(DataFileException.class, () -> Evaluation.write(prompts, responses::require, new Verifier(TEXT), dir.resolve("out")));
            assertTrue(e.getMessage().contains("no response for prompt key 8 "), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written");
    }
}
