package dev.jack.core.ifevalg;

import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Catalog;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * open-instruct IFEvalG's 29 training constraints beyond IFEval's ({@code open_instruct/IFEvalG/
 * instructions_registry.py}), plus IFEval's 25, which its registry also holds.
 */
public final class IfevalgCatalog {
    private IfevalgCatalog() {}

    private static final Catalog CATALOG;

    static {
        Map<String, Function<Args, ? extends Checker>> p = new LinkedHashMap<>();
        p.put(RepeatPhrase.ID, RepeatPhrase::parse);
        p.put(Copy.ID, Copy::parse);
        p.put(CopySpanIdx.ID, CopySpanIdx::parse);
        p.put(SentenceHyphens.ID, SentenceHyphens::parse);
        p.put(AdjacentLetters.ID, AdjacentLetters::parse);
        p.put(SquareBrackets.ID, SquareBrackets::parse);
        p.put(KeywordOnce.ID, KeywordOnce::parse);
        p.put(KeywordFrequency.ID, KeywordFrequency::parse);
        p.put(ExcludeWordHarder.ID, ExcludeWordHarder::parse);
        p.put(ParagraphsDivider.ID, ParagraphsDivider::parse);
        p.put(ParagraphsBlankLine.ID, ParagraphsBlankLine::parse);
        p.put(FirstWordSentences.ID, FirstWordSentences::parse);
        p.put(FirstWordAnswer.ID, FirstWordAnswer::parse);
        p.put(LastWordSentences.ID, LastWordSentences::parse);
        p.put(LastWordAnswer.ID, LastWordAnswer::parse);
        p.put(BigramWrapping.ID, BigramWrapping::parse);
        p.put(CopyingSimple.ID, CopyingSimple::parse);
        p.put(CopyingMultiple.ID, CopyingMultiple::parse);
        p.put(NoDots.ID, NoDots::parse);
        p.put(NoExclamationMarks.ID, NoExclamationMarks::parse);
        p.put(LowercaseCounting.ID, LowercaseCounting::parse);
        p.put(LetterCounting.ID, LetterCounting::parse);
        p.put(LetterFrequency.ID, LetterFrequency::parse);
        p.put(CountingComposition.ID, CountingComposition::parse);
        p.put(CountUnique.ID, CountUnique::parse);
        p.put(CountIncrementWord.ID, CountIncrementWord::parse);
        p.put(PalindromeWord.ID, PalindromeWord::parse);
        p.put(KeywordPosition.ID, KeywordPosition::parse);
        p.put(StartEnd.ID, StartEnd::parse);
        CATALOG = new Catalog(Source.IFEVALG, p);
    }

    /** The catalog IFEvalG prompt files and ground_truth labels are read with. */
    public static Catalog get() {
        return CATALOG;
    }
}
