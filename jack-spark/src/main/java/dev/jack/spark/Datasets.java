package dev.jack.spark;

import dev.jack.core.UserException;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.JsonlReader;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Datasets on any Hadoop file system (local paths, {@code hdfs://}, {@code s3a://}, ...): reading JSON lines with the
 * file and line each came from, writing tagged lines through {@link TaggedOutput}, and small files (stats, markers).
 * A dataset is a folder of {@code part-NNNNN.jsonl} files (what Jack writes: other files beside them, such as
 * {@code failed-NNNNN.jsonl}, are not rows), or a single JSONL file, or Parquet (a file, or a folder of
 * {@code .parquet} files: {@link Parquet}).
 */
final class Datasets {
    /**
     * A row on its way to a stage: its prompt key, a tag that orders the kinds of rows of a key (a prompt before its
     * samples), its index within the key (sample_index), the JSON line, and where it came from ({@code file:line}).
     * A line that could not be read has key {@link #UNREADABLE} and the error as its line. Rows sort by key, tag,
     * index, then place.
     */
    record Keyed(long key, int tag, long idx, String line, String at) implements java.io.Serializable, Comparable<Keyed> {
        private static final java.util.Comparator<Keyed> ORDER = java.util.Comparator.comparingLong(Keyed::key).thenComparingInt(Keyed::tag)
                .thenComparingLong(Keyed::idx).thenComparing(Keyed::at);

        @Override
        public int compareTo(Keyed o) {
            return ORDER.compare(this, o);
        }
    }

    /** The key of a row whose line could not be read; its line is the error. */
    static final long UNREADABLE = Long.MIN_VALUE;

    private final SparkSession spark;
    private final JavaSparkContext sc;

    Datasets(SparkSession spark) {
        this.spark = spark;
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    Configuration hadoop() {
        return sc.hadoopConfiguration();
    }

    private FileSystem fs(String location) {
        try {
            return new Path(location).getFileSystem(hadoop());
        } catch (IOException e) {
            throw new UserException("cannot open the file system of " + location + ": " + e.getMessage(), e);
        }
    }

    boolean exists(String location) {
        try {
            return fs(location).exists(new Path(location));
        } catch (IOException e) {
            throw new UncheckedIOException(location + ": " + e.getMessage(), e);
        }
    }

    /** Removes a file or a folder with everything in it; nothing when absent. */
    void delete(String location) {
        try {
            fs(location).delete(new Path(location), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + location + ": " + e.getMessage(), e);
        }
    }

    /** A small file's text, or null when it does not exist. */
    String readText(String file) {
        try (FSDataInputStream in = fs(file).open(new Path(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a small file whole: to a temporary name beside it, then renamed over it. */
    void writeText(String file, String text) {
        Path target = new Path(file);
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        FileSystem fs = fs(file);
        try {
            try (FSDataOutputStream out = fs.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(target, false);
            if (!fs.rename(tmp, target)) throw new IOException("rename failed");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The files of a dataset folder whose names start with {@code tag-}, in name order (so in partition order). */
    List<String> files(String dataset, String tag) {
        try {
            FileStatus[] found = fs(dataset).globStatus(new Path(dataset, tag + "-*"));
            if (found == null) return List.of();
            return Arrays.stream(found).map(s -> s.getPath().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dataset + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves a dataset folder's {@code tag-NNNNN.jsonl} files into a dataset folder of their own as its
     * {@code part-NNNNN.jsonl} files (with {@code _SUCCESS}): a second output of the same committed job.
     */
    void moveTagged(String dataset, String tag, String target) {
        try {
            Path folder = new Path(target);
            FileSystem fs = fs(target);
            fs.delete(folder, true);
            fs.mkdirs(folder);
            for (String f : files(dataset, tag)) {
                Path file = new Path(f);
                String name = TaggedOutput.ROWS + file.getName().substring(tag.length());
                if (!fs.rename(file, new Path(folder, name))) throw new IOException("cannot move " + file + " to " + folder);
            }
            fs.create(new Path(folder, "_SUCCESS"), true).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + target + ": " + e.getMessage(), e);
        }
    }

    /** Every line of a dataset folder's {@code tag-} files, in partition order (for small outputs: failures, errors). */
    List<String> lines(String dataset, String tag) {
        List<String> lines = new ArrayList<>();
        for (String file : files(dataset, tag)) {
            String text = readText(file);
            for (String l : text.split("\n")) if (!l.isEmpty()) lines.add(l);
        }
        return lines;
    }

    /**
     * A dataset's rows with their key and index (named by {@code keyField} and {@code indexField}; null: index 0) and
     * {@code tag}, read a whole file per task so that each line's number is known.
     *
     * @throws UserException when the location holds no data
     */
    JavaRDD<Keyed> keyed(String location, int tag, String keyField, String indexField) {
        List<String> inputs = inputFiles(location);
        if (inputs.stream().anyMatch(f -> f.endsWith(".parquet"))) {
            // A Parquet row is named by its place among the dataset's rows (1, 2, ...), as a line is by its number.
            return new Parquet(spark).lines(inputs).zipWithIndex().map(t -> keyedRow(location + ":" + (t._2() + 1), t._1(), tag, keyField, indexField));
        }
        Configuration conf = new Configuration(hadoop());
        // One split per file: a line's number in its file is known (errors name it) and files keep their order.
        conf.setLong("mapreduce.input.fileinputformat.split.minsize", Long.MAX_VALUE);
        JavaPairRDD<LongWritable, Text> raw = sc.newAPIHadoopFile(String.join(",", inputs), TextInputFormat.class, LongWritable.class, Text.class, conf);
        return ((JavaNewHadoopRDD<LongWritable, Text>) raw).mapPartitionsWithInputSplit((split, lines) -> {
            String file = ((FileSplit) split).getPath().toString();
            List<Keyed> rows = new ArrayList<>();
            long number = 0;
            while (lines.hasNext()) {
                String text = lines.next()._2().toString();
                number++;
                if (number == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
                if (text.isBlank()) continue;
                rows.add(keyedRow(file + ":" + number, text, tag, keyField, indexField));
            }
            return rows.iterator();
        }, true);
    }

    private static Keyed keyedRow(String at, String line, int tag, String keyField, String indexField) {
        try {
            JsonlReader.Row row = parse(at, line);
            long index = indexField == null ? 0 : row.has(indexField) ? row.integer(indexField) : 0;
            return new Keyed(row.integer(keyField), tag, index, line, at);
        } catch (DataFileException e) {
            return new Keyed(UNREADABLE, tag, 0L, e.getMessage(), at);
        }
    }

    /**
     * One line as a row whose errors name {@code at} ({@code file:line}).
     *
     * @throws DataFileException for a line that is not a JSON object
     */
    static JsonlReader.Row parse(String at, String line) {
        int colon = at.lastIndexOf(':');
        java.nio.file.Path file = java.nio.file.Path.of(at.substring(0, colon));
        long number = Long.parseLong(at.substring(colon + 1));
        Object parsed;
        try {
            parsed = Json.parse(line);
        } catch (JsonException e) {
            throw new DataFileException(file, number, null, "malformed JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) throw new DataFileException(file, number, null, "expected a JSON object");
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        return new JsonlReader.Row(file, number, fields);
    }

    /** The data files of a location: the file itself, or a folder's row files (Jack's part files, or every visible file). */
    private List<String> inputFiles(String location) {
        FileSystem fs = fs(location);
        try {
            Path path = new Path(location);
            if (!fs.exists(path)) throw new UserException(location + ": no such file or folder");
            if (fs.getFileStatus(path).isFile()) return List.of(path.toString());
            List<String> parts = files(location, TaggedOutput.ROWS);
            if (!parts.isEmpty()) return parts;
            List<String> all = new ArrayList<>();
            for (FileStatus s : fs.listStatus(path)) {
                String name = s.getPath().getName();
                if (s.isFile() && !name.startsWith("_") && !name.startsWith(".")) all.add(s.getPath().toString());
            }
            if (all.isEmpty()) throw new UserException(location + ": no data files in it");
            all.sort(null);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes tagged lines (tag, line) as a dataset folder, each partition's tags into their own files committed
     * together ({@link TaggedOutput}).
     */
    void write(JavaRDD<Tuple2<String, String>> tagged, String location) {
        Configuration conf = new Configuration(hadoop());
        JavaPairRDD<String, String> pairs = tagged.mapToPair(t -> t);
        pairs.saveAsNewAPIHadoopFile(location, String.class, String.class, TaggedOutput.class, conf);
    }

    /** A tagged line. */
    static Tuple2<String, String> tagged(String tag, String line) {
        return new Tuple2<>(tag, line);
    }
}
