/**
 * IFBench's scorer ({@code evaluation_lib.py} of allenai/IFBench at db69a6f): prompts in IFEval's input format,
 * responses matched by prompt text, IFEval's strict and loose verification and output files. The constraints are
 * in {@link dev.jack.core.constraint.ifbench}.
 */
package dev.jack.core.ifbench;
