package dev.jack.cli;

import dev.jack.core.constraint.ParameterException;
import dev.jack.core.data.DataFileException;
import dev.jack.core.text.PunktDataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Map;

/** The {@code jack} command. */
@Command(name = "jack", mixinStandardHelpOptions = true, version = "jack 0.1.0",
        description = "Makes and checks preference data for LLM post-training.",
        subcommands = {EvalCommand.class, SynthCommand.class, SampleCommand.class, CurateCommand.Score.class, CurateCommand.Curate.class, AblateCommand.class, ReportCommand.class, RunCommand.class,
                JudgeCommand.class, ServeCommand.class, BenchCommand.class, ConstraintsCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Exit code for problems the user can fix. */
    static final int USER_ERROR = 2;

    private final Map<String, String> env;
    private final DataLocations data;

    Main(Map<String, String> env) {
        this.env = env;
        this.data = new DataLocations(env);
    }

    Map<String, String> env() {
        return env;
    }

    DataLocations data() {
        return data;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cli = new CommandLine(new Main(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (isUserError(e)) {
                commandLine.getErr().println("jack: error: " + e.getMessage());
                return USER_ERROR;
            }
            throw e;
        });
        return cli.execute(args);
    }

    private static boolean isUserError(Exception e) {
        return e instanceof UserException || e instanceof DataFileException || e instanceof PunktDataException
                || e instanceof ParameterException;
    }
}
