package dev.jack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs jack in process for the CLI tests, keeping what each run printed; and the setup those tests share. */
final class CliHarness {
    private final Map<String, String> env;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    CliHarness(Map<String, String> env) {
        this.env = env;
    }

    /** A harness whose model cache (the tiny model) lives in dir/cache. */
    static CliHarness withCache(Path dir) {
        return new CliHarness(Map.of("JACK_CACHE_DIR", dir.resolve("cache").toString()));
    }

    int jack(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** An empty English Punkt model (a punkt_tab folder): enough where no prompt counts sentences. */
    static Path emptyPunkt(Path dir) throws IOException {
        Path english = Files.createDirectories(dir.resolve("punkt_tab/english"));
        for (String f : new String[] {"abbrev_types.txt", "collocations.tab", "sent_starters.txt", "ortho_context.tab"}) Files.writeString(english.resolve(f), "");
        return english.getParent();
    }
}
