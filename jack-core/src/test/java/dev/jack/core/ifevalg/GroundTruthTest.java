package dev.jack.core.ifevalg;

import dev.jack.core.constraint.CheckerCases;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** open-instruct's ground_truth labels and IFEvalVerifier's answer extraction and reward. */
class GroundTruthTest {
    @Test
    void readsPythonLiteralLabels() {
        List<GroundTruth.Entry> entries = GroundTruth.parse(
                "[{'instruction_id': ['copy:repeat_phrase', 'keywords:palindrome'], 'kwargs': [{'phrase': \"Don't judge\\n\", 'small_n': 2}, None]}]");
        assertEquals(List.of(new GroundTruth.Entry("copy:repeat_phrase", Map.of("phrase", "Don't judge\n", "small_n", 2L)),
                new GroundTruth.Entry("keywords:palindrome", Map.of())), entries);
    }

    @Test
    void readsStringsNumbersAndJsonInside() {
        assertEquals(List.of(new GroundTruth.Entry("x:y", Map.of("a", "ab c\u00e9\u20ac", "b", -1.5, "c", true, "d", 255L))),
                GroundTruth.parse("[{'instruction_id': ('x:y',), 'kwargs': [{'a': 'ab' r\" c\" '\\xe9\\u20ac', 'b': -1.5, 'c': True, 'd': 0xff,},]}]"));
        assertEquals(List.of(new GroundTruth.Entry("x:y", Map.of("n", 3L))),
                GroundTruth.parse("['{\"instruction_id\": [\"x:y\"], \"kwargs\": [{\"n\": 3}]}']"));
    }

    @Test
    void malformedLabelsSayWhy() {
        assertTrue(assertThrows(GroundTruth.LabelException.class, () -> GroundTruth.parse("[{'instruction_id': ['a:b'], 'kwargs': []}]"))
                .getMessage().contains("'kwargs' has 0 entries"));
        assertTrue(assertThrows(GroundTruth.LabelException.class, () -> GroundTruth.parse("[{'instruction_id': ['a:b']"))
                .getMessage().contains("Python literal"));
        assertThrows(GroundTruth.LabelException.class, () -> GroundTruth.parse("{'instruction_id': []}"));
    }

    @Test
    void answerIsThePredictionWithoutWrappers() {
        assertEquals("Final text", IfevalgVerifier.answer("<|assistant|>\n<think>a</think>b</think>\n<answer> Final text </answer>\n"));
        assertEquals("", IfevalgVerifier.answer("<think>only thinking</think>  "));
        assertEquals("plain", IfevalgVerifier.answer("  plain "));
    }

    @Test
    void scoreIsTheShareFollowedAndZeroForAnEmptyAnswer() {
        TextTools text = CheckerCases.TEXT;
        List<Constraint> checkers = GroundTruth.constraints(row(
                "[{'instruction_id': ['punctuation:punctuation_dot', 'keywords:palindrome', 'punctuation:punctuation_exclamation'], 'kwargs': [None, None, None]}]"),
                "ground_truth");
        IfevalgVerifier.Result r = IfevalgVerifier.verify(checkers, "<think>Hmm.</think>Wow! a dog", text);
        assertEquals(List.of(true, true, false), r.verdicts());
        assertEquals(2.0 / 3, r.score());
        assertEquals(new IfevalgVerifier.Result(0.0, List.of(false, false, false)), IfevalgVerifier.verify(checkers, "<think>x</think>", text));
        assertEquals(0.0, IfevalgVerifier.verify(List.of(), "anything", text).score());
    }

    @Test
    void labelErrorsNameTheFileLineAndField() {
        DataFileException e = assertThrows(DataFileException.class, () -> GroundTruth.constraints(row(
                "[{'instruction_id': ['punctuation:no_comma', 'copy:repeat_phrase'], 'kwargs': [None, {'phrase': 'a b c', 'small_n': 0}]}]"), "ground_truth"));
        assertTrue(e.getMessage().startsWith("labels.jsonl:7: ground_truth[0].kwargs[1].small_n: must be at least 1"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> GroundTruth.constraints(row("[{'instruction_id': ['nope:nope'], 'kwargs': [None]}]"), "ground_truth"));
        assertTrue(e.getMessage().startsWith("labels.jsonl:7: ground_truth[0].instruction_id[0]: unknown constraint id"), e.getMessage());
        e = assertThrows(DataFileException.class, () -> GroundTruth.constraints(row("[{'instruction_id': ['a:b']"), "ground_truth"));
        assertTrue(e.getMessage().startsWith("labels.jsonl:7: ground_truth: is not a Python literal"), e.getMessage());
    }

    /** Nesting past Python's 200 brackets is a label error, however deep (20,000 levels once overflowed the stack). */
    @Test
    void labelsNestedPastPythonsLimitAreRefusedWithoutOverflowingTheStack() {
        for (String label : List.of("[".repeat(201) + "]".repeat(201), "[".repeat(20_000) + "]".repeat(20_000), "{1: ".repeat(300) + "1" + "}".repeat(300),
                "(".repeat(100) + "[".repeat(101) + "]".repeat(101) + ")".repeat(100))) {
            DataFileException e = assertThrows(DataFileException.class, () -> GroundTruth.constraints(row(label), "ground_truth"));
            assertTrue(e.getMessage().startsWith("labels.jsonl:7: ground_truth: is not a Python literal: nested more than 200 deep"), e.getMessage());
        }
        // 20,000 signs are read in a loop (and the label is then wrong for what it holds, not for its depth).
        DataFileException signs = assertThrows(DataFileException.class, () -> GroundTruth.constraints(row("-+".repeat(10_000) + "1"), "ground_truth"));
        assertFalse(signs.getMessage().contains("nested"), signs.getMessage());
        // 200 brackets are Python's and read; such a label is then wrong for what it holds, not for its depth.
        DataFileException e = assertThrows(DataFileException.class, () -> GroundTruth.constraints(row("[".repeat(200) + "]".repeat(200)), "ground_truth"));
        assertFalse(e.getMessage().contains("nested"), e.getMessage());
    }

    private static JsonlReader.Row row(String label) {
        return new JsonlReader.Row(Path.of("labels.jsonl"), 7, Map.of("ground_truth", label));
    }
}
