package dev.jack.core.constraint.ifeval;

/**
 * An IFEval constraint whose failure on a response can imply its failure on every loose variant of the response (the
 * reference's {@code response.split("\n")} joined without its first line, last line or both, stripped, and each of
 * those and the response without '*'): the verifier then takes the strict verdict as the loose one without checking
 * the variants. What they share: each variant is a substring of the response with '*' chars taken out, and the
 * constraint is "at least N" of a count that no such cut can raise. A failing check was re-run on up to seven variants,
 * each built for it: a 54,100-row eval checks 1,700 failing "at least" counts this way, most of them words.
 */
public interface LooseVariantsFail {
    /**
     * True when this constraint, not followed by the (not blank) response, is followed by none of its loose variants
     * either; false means only that the variants must be checked. Asked only after the strict check failed.
     */
    boolean variantsFailWith(String response);
}
