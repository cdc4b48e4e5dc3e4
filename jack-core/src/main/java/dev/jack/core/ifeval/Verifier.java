package dev.jack.core.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * IFEval's strict and loose verification, which IFBench's scorer ({@code evaluation_lib.py}) repeats
 * exactly. Strict checks the response as is; loose passes a constraint if any of eight variants passes
 * (the response, without its first line, without its last, without both, each also with every '*'
 * removed; the line-dropping ones stripped). A response that is blank after stripping follows nothing.
 * Loose variants are only built when some strict check fails, since the response itself is one of them.
 */
public final class Verifier {
    private final TextTools text;

    public Verifier(TextTools text) {
        this.text = text;
    }

    public TextTools text() {
        return text;
    }

    /** Starts loading, in the background, the models behind the text analyses these constraints' checkers use. */
    public void prepareFor(Collection<? extends Constraint> constraints) {
        Set<TextAnalysis> analyses = EnumSet.noneOf(TextAnalysis.class);
        for (Constraint c : constraints) analyses.addAll(c.type().analyses());
        text.prepareFor(analyses);
    }

    public Verdicts verify(List<Constraint> constraints, String response) {
        List<Boolean> strict = new ArrayList<>(constraints.size());
        List<Boolean> loose = new ArrayList<>(constraints.size());
        List<String> variants = null;
        for (Constraint c : constraints) {
            boolean s = follows(c, response);
            strict.add(s);
            if (!s) {
                if (variants == null) variants = looseVariants(response);
                s = variants.stream().anyMatch(v -> follows(c, v));
            }
            loose.add(s);
        }
        return new Verdicts(strict, loose);
    }

    public boolean follows(Constraint c, String response) {
        return !PyText.isBlank(response) && c.isFollowedBy(response, text);
    }

    /** The loose variants other than the response itself, without duplicates. */
    public static List<String> looseVariants(String response) {
        List<String> lines = PyText.split(response, "\n");
        String removeFirst = PyText.strip(String.join("\n", lines.subList(Math.min(1, lines.size()), lines.size())));
        String removeLast = PyText.strip(String.join("\n", lines.subList(0, Math.max(0, lines.size() - 1))));
        String removeBoth = lines.size() < 2 ? "" : PyText.strip(String.join("\n", lines.subList(1, lines.size() - 1)));
        Set<String> variants = new LinkedHashSet<>(List.of(
                response.replace("*", ""), removeFirst, removeLast, removeBoth,
                removeFirst.replace("*", ""), removeLast.replace("*", ""), removeBoth.replace("*", "")));
        variants.remove(response);
        return List.copyOf(variants);
    }
}
