package dev.jack.cli;

import dev.jack.core.UserException;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Parameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;

/** {@code jack constraints}: lists the catalog, each id with its parameters and an example wording. */
@Command(name = "constraints", mixinStandardHelpOptions = true,
        description = {"Lists the constraint ids Jack can check: each with its source, its parameters (kwargs) and an example",
                "of the reference's wording. Constraints from your own jar on the class path are listed too."})
final class ConstraintsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "SOURCE", description = "Only constraints from this source: ifeval, ifbench, ifevalg, or one of your own.")
    String source;

    @Option(names = "--ids-only", description = "Print only the ids, one per line.")
    boolean idsOnly;

    @Override
    public void run() {
        List<String> ids;
        if (source == null) {
            ids = ConstraintRegistry.ids();
        } else if (ConstraintRegistry.sources().contains(source)) {
            ids = ConstraintRegistry.ids(source);
        } else {
            throw new UserException("--source: no constraints from \"" + source + "\"; sources: " + String.join(", ", ConstraintRegistry.sources()));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String id : ids) {
            if (idsOnly) {
                out.println(id);
                continue;
            }
            ConstraintType<?> type = ConstraintRegistry.type(id);
            out.println(id + "  (" + ConstraintRegistry.source(id) + (type.isSynthesized() ? "" : "; not synthesized") + ")");
            if (type.parameters().isEmpty()) out.println("    no parameters");
            for (Parameter p : type.parameters()) out.println("    " + p.name() + ": " + p.accepts());
            out.println("    e.g. " + type.example().description().replace("\n", "\\n"));
        }
    }
}
