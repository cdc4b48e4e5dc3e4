package dev.jack.pipeline.config;

import dev.jack.core.UserException;
import dev.jack.core.data.TextFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.scanner.ScannerImpl;

import java.nio.file.Files;
import java.nio.file.Path;

/** A YAML or JSON config file (JSON is read as YAML, which it is), parsed with line numbers for every key and value. */
public final class ConfigFile {
    private ConfigFile() {}

    /**
     * The file's top-level section.
     *
     * @throws UserException when the file is missing, unreadable, not UTF-8 or not YAML (naming the line where parsing
     *     stopped)
     */
    public static Section read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserException(file + (Files.isDirectory(file) ? ": is a folder; expected a config file" : ": no such config file"));
        String text = TextFiles.read(file);
        checkPrintable(file, text);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            root = new Composer(new ParserImpl(new ScannerImpl(new WholeTextReader(text), options)), new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ConfigException(file + (mark == null ? "" : ":" + (mark.getLine() + 1)) + ": not valid YAML or JSON: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(file + ": not valid YAML or JSON: " + e.getMessage());
        }
        // An empty file (only comments, or {}) would run every stage with the defaults into out/run: more likely a mistake.
        if (root == null || root instanceof MappingNode m && m.getValue().isEmpty()) throw new ConfigException(file + ": the config is empty; give at least one key, e.g. stages or out_dir (see the README's \"The whole run\")");
        return new Section(file.toString(), "", root);
    }

    /** YAML allows only printable characters (tab, line breaks and the printable Unicode ranges), as SnakeYAML's reader checks. */
    private static void checkPrintable(Path file, String text) {
        int line = 1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '\n') line++;
            else if (!StreamReader.isPrintable(c)) {
                throw new ConfigException(file + ":" + line + ": not valid YAML or JSON: the character U+" + String.format("%04X", c) + " is not allowed");
            }
            i += Character.charCount(c);
        }
    }
}
