package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.ConstraintCatalog;
import dev.jack.core.constraint.ConstraintType;

import java.util.List;

/**
 * IFEval's 25 constraints (Zhou et al. 2023, google-research/instruction_following_eval,
 * {@code instructions_registry.py}), in the reference's order, with its ids, kwargs and verdicts.
 * Listed in {@code META-INF/services/dev.jack.core.constraint.ConstraintCatalog}.
 */
public final class IfevalCatalog implements ConstraintCatalog {
    public static final String SOURCE = "ifeval";

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public List<ConstraintType<?>> types() {
        return List.of(
                KeywordsExistence.TYPE,
                KeywordsFrequency.TYPE,
                ForbiddenWords.TYPE,
                LetterFrequency.TYPE,
                ResponseLanguage.TYPE,
                NumberOfSentences.TYPE,
                NumberOfParagraphs.TYPE,
                NumberOfWords.TYPE,
                NthParagraphFirstWord.TYPE,
                NumberOfPlaceholders.TYPE,
                Postscript.TYPE,
                NumberOfBulletLists.TYPE,
                ConstrainedResponse.TYPE,
                NumberOfHighlightedSections.TYPE,
                MultipleSections.TYPE,
                JsonFormat.TYPE,
                Title.TYPE,
                TwoResponses.TYPE,
                RepeatPrompt.TYPE,
                EndChecker.TYPE,
                CapitalWordFrequency.TYPE,
                EnglishCapital.TYPE,
                EnglishLowercase.TYPE,
                NoComma.TYPE,
                Quotation.TYPE);
    }
}
