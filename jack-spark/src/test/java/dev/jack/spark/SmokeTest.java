package dev.jack.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest {
    @TempDir
    Path dir;

    @Test
    void parquetRoundTrip() {
        long t0 = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[2]").appName("smoke").config("spark.ui.enabled", "false").getOrCreate();
        System.out.println("start " + (System.nanoTime() - t0) / 1e9);
        Dataset<String> ds = spark.createDataset(List.of("a", "b", "c"), Encoders.STRING());
        ds.write().parquet(dir.resolve("p").toString());
        assertEquals(3, spark.read().parquet(dir.resolve("p").toString()).count());
        ds.map((org.apache.spark.api.java.function.MapFunction<String, String>) s -> s + "!", Encoders.STRING()).write().text(dir.resolve("t").toString());
        assertEquals(3, spark.read().text(dir.resolve("t").toString()).count());
        System.out.println("done " + (System.nanoTime() - t0) / 1e9);
        spark.stop();
    }
}
