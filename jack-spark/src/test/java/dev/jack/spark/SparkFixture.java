package dev.jack.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session jack-spark's tests share (starting one takes seconds): local, two threads, each task tried up
 * to four times as on a cluster, stopped when the test JVM exits.
 */
final class SparkFixture {
    private static SparkSession session;

    private SparkFixture() {}

    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master(SparkRunner.withRetries("local[2]")).appName("jack-spark tests")
                    .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate();
            SparkSession started = session;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return session;
    }
}
