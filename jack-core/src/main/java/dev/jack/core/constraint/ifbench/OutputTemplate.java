package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.ifeval.EnglishCapital;
import dev.jack.core.constraint.ifeval.EnglishLowercase;
import dev.jack.core.constraint.ifeval.NthParagraphFirstWord;
import dev.jack.core.text.TextTools;

import java.util.List;

/** format:output_template — the response contains "My Answer:", "My Conclusion:" and "Future Outlook:", anywhere. */
public record OutputTemplate() implements Constraint {
    public static final String ID = "format:output_template";

    public static final ConstraintType<OutputTemplate> TYPE = ConstraintType.builder(ID, OutputTemplate::parse)
            .example(new OutputTemplate())
            .conflict(EnglishLowercase.ID, "the template's labels are matched as written")
            .conflict(EnglishCapital.ID, "the template's labels are matched as written")
            .conflict(StartWithVerb.ID, "the template's first label would open the response")
            .conflict(SomeBulletPoints.ID, "nothing may follow the bullets")
            .conflict(NthParagraphFirstWord.ID, "the template's first label would be the first paragraph's first word")
            .hardness(0.3)
            .phrasings("Use this exact template for your response: My Answer: [answer] My Conclusion: [conclusion] Future Outlook: [outlook]",
                    "Follow this template exactly: My Answer: [answer] My Conclusion: [conclusion] Future Outlook: [outlook]",
                    "Structure your response as \"My Answer: ...\", then \"My Conclusion: ...\", then \"Future Outlook: ...\".")
            .synthesis(968, () -> Sampling.INSTANCE)
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

    /** "My Answer:" before the first prose sentence, the other two labels on lines of their own at the end. */
    private enum Sampling implements Sketch<OutputTemplate> {
        INSTANCE;

        public void content(Draft d) {
            List<String> first = d.witness().proseLine(0).sentences();
            first.set(0, "My Answer: " + first.getFirst());
            d.witness().addBackMatter("My Conclusion: " + d.sentence());
            d.witness().addBackMatter("Future Outlook: " + d.sentence());
        }

        public OutputTemplate finish(Draft d) {
            return new OutputTemplate();
        }
    }
}
