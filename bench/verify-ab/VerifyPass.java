import dev.jack.core.constraint.Constraint;
import dev.jack.core.ifbench.IfbenchEvaluation;
import dev.jack.core.ifeval.IfevalPrompt;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One build's strict+loose verification of an IFBench response set, as {@code jack bench verify --benchmark ifbench}
 * runs it; compiled against a build's jars and loaded once per build by {@link VerifyAb}.
 */
public final class VerifyPass {
    private static List<String> texts;
    private static List<List<Constraint>> constraints;
    private static Verifier verifier;

    /** Reads the prompts and one response set; returns the number of rows. */
    public static int setup(String ifbenchDir, String set) {
        Path dir = Path.of(ifbenchDir);
        List<IfevalPrompt> prompts = IfevalPrompt.readAll(dir.resolve("IFBench_test.jsonl"));
        Map<String, String> answers = IfbenchEvaluation.readResponses(dir.resolve("responses/" + set + ".jsonl"));
        texts = prompts.stream().map(p -> IfbenchEvaluation.responseFor(p, answers)).toList();
        constraints = prompts.stream().map(IfevalPrompt::constraints).toList();
        verifier = new Verifier(new TextTools(PunktParameters::english));
        return texts.size();
    }

    /** One pass over the rows; how many follow all their constraints loosely. */
    public static int pass() {
        int followed = 0;
        for (int i = 0; i < texts.size(); i++) if (verifier.verify(constraints.get(i), texts.get(i)).allLoose()) followed++;
        return followed;
    }
}
