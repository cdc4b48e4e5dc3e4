package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.TextTools;

/** format:output_template — the response contains "My Answer:", "My Conclusion:" and "Future Outlook:", anywhere. */
public record OutputTemplate() implements Constraint {
    public static final String ID = "format:output_template";

    public static final ConstraintType<OutputTemplate> TYPE = ConstraintType.builder(ID, OutputTemplate::parse)
            .example(new OutputTemplate())
            .build();

    private static OutputTemplate parse(Kwargs k) {
        return new OutputTemplate();
    }

    public ConstraintType<OutputTemplate> type() { return TYPE; }



    public String description() {
        return "Use this exact template for your response: My Answer: [answer] My Conclusion: [conclusion] Future Outlook: [outlook]";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return response.contains("My Answer:") && response.contains("My Conclusion:") && response.contains("Future Outlook:");
    }
}
