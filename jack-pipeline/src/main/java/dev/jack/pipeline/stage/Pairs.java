package dev.jack.pipeline.stage;

import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.PairFormat;
import dev.jack.core.data.ParquetWriter;
import dev.jack.core.data.PreferencePair;
import dev.jack.pipeline.Inputs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Pairs files, written as JSONL and, when asked, as Parquet beside it ({@code .jsonl} becomes {@code .parquet}). */
public final class Pairs {
    private Pairs() {}

    /** Writes the pairs in the format, whole or not at all. */
    public static void write(Path out, List<PreferencePair> pairs, PairFormat format, boolean parquet) {
        List<Map<String, Object>> rows = pairs.stream().map(p -> p.toJson(format)).toList();
        AtomicFiles.writeJsonl(out, rows);
        if (parquet) ParquetWriter.write(Inputs.replaceJsonl(out, ".parquet"), rows);
    }
}
