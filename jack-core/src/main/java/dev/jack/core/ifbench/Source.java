package dev.jack.core.ifbench;

/** The benchmark or training set a constraint comes from; {@link #id()} is its name on the command line. */
public enum Source {
    /** Google's IFEval: the 25 original verifiable instructions. */
    IFEVAL("ifeval"),
    /** allenai/IFBench: 58 out-of-distribution test constraints. */
    IFBENCH("ifbench"),
    /** allenai/open-instruct's IFEvalG: 29 training constraints beyond IFEval's. */
    IFEVALG("ifevalg");

    private final String id;

    Source(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
