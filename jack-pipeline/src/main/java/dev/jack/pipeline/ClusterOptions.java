package dev.jack.pipeline;

import dev.jack.core.OptionException;

/**
 * {@code jack run}'s settings for a run on a cluster ({@code --spark MASTER}, or {@code spark-submit}), its config's
 * {@code spark} section: where the datasets go ({@code out_dir}, a path or any Hadoop file system URI such as
 * {@code hdfs://nn/jack/run} or {@code s3a://bucket/run}; null: the run's {@code out_dir}), where the prompts come from
 * when the run does not make them ({@code prompts}, a file or folder of JSONL or Parquet; null: the run's
 * {@code prompts}), how many tasks the row-parallel stages are cut into ({@code partitions}; 0: twice Spark's default
 * parallelism), and the datasets' format ({@code format}).
 */
public record ClusterOptions(String outDir, String prompts, int partitions, Format format) {
    /** How datasets are stored: JSON lines, or Parquet through Spark's own writer. */
    public enum Format { JSONL, PARQUET }

    public static final ClusterOptions DEFAULT = new ClusterOptions(null, null, 0, Format.JSONL);

    public ClusterOptions {
        Check.atLeast("partitions", partitions, 0);
        if (format == null) throw new OptionException("format", "expected jsonl or parquet");
    }
}
