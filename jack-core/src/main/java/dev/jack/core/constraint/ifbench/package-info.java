package dev.jack.core.constraint.ifbench;

/**
 * IFBench's 58 out-of-distribution constraints (allenai/IFBench at db69a6f, {@code ifbench/instructions.py}) as
 * catalog entries ({@link dev.jack.core.constraint.ifbench.IfbenchCatalog}): reference-exact checkers, the
 * reference's wordings, and synthesis. Its scorer is {@link dev.jack.core.ifbench.IfbenchEvaluation}.
 *
 * <p>Synthesis: the eleven {@code custom:*} constraints are tasks with one right answer (a CSV table, a list of
 * Napoleon's battles, the bald eagle spelled backwards), not constraints a base task can carry, so they are not
 * synthesized. Constraints that dictate every word or the whole response ({@code words:alphabet},
 * {@code format:no_whitespace}, {@code repeat:*}...) are always alone in a prompt. The others read their parameters
 * off the finished witness where they can (counts, ratios, ranges, positions), so they combine with everything
 * but the conflicts they declare.
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
