/**
 * IFBench's 58 out-of-distribution constraints (allenai/IFBench at db69a6f, {@code ifbench/instructions.py}) as
 * reference-exact checkers, and its strict/loose scorer ({@code evaluation_lib.py}); also the seam the IFEvalG
 * package builds on ({@link dev.jack.core.ifbench.Checker}, {@link dev.jack.core.ifbench.Catalog},
 * {@link dev.jack.core.ifbench.Args}, {@link dev.jack.core.ifbench.Analyses}).
 *
 * <p>Verdicts equal the reference's on every row of the shared response sets, the reference's own bugs included
 * (each checker's Javadoc names its quirks). Where Jack must differ:
 * <ul>
 *   <li>Where the reference raises, the constraint is not followed instead of the whole run aborting:
 *       {@code custom:csv_quotes} on a field that strips to nothing (IndexError), and the three {@code custom:csv_*}
 *       constraints where Python's csv reader raises (a carriage return followed by more text outside quotes, a
 *       field over 131,072 characters). In loose mode a raising variant counts as failing and the others are
 *       still tried (the reference would abort on the first).</li>
 *   <li>Kwargs for which the reference draws a random value (absent, null, negative counts) are parameter errors,
 *       so verdicts are deterministic; {@code count:words_japanese} with N = 0 (a division by zero in the
 *       reference) and {@code words:keywords_specific_position} with n or m = 0 (read as "not given") too.</li>
 *   <li>Counts are whole numbers (IFBench's data writes them as floats such as 5.0, which are accepted);
 *       negative span indexes (Python's from-the-end slicing) are not taken.</li>
 *   <li>Unicode character classes follow Java's Unicode tables, which differ from CPython 3.11's (Unicode 14.0)
 *       only for characters assigned later.</li>
 * </ul>
 */
package dev.jack.core.ifbench;
