package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.ConstraintCatalog;
import dev.jack.core.constraint.ConstraintType;

import java.util.List;

/**
 * open-instruct IFEvalG's 29 training constraints beyond IFEval's (allenai/open-instruct at e6c3044,
 * {@code open_instruct/IFEvalG/instructions_registry.py}), in the reference's order, with its ids,
 * kwargs, wordings and verdicts. IFEvalG's registry also holds IFEval's 25 (Google's checkers
 * restyled), which Jack registers once, under {@code ifeval}: no IFEvalG id equals an IFEval or IFBench
 * id, so one registry serves all three. Listed in
 * {@code META-INF/services/dev.jack.core.constraint.ConstraintCatalog}.
 */
public final class IfevalgCatalog implements ConstraintCatalog {
    public static final String SOURCE = "ifevalg";

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public List<ConstraintType<?>> types() {
        return List.of(
                RepeatPhrase.TYPE,
                Copy.TYPE,
                CopySpanIdx.TYPE,
                SentenceHyphens.TYPE,
                AdjacentLetters.TYPE,
                SquareBrackets.TYPE,
                KeywordOnce.TYPE,
                KeywordFrequency.TYPE,
                ExcludeWordHarder.TYPE,
                ParagraphsDivider.TYPE,
                ParagraphsBlankLine.TYPE,
                FirstWordSentences.TYPE,
                FirstWordAnswer.TYPE,
                LastWordSentences.TYPE,
                LastWordAnswer.TYPE,
                BigramWrapping.TYPE,
                CopyingSimple.TYPE,
                CopyingMultiple.TYPE,
                NoDots.TYPE,
                NoExclamationMarks.TYPE,
                LowercaseCounting.TYPE,
                LetterCounting.TYPE,
                LetterFrequency.TYPE,
                CountingComposition.TYPE,
                CountUnique.TYPE,
                CountIncrementWord.TYPE,
                PalindromeWord.TYPE,
                KeywordPosition.TYPE,
                StartEnd.TYPE);
    }
}
