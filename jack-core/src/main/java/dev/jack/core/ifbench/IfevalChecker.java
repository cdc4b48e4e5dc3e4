package dev.jack.core.ifbench;

import dev.jack.core.constraint.Constraint;

import java.util.Map;
import java.util.Set;

/**
 * One of IFEval's 25 constraints, as IFBench's and IFEvalG's registries include them (their copies are
 * Google's logic restyled), checked by Jack's IFEval-exact constraint.
 */
public record IfevalChecker(Constraint constraint) implements Checker {
    public String id() {
        return constraint.id();
    }

    public Source source() {
        return Source.IFEVAL;
    }

    public String description() {
        return constraint.description();
    }

    public Map<String, Object> kwargs() {
        return constraint.kwargs();
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.IFEVAL);
    }

    public boolean check(String response, Analyses text) {
        return constraint.isFollowedBy(response, text.ifeval());
    }
}
