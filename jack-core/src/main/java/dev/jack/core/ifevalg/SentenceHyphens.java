package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Analysis;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Set;

/**
 * detectable_format:sentence_hyphens — splitting the response at each '-' gives, pairwise (as far as
 * both lists go), unstripped pieces equal to the regex-splitter sentences of the response with every
 * '-' read as a space.
 */
public record SentenceHyphens() implements Checker {
    public static final String ID = "detectable_format:sentence_hyphens";

    static SentenceHyphens parse(Args a) {
        return new SentenceHyphens();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "All sentences must be connected using hyphens, with no spaces between them.";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.REGEX_SENTENCES);
    }

    public boolean check(String response, Analyses text) {
        List<String> gold = text.regexSentences(response.replace('-', ' '));
        List<String> pieces = PyText.split(response, "-");
        for (int i = 0; i < Math.min(gold.size(), pieces.size()); i++) {
            String piece = pieces.get(i);
            if (!PyText.strip(piece).equals(piece) || !piece.equals(gold.get(i))) return false;
        }
        return true;
    }
}
