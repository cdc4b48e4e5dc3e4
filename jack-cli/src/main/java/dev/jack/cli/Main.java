package dev.jack.cli;

import dev.jack.core.Choices;
import dev.jack.core.UserException;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.curate.MinimalEdits;
import dev.jack.core.curate.RejectionSampling;
import dev.jack.core.curate.Reward;
import dev.jack.core.data.DataLocations;
import dev.jack.core.data.PairFormat;
import dev.jack.core.synth.Difficulty;
import dev.jack.core.synth.DifficultyThresholds;
import dev.jack.core.text.Thinking;
import dev.jack.judge.AccuracyJudge;
import dev.jack.judge.LlamaGuard;
import dev.jack.judge.RewardBench;
import dev.jack.judge.CritiqueSet;
import dev.jack.llm.OpenAiBackend;
import dev.jack.pipeline.IntRange;
import dev.jack.pipeline.JackVersion;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;
import dev.jack.pipeline.StageGuard;
import dev.jack.pipeline.stage.AblateStage;
import dev.jack.pipeline.stage.MctsStage;
import dev.jack.pipeline.stage.ScoreStage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code jack} command. Each subcommand is a thin adapter: it parses its flags into a stage's options record
 * (dev.jack.pipeline.stage), runs the stage, and maps the outcome to an exit code (0 done, 2 a problem the user can
 * fix, reported as one line without a stack trace, 3 done in part: rerun to retry).
 */
@Command(name = "jack", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Makes and checks preference data for LLM post-training.")
public final class Main {
    /** The subcommands, in the order {@code jack --help} lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(EvalCommand.class, SynthCommand.class, SampleCommand.class, ScoreCommand.class,
            CurateCommand.class, AblateCommand.class, ReportCommand.class, RunCommand.class, JudgeCommand.class, ServeCommand.class,
            BenchCommand.class, ConstraintsCommand.class, CommandLine.HelpCommand.class);

    /** Exit code for problems the user can fix. */
    static final int USER_ERROR = 2;
    /** Exit code for a run that finished only in part (rerun to retry what failed). */
    static final int INCOMPLETE = 3;

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

    /** What stages run with: this process's environment and the command's output streams. */
    StageContext context(CommandSpec spec) {
        return new StageContext(env, spec.commandLine().getOut(), spec.commandLine().getErr(), System.console() != null);
    }

    /** Runs a stage (its paths checked and its outputs locked first: {@link StageGuard}); the exit code. */
    int run(CommandSpec spec, Stage stage) {
        return exitCode(StageGuard.run(stage, context(spec)));
    }

    static int exitCode(Stage.Status status) {
        return status == Stage.Status.DONE ? 0 : INCOMPLETE;
    }

    /** Jack's version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jack " + JackVersion.get()};
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cli = new CommandLine(new Main(env));
        // Added before the converters and handlers below, which picocli hands to the subcommands present.
        for (Class<?> command : subcommandsFor(args)) cli.addSubcommand(command);
        for (Class<? extends Enum<?>> type : List.<Class<? extends Enum<?>>>of(PairFormat.class, RejectionSampling.Contrast.class, Reward.class,
                Difficulty.class, OpenAiBackend.Endpoint.class, MctsStage.Preset.class, MctsStage.Prior.class, CritiqueSet.Refine.class,
                AccuracyJudge.Mode.class, RewardBench.Version.class, LlamaGuard.PromptFormat.class, Thinking.class, MinimalEdits.Mode.class,
                AblateStage.PrefixControl.class, AblateStage.DifficultyBy.class, ScoreStage.Verification.class, Benchmark.class)) {
            registerChoice(cli, type);
        }
        cli.registerConverter(IntRange.class, parsing(IntRange::parse));
        cli.registerConverter(DifficultyThresholds.class, parsing(DifficultyThresholds::parse));
        cli.registerConverter(Path.class, parsing(Main::path));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Main::badArguments);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserException || e instanceof ParameterException) {
                commandLine.getErr().println("jack: error: " + e.getMessage());
                return USER_ERROR;
            }
            // A file that cannot be read or written (no permission, a full disk): the user's to fix, not a bug.
            if (e instanceof UncheckedIOException io) {
                commandLine.getErr().println("jack: error: " + io.getMessage());
                return USER_ERROR;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /**
     * The subcommand that the first argument names, alone; all of them otherwise (help, Jack's own options such as
     * {@code -h}, a typo that picocli answers with the names near it). picocli reads every option of every command it
     * is given, a tenth of a second of each start that one command does not need.
     */
    private static List<Class<?>> subcommandsFor(String[] args) {
        if (args.length == 0 || args[0].equals("help")) return SUBCOMMANDS;
        for (Class<?> command : SUBCOMMANDS) if (command.getAnnotation(Command.class).name().equals(args[0])) return List.of(command);
        return SUBCOMMANDS;
    }

    /**
     * A path flag's value: an empty one is refused (it meant the current folder, so {@code --output-dir=} wrote there
     * and {@code --out ''} was reported as ": is a folder").
     *
     * @throws IllegalArgumentException for an empty value or one the file system cannot name (InvalidPathException)
     */
    private static Path path(String text) {
        if (text.isEmpty()) throw new IllegalArgumentException("an empty path");
        return Path.of(text);
    }

    /** A converter from a parser whose IllegalArgumentException says what is expected. */
    private static <T> CommandLine.ITypeConverter<T> parsing(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerChoice(CommandLine cli, Class<? extends Enum<?>> type) {
        cli.registerConverter((Class) type, text -> {
            try {
                return Choices.parse((Class) type, text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
    }

    /** A misspelled or missing flag, or a value of the wrong type: one line naming it, and where to look. */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        // A misspelled flag also leaves the flag it meant missing: the misspelling is the mistake to name.
        if (!(e instanceof CommandLine.UnmatchedArgumentException) && !command.getUnmatchedArguments().isEmpty()) {
            e = new CommandLine.UnmatchedArgumentException(command, command.getUnmatchedArguments());
        }
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        e.getCommandLine().getErr().println("jack: error: " + message + " (see: " + command.getCommandSpec().qualifiedName() + " --help)");
        return USER_ERROR;
    }
}
