package dev.jack.example;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.ifeval.EndChecker;
import dev.jack.core.constraint.ifeval.Postscript;
import dev.jack.core.ifeval.Verdicts;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.synth.BaseTask;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.Hardness;
import dev.jack.core.synth.SynthStats;
import dev.jack.core.synth.SynthesizedPrompt;
import dev.jack.core.synth.Synthesizer;
import dev.jack.core.synth.WitnessChecks;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A constraint defined outside Jack's packages ({@link LastWord}, registered by this test tree's
 * META-INF/services file) is checked, verified and synthesized like IFEval's own.
 */
class OwnConstraintTest {
    private static final TextTools TEXT = WitnessChecks.TEXT;

    @Test
    void theRegistryFindsItThroughServiceLoader() {
        assertTrue(ConstraintRegistry.isKnown(LastWord.ID));
        assertEquals("example", ConstraintRegistry.source(LastWord.ID));
        assertEquals(List.of(LastWord.ID), ConstraintRegistry.ids("example"));
        assertEquals(new LastWord("river"), ConstraintRegistry.create(LastWord.ID, Map.of("word", " river ")));
        var e = assertThrows(ParameterException.class, () -> ConstraintRegistry.create(LastWord.ID, Map.of("word", "two words")));
        assertEquals("word", e.field());
    }

    @Test
    void theVerifierGivesItsStrictAndLooseVerdicts() {
        Verifier verifier = new Verifier(TEXT);
        List<Constraint> constraints = List.of(ConstraintRegistry.create(LastWord.ID, Map.of("word", "river")),
                ConstraintRegistry.create(EndChecker.ID, Map.of("end_phrase", "by the river.")));
        assertEquals(new Verdicts(List.of(true, true), List.of(true, true)), verifier.verify(constraints, "We met by the RIVER."));
        assertEquals(new Verdicts(List.of(false, false), List.of(true, true)),
                verifier.verify(constraints, "We met by the river.\nP.S. Bring boots."), "loose: the last line removed");
        assertEquals(new Verdicts(List.of(false, false), List.of(false, false)), verifier.verify(constraints, "We met by the rivers."));
    }

    @Test
    void promptsWithItAreSynthesizedAndEveryWitnessPasses(@TempDir Path dir) throws IOException {
        List<String> ids = Stream.concat(Synthesizer.synthesized("ifeval").stream(), Stream.of(LastWord.ID)).toList();
        Synthesizer.Options options = new Synthesizer.Options(5, 1, 6, Difficulty.MIXED, Hardness.defaults(), Set.of(), ids);
        SynthStats stats = new SynthStats();
        List<SynthesizedPrompt> prompts = new ArrayList<>();
        new Synthesizer(BaseTask.builtIn(), options, TEXT, stats).run(3000, 1, prompts::add);

        List<SynthesizedPrompt> withIt = prompts.stream().filter(p -> p.instructionIds().contains(LastWord.ID)).toList();
        assertTrue(withIt.size() > 300, "prompts with it: " + withIt.size());
        assertEquals(null, ((Map<?, ?>) stats.toJson().get("dropped_by_failing_constraint")).get(LastWord.ID),
                "its sketch's witness never fails it");
        assertTrue(withIt.stream().anyMatch(p -> p.instructionIds().contains(Postscript.ID)), "it comes after a postscript");
        assertTrue(withIt.stream().noneMatch(p -> p.instructionIds().contains(EndChecker.ID)), "its declared conflict holds");
        assertEquals(1.0, stats.pairCoverage(), 0.0, "pairs with it are counted as allowed pairs");

        WitnessChecks.assertWitnessesPassAfterARoundTrip(prompts, dir);
        Verifier verifier = new Verifier(TEXT);
        for (SynthesizedPrompt p : withIt) {
            String word = (String) p.constraints().get(p.instructionIds().indexOf(LastWord.ID)).kwargs().get("word");
            assertTrue(p.prompt().contains(word), "a phrasing names the word: " + p.prompt());
            String otherEnding = p.witness().substring(0, p.witness().toLowerCase().lastIndexOf(word)) + "end.";
            assertFalse(verifier.follows(new LastWord(word), otherEnding), otherEnding);
        }
    }
}
