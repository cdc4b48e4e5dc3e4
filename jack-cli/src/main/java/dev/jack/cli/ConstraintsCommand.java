package dev.jack.cli;

import dev.jack.core.constraint.ConstraintRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jack constraints}: lists the catalog. */
@Command(name = "constraints", mixinStandardHelpOptions = true, description = "Lists the constraint ids Jack can check.")
final class ConstraintsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ConstraintRegistry.ids().forEach(spec.commandLine().getOut()::println);
    }
}
