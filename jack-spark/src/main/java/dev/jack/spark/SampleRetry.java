package dev.jack.spark;

import dev.jack.core.json.Json;
import dev.jack.pipeline.stage.SampleStage;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A rerun of a sample stage that left failed rows: only those rows are sampled again, into
 * {@code samples.jsonl.retry/} (committed as any dataset), whose files then move into {@code samples.jsonl/} as round
 * K ({@code part-NNNNN-rK.jsonl}, {@code failed-NNNNN-rK.jsonl}), the earlier round's failure files removed. The merge
 * can be interrupted anywhere and finishes on the next run: a moved file is gone from the retry folder, the round is
 * recorded there before the first move, and rows that succeeded are moved in before the failures that listed them are
 * removed, so no row is lost or doubled.
 */
final class SampleRetry {
    private SampleRetry() {}

    /**
     * Samples the failed rows again (unless a committed retry is waiting to be merged) and merges them in.
     *
     * @return how many rows were done before
     */
    static long retry(SparkPipeline run, Datasets data, SampleStage stage, RowJobs.Counts counts) {
        String samples = run.at("samples.jsonl");
        String retry = run.at("samples.jsonl.retry");
        long before = run.sc().textFile(samples + "/" + TaggedOutput.ROWS + "-*").count();
        if (!data.exists(retry + "/_SUCCESS")) {
            data.delete(retry);
            Set<String> only = new HashSet<>();
            for (String line : data.lines(samples, TaggedOutput.FAILED)) {
                Map<?, ?> f = (Map<?, ?>) Json.parse(line);
                only.add(f.get("key") + "/" + f.get("sample_index"));
            }
            data.write(RowJobs.sample(run.promptsByKey(), run.sc().broadcast(only), run.shipped(), run.hook(), counts), retry);
        } else {
            // A retry made before the merge was interrupted: its rows count as done now.
            counts.rows().add(run.sc().textFile(retry + "/" + TaggedOutput.ROWS + "-*").count());
        }
        merge(data, samples, retry);
        return before;
    }

    private static void merge(Datasets data, String samples, String retry) {
        try {
            Path folder = new Path(samples);
            FileSystem fs = folder.getFileSystem(data.hadoop());
            Path roundFile = new Path(retry, "_ROUND");
            String recorded = data.readText(roundFile.toString());
            int round;
            if (recorded != null) {
                round = Integer.parseInt(recorded.strip());
            } else {
                round = 1;
                for (String f : data.files(samples, TaggedOutput.ROWS)) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("-r(\\d+)\\.jsonl$").matcher(f);
                    if (m.find()) round = Math.max(round, Integer.parseInt(m.group(1)) + 1);
                }
                data.writeText(roundFile.toString(), round + "\n");
            }
            String suffix = "-r" + round + ".jsonl";
            for (String f : data.files(retry, TaggedOutput.ROWS)) move(fs, new Path(f), folder, suffix);
            for (String f : data.files(samples, TaggedOutput.FAILED)) if (!f.endsWith(suffix)) fs.delete(new Path(f), false);
            for (String f : data.files(retry, TaggedOutput.FAILED)) move(fs, new Path(f), folder, suffix);
            data.delete(retry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge the retried rows into " + samples + ": " + e.getMessage(), e);
        }
    }

    private static void move(FileSystem fs, Path file, Path folder, String suffix) throws IOException {
        String name = file.getName().replaceFirst("\\.jsonl$", suffix);
        if (!fs.rename(file, new Path(folder, name))) throw new IOException("cannot move " + file + " to " + folder);
    }
}
