package dev.jack.spark;

import java.io.Serializable;

/**
 * Called as a task hands over each row it made, with the task's stage, partition, attempt number (0 for the first)
 * and how many rows it made so far: a place to watch progress or, in tests, to make an attempt fail on purpose and
 * check that the retry leaves no duplicate and no gap.
 */
@FunctionalInterface
public interface TaskHook extends Serializable {
    TaskHook NONE = (stage, partition, attempt, rows) -> { };

    void row(String stage, int partition, int attempt, long rows);
}
