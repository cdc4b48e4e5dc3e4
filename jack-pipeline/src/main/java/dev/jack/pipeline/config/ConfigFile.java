package dev.jack.pipeline.config;

import dev.jack.core.UserException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A YAML or JSON config file (JSON is read as YAML, which it is), parsed with line numbers for every key and value. */
public final class ConfigFile {
    private ConfigFile() {}

    /**
     * The file's top-level section.
     *
     * @throws UserException when the file is missing, unreadable or not YAML (naming the line where parsing stopped)
     */
    public static Section read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserException(file + ": no such config file");
        Node root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(in);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ConfigException(file + (mark == null ? "" : ":" + (mark.getLine() + 1)) + ": not valid YAML or JSON: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(file + ": not valid YAML or JSON: " + e.getMessage());
        } catch (IOException e) {
            throw new UserException(file + ": cannot read it: " + e.getMessage(), e);
        }
        return new Section(file.toString(), "", root);
    }
}
