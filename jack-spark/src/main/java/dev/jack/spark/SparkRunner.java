package dev.jack.spark;

import dev.jack.pipeline.ClusterRunner;
import dev.jack.pipeline.Stage;
import dev.jack.pipeline.StageContext;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/**
 * {@code jack run --spark MASTER}: the pipeline on a Spark session started in this process (found by
 * {@link java.util.ServiceLoader}, so jack-cli needs no Spark). A local master ({@code local[N]}, {@code local[*]})
 * gets task retries as a cluster has them ({@code local[N,4]}); Spark's own log is kept to warnings (its default
 * configuration unless {@code log4j2.configurationFile} is set).
 */
public final class SparkRunner implements ClusterRunner {
    @Override
    public String engine() {
        return "spark";
    }

    @Override
    public Stage.Status run(Path config, Path outDir, String master, StageContext context, boolean force) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:dev/jack/spark/log4j2-quiet.properties");
        }
        SparkSession spark = SparkSession.builder().master(withRetries(master)).appName("jack run " + config.getFileName())
                .config("spark.ui.showConsoleProgress", "false").getOrCreate();
        try {
            return new SparkPipeline(spark, config, outDir, TaskHook.NONE).run(context, force);
        } finally {
            spark.stop();
        }
    }

    /** A local master with Spark's cluster default of 4 attempts per task ({@code local[2]} becomes {@code local[2,4]}). */
    static String withRetries(String master) {
        if (master.equals("local")) return "local[1,4]";
        if (master.matches("local\\[(\\d+|\\*)]")) return master.substring(0, master.length() - 1) + ",4]";
        return master;
    }
}
