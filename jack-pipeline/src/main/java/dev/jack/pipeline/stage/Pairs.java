package dev.jack.pipeline.stage;

import dev.jack.core.data.AtomicFiles;
import dev.jack.core.data.CurationStats;
import dev.jack.core.data.FileSet;
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

    /**
     * Writes the pairs in the format, as Parquet too when asked, and their stats ({@code OUT.stats.json}, unless null),
     * as one set ({@link FileSet}): a run killed while writing leaves the old files or the new ones, never a mix.
     */
    public static void write(Path out, List<PreferencePair> pairs, PairFormat format, boolean parquet, CurationStats stats) {
        try (FileSet set = new FileSet()) {
            stage(set, out, pairs, format, parquet, stats);
            set.commit();
        }
    }

    /** As {@link #write}, into a set the caller commits with its other files. */
    public static void stage(FileSet set, Path out, List<PreferencePair> pairs, PairFormat format, boolean parquet, CurationStats stats) {
        List<Map<String, Object>> rows = pairs.stream().map(p -> p.toJson(format)).toList();
        AtomicFiles.writeJsonl(set.stage(out), rows);
        if (parquet) ParquetWriter.write(set.stage(Inputs.replaceJsonl(out, ".parquet")), rows);
        if (stats != null) stats.writeTo(set.stage(CurationStats.pathFor(out)));
    }
}
