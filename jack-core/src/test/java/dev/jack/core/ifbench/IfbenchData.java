package dev.jack.core.ifbench;

import dev.jack.core.SharedData;
import dev.jack.core.text.PunktParameters;
import org.junit.jupiter.api.Assertions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The IFBench/IFEvalG reference data in {@code ../shared/ifbench}. Where it is absent the calling test
 * is skipped, saying why, unless {@code JACK_REQUIRE_SHARED=1} (CI), where it fails instead.
 */
public final class IfbenchData {
    private IfbenchData() {}

    /** The path under shared/ifbench, or skips (fails under JACK_REQUIRE_SHARED=1) when it is absent. */
    public static Path require(String relative) {
        Path p = SharedData.root().resolve("ifbench").resolve(relative);
        if (!Files.exists(p) && "1".equals(System.getenv("JACK_REQUIRE_SHARED"))) {
            Assertions.fail("reference data " + p + " is absent and JACK_REQUIRE_SHARED=1");
        }
        return SharedData.require("ifbench/" + relative);
    }

    /** Analyses over the English Punkt model from shared/ifeval. */
    public static Analyses analyses() {
        Path punkt = SharedData.root().resolve("ifeval/punkt_tab/english");
        if (!Files.exists(punkt) && "1".equals(System.getenv("JACK_REQUIRE_SHARED"))) {
            Assertions.fail("reference data " + punkt + " is absent and JACK_REQUIRE_SHARED=1");
        }
        PunktParameters parameters = PunktParameters.load(SharedData.punktEnglish());
        return new Analyses(() -> parameters);
    }
}
