package dev.jack.pipeline.config;

import dev.jack.pipeline.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.scanner.ScannerImpl;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Config files are scanned in linear time with SnakeYAML's own positions: the same nodes, lines and columns, and errors. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private static final List<String> TEXTS = List.of(
            "out_dir: out/run\nseed: 1\nsample:\n  n: 8   # eight\n  system: |\n    # a heading, not a comment\n    two lines\n",
            "\uFEFFa: 1\r\nb: [x, y]\r\nc: {d: 2}\r\n",
            "a: 1\rb: 2\r\n\u0085c: \"é 日本 \\u00e9\"\n# tail\n",
            "stages: report\nlist:\n  - one\n  - 'two'\n  - >-\n    folded\n    text\n",
            "{\"json\": true, \"nested\": {\"k\": [1, 2.5, null]}}\n",
            "a: b: c\n",
            "a: [1, 2\n",
            "key: \"unterminated\n");

    private static Node whole(String text) {
        LoaderOptions options = new LoaderOptions();
        return new Composer(new ParserImpl(new ScannerImpl(new WholeTextReader(text), options)), new Resolver(), options).getSingleNode();
    }

    private static Node snake(String text) {
        return new Yaml().compose(new StringReader(text));
    }

    /** Each node's tag, value and start and end positions, in document order; or the error and where it is. */
    private static List<String> describe(java.util.function.Function<String, Node> compose, String text) {
        List<String> out = new ArrayList<>();
        try {
            walk(compose.apply(text), out);
        } catch (MarkedYAMLException e) {
            out.add(e.getProblem() + " at " + e.getProblemMark().getLine() + ":" + e.getProblemMark().getColumn() + ":" + e.getProblemMark().getIndex());
        }
        return out;
    }

    private static void walk(Node n, List<String> out) {
        out.add(n.getTag() + " " + (n instanceof ScalarNode s ? s.getValue() : "") + " " + n.getStartMark().getLine() + ":" + n.getStartMark().getColumn()
                + ":" + n.getStartMark().getIndex() + "-" + n.getEndMark().getLine() + ":" + n.getEndMark().getColumn());
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                walk(t.getKeyNode(), out);
                walk(t.getValueNode(), out);
            }
        } else if (n instanceof SequenceNode s) {
            s.getValue().forEach(c -> walk(c, out));
        }
    }

    @Test
    void nodesAndErrorsSitWhereSnakeYamlsOwnReaderPutsThem() {
        for (String text : TEXTS) assertEquals(describe(ConfigFileTest::snake, text), describe(ConfigFileTest::whole, text), text);
    }

    @Test
    void aHugeCommentLineIsReadAndLinesAfterItKeepTheirNumbers() throws IOException {
        // 2.5 million characters: minutes with SnakeYAML's own reader (it copies its window per 1,024 characters read).
        Path config = Files.writeString(dir.resolve("run.yaml"), "# " + "x".repeat(2_500_000) + "\nseed: 1\nsampel: {n: 2}\n");
        var e = assertThrows(ConfigException.class, () -> RunConfig.read(config, null));
        assertTrue(e.getMessage().startsWith(config + ":3: sampel: unknown key"), e.getMessage());
    }
}
