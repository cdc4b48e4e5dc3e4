package dev.jack.judge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Judge prompts: editable text resources with {placeholders}; a file of the same name in a given folder overrides one. */
public final class Templates {
    /** The names of Jack's judge prompts, each a file name an overrides folder may hold. */
    public static final List<String> NAMES = List.of("crosseval-system.txt", "crosseval.txt", "merge.txt", "pairwise.txt",
            "pointwise.txt", "rank.txt");

    private final Path overrides;

    public Templates(Path overrides) {
        this.overrides = overrides;
    }

    /**
     * The files of {@code overrides} that would replace one of {@link #NAMES}, whether they exist yet or not (what a
     * judge's output depends on besides its inputs); none when no folder is given.
     */
    public static List<Path> overrideFiles(Path overrides) {
        return overrides == null ? List.of() : NAMES.stream().map(overrides::resolve).toList();
    }

    public String load(String name) {
        try {
            if (overrides != null && Files.isRegularFile(overrides.resolve(name))) return Files.readString(overrides.resolve(name));
            try (InputStream in = Templates.class.getResourceAsStream(name)) {
                if (in == null) throw new IllegalArgumentException("no judge prompt named " + name);
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills {name} placeholders in one pass, so values containing braces are left alone. */
    public static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) break;
            String name = template.substring(open + 1, close);
            out.append(template, i, open);
            out.append(values.containsKey(name) ? values.get(name) : template.substring(open, close + 1));
            i = close + 1;
        }
        return out.append(template.substring(i)).toString();
    }
}
