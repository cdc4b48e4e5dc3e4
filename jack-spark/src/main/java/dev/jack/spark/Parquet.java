package dev.jack.spark;

import dev.jack.core.json.Json;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Datasets as Parquet, through Spark's own Parquet reader and writer. Written: a copy of a JSONL dataset (the rows the
 * stages read and compare stay JSON lines), its schema as Spark infers it from the rows (integers, doubles, strings,
 * booleans, lists, nested objects as structs), its columns in the rows' field order. Read: each row as a JSON line,
 * for the stages that take JSONL (Spark leaves out null fields, which Jack's readers take as absent).
 */
final class Parquet {
    private final SparkSession spark;

    Parquet(SparkSession spark) {
        this.spark = spark;
    }

    /** Writes the rows of a JSONL dataset folder as a Parquet folder. */
    void copy(String jsonlDataset, String parquet) {
        Dataset<Row> rows = spark.read().json(jsonlDataset + "/" + TaggedOutput.ROWS + "-*");
        if (rows.columns().length == 0) {
            // No rows: Spark infers no schema, and writes an empty folder.
            rows.write().parquet(parquet);
            return;
        }
        String first = spark.read().text(jsonlDataset + "/" + TaggedOutput.ROWS + "-*").first().getString(0);
        Set<String> order = new LinkedHashSet<>(((Map<?, ?>) Json.parse(first)).keySet().stream().map(String::valueOf).toList());
        order.addAll(Arrays.asList(rows.columns()));
        List<Column> columns = new ArrayList<>();
        for (String name : order) columns.add(rows.col("`" + name + "`"));
        rows.select(columns.toArray(Column[]::new)).write().parquet(parquet);
    }

    /** The rows of Parquet files as JSON lines. */
    JavaRDD<String> lines(List<String> files) {
        return spark.read().parquet(files.toArray(String[]::new)).toJSON().javaRDD();
    }
}
