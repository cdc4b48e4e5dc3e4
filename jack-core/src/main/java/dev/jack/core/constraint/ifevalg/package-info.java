package dev.jack.core.constraint.ifevalg;

/**
 * open-instruct's IFEvalG: its 29 training constraints beyond IFEval's (open_instruct/IFEvalG at e6c3044) as
 * catalog entries ({@link dev.jack.core.constraint.ifevalg.IfevalgCatalog}): reference-exact checkers, the
 * reference's wordings, and synthesis (the copy constraints and those that fix every word, sentence start or end
 * are always alone in a prompt). The {@code ground_truth} label format and the {@code IFEvalVerifier} reward are
 * in {@link dev.jack.core.ifevalg}.
 *
 * <p>Verdicts and scores equal the reference's on every stable response of the shared set. Where Jack must
 * differ, so that rewards are deterministic:
 * <ul>
 *   <li>The reference reads 0 as "not given" ({@code if not x}) and draws a random value for
 *       {@code new:copy_span_idx}'s n_start and n_end, {@code copy:repeat_phrase}'s small_n, the N of
 *       {@code copy:copying_multiple}, {@code count:lowercase_counting} and {@code letters:letter_counting}, the
 *       n_sent and n_words of {@code count:counting_composition} and the n and m of
 *       {@code keywords:keyword_specific_position}; an empty keyword or word likewise. Jack reads n_start = 0 as
 *       the first character (what the prompt says; the shared data's rows g0089, g0147, g0234, g0698, g0901 have
 *       it, and the reference's results there are random) and rejects the others as parameter errors.</li>
 *   <li>Keywords the reference reads as regular expressions and could not compile (it raises when checking) are
 *       parameter errors; so is a phrase whose first and last words do not form a valid pattern.</li>
 *   <li>A label whose instruction_id and kwargs lists differ in length is an error (the reference silently
 *       drops the extra entries).</li>
 * </ul>
 */
