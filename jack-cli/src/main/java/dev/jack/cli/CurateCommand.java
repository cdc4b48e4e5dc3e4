package dev.jack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jack curate}: the preference-pair makers, {@code rs}, {@code edit} and {@code mcts}. */
@Command(name = "curate", mixinStandardHelpOptions = true, description = "Builds preference pairs for DPO.",
        subcommands = {RsCommand.class, EditCommand.class, MctsCommand.class})
final class CurateCommand {
    @ParentCommand
    Main main;
}
