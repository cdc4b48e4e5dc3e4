/**
 * open-instruct's IFEvalG scoring: the {@code ground_truth} labels of its RLVR datasets ({@link
 * dev.jack.core.ifevalg.GroundTruth}), {@code IFEvalVerifier}'s reward ({@link dev.jack.core.ifevalg.IfevalgVerifier}:
 * answer extraction, each constraint alone, the share followed), and its evaluation over prompt and response files.
 * The constraints are in {@link dev.jack.core.constraint.ifevalg}; where Jack differs from the reference is listed
 * there. A label whose instruction_id and kwargs lists differ in length is an error (the reference silently drops the
 * extra entries).
 */
package dev.jack.core.ifevalg;
