package dev.jack.spark;

import dev.jack.core.json.Json;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A rerun of a stage that left failed rows (sample's samples, curate mcts's prompts): only those rows are made again,
 * into {@code DATASET.retry/} (committed as any dataset), whose files then move into {@code DATASET/} as round K
 * ({@code part-NNNNN-rK.jsonl}, {@code failed-NNNNN-rK.jsonl}, ...), the earlier rounds' failure files removed. The
 * merge can be interrupted anywhere and finishes on the next run: a moved file is gone from the retry folder, the round
 * is recorded there before the first move, and the rows that succeeded are moved in before the failures that listed
 * them are removed, so no row is lost or doubled. A failure line names its row by {@code key} and, for a sample,
 * {@code sample_index}.
 */
final class Retry {
    private Retry() {}

    /** What makes the rows again: a job over the rows whose ids ({@link #id}) are in the set. */
    interface Job {
        JavaRDD<Tuple2<String, String>> of(Broadcast<Set<String>> only);
    }

    /** A row's id in a failure line or a job: "key/sample_index" (0 for rows without one). */
    static String id(Object key, Object index) {
        return key + "/" + (index == null ? 0 : index);
    }

    /**
     * Makes the failed rows again (unless a committed retry is waiting to be merged) and merges them in.
     *
     * @param counts the job's counts; rows of a retry that was waiting are added
     * @return how many rows the dataset had before
     */
    static long retry(SparkPipeline run, Datasets data, String dataset, Job job, RowJobs.Counts counts) {
        String retry = dataset + ".retry";
        long before = run.sc().textFile(dataset + "/" + TaggedOutput.ROWS + "-*").count();
        if (!data.exists(retry + "/_SUCCESS")) {
            data.delete(retry);
            Set<String> only = new HashSet<>();
            for (String line : data.lines(dataset, TaggedOutput.FAILED)) {
                Map<?, ?> f = (Map<?, ?>) Json.parse(line);
                only.add(id(f.get("key"), f.get("sample_index")));
            }
            data.write(job.of(run.sc().broadcast(only)), retry);
        } else {
            // A retry made before the merge was interrupted: its rows count as done now.
            counts.rows().add(run.sc().textFile(retry + "/" + TaggedOutput.ROWS + "-*").count());
        }
        merge(data, dataset, retry);
        return before;
    }

    private static void merge(Datasets data, String dataset, String retry) {
        try {
            Path folder = new Path(dataset);
            FileSystem fs = folder.getFileSystem(data.hadoop());
            Path roundFile = new Path(retry, "_ROUND");
            String recorded = data.readText(roundFile.toString());
            int round;
            if (recorded != null) {
                round = Integer.parseInt(recorded.strip());
            } else {
                round = 1;
                for (String f : data.files(dataset, TaggedOutput.ROWS)) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("-r(\\d+)\\.jsonl$").matcher(f);
                    if (m.find()) round = Math.max(round, Integer.parseInt(m.group(1)) + 1);
                }
                data.writeText(roundFile.toString(), round + "\n");
            }
            String suffix = "-r" + round + ".jsonl";
            for (FileStatus f : fs.listStatus(new Path(retry))) {
                String name = f.getPath().getName();
                if (name.endsWith(".jsonl") && !name.startsWith(TaggedOutput.FAILED + "-")) move(fs, f.getPath(), folder, suffix);
            }
            for (String f : data.files(dataset, TaggedOutput.FAILED)) if (!f.endsWith(suffix)) fs.delete(new Path(f), false);
            for (String f : data.files(retry, TaggedOutput.FAILED)) move(fs, new Path(f), folder, suffix);
            data.delete(retry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge the retried rows into " + dataset + ": " + e.getMessage(), e);
        }
    }

    private static void move(FileSystem fs, Path file, Path folder, String suffix) throws IOException {
        String name = file.getName().replaceFirst("\\.jsonl$", suffix);
        if (!fs.rename(file, new Path(folder, name))) throw new IOException("cannot move " + file + " to " + folder);
    }
}
