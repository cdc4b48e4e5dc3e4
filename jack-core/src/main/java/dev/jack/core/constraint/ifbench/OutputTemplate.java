package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.EnglishCapital;
import dev.jack.core.constraint.ifeval.EnglishLowercase;
import dev.jack.core.constraint.ifeval.NthParagraphFirstWord;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.Comparator;
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

    /** The template's labels, in the order the template has them. */
    private static final List<String> LABELS = List.of("My Answer:", "My Conclusion:", "Future Outlook:");
    /** What a repair writes after "My Conclusion:" and "Future Outlook:" when it adds them at the end. */
    private static final List<String> ENDINGS = List.of(" That sums it up.", " More may follow.");

    /** Each label found; a missing one as an empty span where it would go ("My Answer:" first, the others at the end). */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        for (String label : LABELS) {
            List<int[]> found = Edits.occurrences(response, label);
            for (int[] f : found) out.add(new Span(f[0], f[1], label));
            if (found.isEmpty()) out.add(Span.missing(label.equals(LABELS.getFirst()) ? PyText.stripStart(response) : Edits.textEnd(response), "missing " + label));
        }
        out.sort(Comparator.comparingInt(Span::start));
        return out;
    }

    /** Every occurrence of one label cut, the last label first. */
    public List<Edit> breaks(String response, TextTools text) {
        List<Edit> out = new ArrayList<>();
        for (String label : LABELS.reversed()) out.add(new Edit("remove_label", Edits.cutAll(response, Edits.occurrences(response, label))));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** The missing labels added: "My Answer:" in front, the others on lines of their own at the end. */
    public List<Edit> repairs(String response, TextTools text) {
        int start = PyText.stripStart(response);
        int end = Math.max(start, Edits.textEnd(response));
        StringBuilder ending = new StringBuilder();
        for (int i = 1; i < LABELS.size(); i++) {
            if (!response.contains(LABELS.get(i))) ending.append("\n\n").append(LABELS.get(i)).append(Edits.inCaseOf(response, ENDINGS.get(i - 1)));
        }
        String front = response.contains(LABELS.getFirst()) ? "" : LABELS.getFirst() + " ";
        String edited = response.substring(0, start) + front + response.substring(start, end) + ending + response.substring(end);
        return Edits.verified(List.of(new Edit("add_labels", edited)), r -> isFollowedBy(r, text));
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
