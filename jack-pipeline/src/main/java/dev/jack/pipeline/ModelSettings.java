package dev.jack.pipeline;

/**
 * The settings of a stage that calls a model ({@link Stage#settings()}): its options, and the model's identity
 * ({@link ModelOptions#identity()}); how the model is reached (concurrency, timeouts) changes no output.
 */
public record ModelSettings(Record options, String model) {}
