package dev.jack.core.synth;

import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What synthesis tests check of any synthesized prompts, and the text tools they synthesize with. */
public final class WitnessChecks {
    private WitnessChecks() {}

    /** A Punkt model with no abbreviations: synthesis and checking use the same one, so witnesses hold. */
    public static final TextTools TEXT = new TextTools(() -> new PunktParameters(Set.of(), Set.of(), Set.of(), Map.of()));

    /**
     * Writes the prompts in IFEval's format, reads them back, and checks that the constraints survive and
     * that each witness passes every constraint of its prompt, strictly.
     */
    public static void assertWitnessesPassAfterARoundTrip(List<SynthesizedPrompt> prompts, Path dir) throws IOException {
        Path file = dir.resolve("prompts.jsonl");
        Files.write(file, prompts.stream().map(SynthesizedPrompt::toJsonLine).toList());
        List<IfevalPrompt> parsed = IfevalPrompt.readAll(file);
        Verifier verifier = new Verifier(TEXT);
        for (int i = 0; i < prompts.size(); i++) {
            SynthesizedPrompt p = prompts.get(i);
            assertEquals(p.constraints(), parsed.get(i).constraints(), "kwargs survive the file format");
            assertEquals(List.of(), verifier.verify(parsed.get(i).constraints(), p.witness()).strict().stream().filter(b -> !b).toList(),
                    p.instructionIds() + " on its witness:\n" + p.witness());
        }
    }
}
