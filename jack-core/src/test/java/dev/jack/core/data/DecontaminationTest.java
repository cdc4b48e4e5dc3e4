package dev.jack.core.data;

import dev.jack.core.SharedData;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.synth.BaseTask;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.Hardness;
import dev.jack.core.synth.SynthStats;
import dev.jack.core.synth.SynthesizedPrompt;
import dev.jack.core.synth.Synthesizer;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Word n-gram overlap: a share of an evaluation prompt's n-grams for full prompts, any n-gram for base tasks. */
class DecontaminationTest {
    /** 20 words: eight 13-grams. */
    static final String EVAL = "Write a detailed travel guide for a family visiting the old harbor town of Lisbon during the rainy winter";

    @Test
    void aPromptOverlapsWhenItHoldsHalfOfAnEvaluationPromptsNgrams() {
        Decontamination d = Decontamination.of(List.of(EVAL, "Unrelated."), 13, 0.5);
        List<String> words = List.of(EVAL.split(" "));
        // The first 15 words hold 3 of the 8 13-grams; 17 words hold 5 of them.
        assertFalse(d.promptOverlaps(String.join(" ", words.subList(0, 15)) + " and then some other words about dogs and cats."));
        assertTrue(d.promptOverlaps("Please: " + String.join(" ", words.subList(0, 17)).toUpperCase() + "! Answer in 100 words."),
                "case and punctuation do not matter");
        assertTrue(d.promptOverlaps(EVAL));
        assertFalse(d.promptOverlaps("Write a detailed travel guide for a family."));
        assertTrue(Decontamination.of(List.of(EVAL), 13, 0.3).promptOverlaps(String.join(" ", words.subList(0, 15))), "3/8 reaches 0.3");
    }

    @Test
    void aBaseTaskOverlapsWithAnyNgramAndAShortOneWhenItAppearsWhole() {
        Decontamination d = Decontamination.of(List.of(EVAL), 13, 0.5);
        assertTrue(d.taskOverlaps("In short: " + String.join(" ", List.of(EVAL.split(" ")).subList(2, 15)) + "."), "one shared 13-gram");
        assertFalse(d.taskOverlaps("Write a detailed travel guide for a family visiting the new harbor town of Porto."));
        assertTrue(d.taskOverlaps("A family visiting the old harbor town."), "shorter than 13 words, contained whole");
        assertFalse(d.taskOverlaps("A family visiting the harbor town."));
        assertTrue(Decontamination.of(List.of("Say hello."), 13, 0.5).promptOverlaps("Please say hello. Then stop."),
                "an evaluation prompt shorter than n is one n-gram of its own length");
    }

    @Test
    void ifevalsConstraintWordingAloneIsNotAnOverlapButIfevalsPromptsAre() {
        List<IfevalPrompt> ifeval = IfevalPrompt.readAll(SharedData.require("ifeval/input_data.jsonl"));
        Decontamination d = Decontamination.of(ifeval.stream().map(IfevalPrompt::prompt).toList(), Decontamination.DEFAULT_NGRAM,
                Decontamination.DEFAULT_SHARE);
        for (IfevalPrompt p : ifeval) assertTrue(d.promptOverlaps(p.prompt()), "an evaluation prompt overlaps itself: " + p.key());
        // Jack's wordings copy IFEval's constraint descriptions; a prompt that shares only those is not contaminated.
        List<SynthesizedPrompt> jack = new ArrayList<>();
        new Synthesizer(BaseTask.builtIn(), new Synthesizer.Options(5, 1, 6, Difficulty.MIXED, Hardness.defaults(), Set.of()),
                new TextTools(PunktParameters::english), new SynthStats()).run(2000, 1, jack::add);
        long overlapping = jack.stream().filter(p -> d.promptOverlaps(p.prompt())).count();
        long tasks = BaseTask.builtIn().stream().filter(t -> d.taskOverlaps(t.text())).count();
        assertEquals(0, overlapping, "Jack's prompts overlapping IFEval's");
        assertEquals(0, tasks, "Jack's base tasks overlapping IFEval's");
    }

    /** A text file of prompts: one per non-blank line (\n, \r\n, \r), and bytes that are not UTF-8 named by line. */
    @Test
    void aTextFileGivesItsNonBlankLinesAndNamesTheLineThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("eval.txt"), "\uFEFFFirst prompt.\r\n\r\n  \nSecond prompt.\rThird prompt.\n");
        assertEquals(List.of("First prompt.", "Second prompt.", "Third prompt."), Decontamination.readPrompts(text));
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[] {'o', 'k', '\n', 'b', (byte) 0xFF, '\n'});
        DataFileException e = assertThrows(DataFileException.class, () -> Decontamination.readPrompts(bad));
        assertTrue(e.getMessage().startsWith(bad + ":2: not valid UTF-8"), e.getMessage());
        assertTrue(assertThrows(DataFileException.class, () -> Decontamination.readPrompts(dir)).getMessage().endsWith("is a folder; expected a file"));
    }
}
