package dev.jack.spark;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Hadoop output format for lines tagged with the file they belong to: a task writes line {@code (tag, text)} to
 * {@code TAG-NNNNN.jsonl} (NNNNN: its partition), so that one task's rows and its failures ({@code part-00003.jsonl},
 * {@code failed-00003.jsonl}) are committed together or not at all. Files are written in the output committer's work
 * folder of the task attempt: Spark's commit protocol with Hadoop's {@code FileOutputCommitter} moves exactly one
 * attempt's files per partition into the output folder (a failed, retried or speculative duplicate attempt leaves
 * nothing), and the folder gets {@code _SUCCESS} once the whole job committed. A tag that gets no line makes no file.
 */
public final class TaggedOutput extends FileOutputFormat<String, String> {
    /** The tag of a dataset's rows. */
    public static final String ROWS = "part";
    /** The tag of rows that failed for good (a sample whose attempts ran out). */
    public static final String FAILED = "failed";

    /** The file a tag's lines of partition {@code partition} go to. */
    public static String fileName(String tag, int partition) {
        return String.format("%s-%05d.jsonl", tag, partition);
    }

    @Override
    public RecordWriter<String, String> getRecordWriter(TaskAttemptContext context) throws IOException {
        Path work = getDefaultWorkFile(context, "").getParent();
        int partition = context.getTaskAttemptID().getTaskID().getId();
        FileSystem fs = work.getFileSystem(context.getConfiguration());
        return new RecordWriter<>() {
            private final Map<String, FSDataOutputStream> files = new LinkedHashMap<>();

            @Override
            public void write(String tag, String line) throws IOException {
                FSDataOutputStream out = files.get(tag);
                if (out == null) files.put(tag, out = fs.create(new Path(work, fileName(tag, partition)), false));
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }

            @Override
            public void close(TaskAttemptContext ignored) throws IOException {
                IOException first = null;
                for (FSDataOutputStream out : files.values()) {
                    try {
                        out.close();
                    } catch (IOException e) {
                        if (first == null) first = e;
                    }
                }
                if (first != null) throw first;
            }
        };
    }
}
