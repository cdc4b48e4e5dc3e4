package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.ConstraintCatalog;
import dev.jack.core.constraint.ConstraintType;

import java.util.List;

/**
 * IFBench's 58 out-of-distribution constraints (Pyatkin et al. 2025, allenai/IFBench at db69a6f,
 * {@code ifbench/instructions_registry.py}), in the reference's order, with its ids, kwargs, wordings
 * and verdicts. IFBench's registry also holds IFEval's 25, which Jack registers once, under
 * {@code ifeval}. Listed in {@code META-INF/services/dev.jack.core.constraint.ConstraintCatalog}.
 */
public final class IfbenchCatalog implements ConstraintCatalog {
    public static final String SOURCE = "ifbench";

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public List<ConstraintType<?>> types() {
        return List.of(
                WordCountRange.TYPE,
                UniqueWordCount.TYPE,
                StopWordPercentage.TYPE,
                SentenceTypeRatio.TYPE,
                SentenceBalance.TYPE,
                ConjunctionCount.TYPE,
                PersonNameCount.TYPE,
                NGramOverlap.TYPE,
                NumbersCount.TYPE,
                AlphabetLoop.TYPE,
                ThreeVowels.TYPE,
                ConsonantCluster.TYPE,
                AlliterationIncrement.TYPE,
                Palindromes.TYPE,
                PunctuationCover.TYPE,
                NestedParentheses.TYPE,
                NestedQuotes.TYPE,
                PrimeLengths.TYPE,
                OptionsResponse.TYPE,
                NewlineWords.TYPE,
                EmojiSentences.TYPE,
                SentenceCharacterCount.TYPE,
                NthWordJapanese.TYPE,
                StartWithVerb.TYPE,
                LimitedWordRepeat.TYPE,
                IncludeKeyword.TYPE,
                PronounCount.TYPE,
                AlternateParitySyllables.TYPE,
                LastWordFirstNext.TYPE,
                ParagraphLastFirst.TYPE,
                IncrementingWordCount.TYPE,
                NoConsecutiveFirstLetter.TYPE,
                IndentStairs.TYPE,
                QuoteExplanation.TYPE,
                SpecialBulletPoints.TYPE,
                ItalicsThesis.TYPE,
                SubBulletPoints.TYPE,
                SomeBulletPoints.TYPE,
                PrintMultiples.TYPE,
                MultipleChoiceQuestions.TYPE,
                ReverseNewline.TYPE,
                WordReverseOrder.TYPE,
                CharacterReverseOrder.TYPE,
                SentenceAlphabet.TYPE,
                EuropeanCapitalsSort.TYPE,
                CityCsv.TYPE,
                SpecialCharacterCsv.TYPE,
                QuotesCsv.TYPE,
                DateFormatList.TYPE,
                KeywordsMultiple.TYPE,
                KeywordSpecificPosition.TYPE,
                WordsPosition.TYPE,
                RepeatChange.TYPE,
                RepeatSimple.TYPE,
                RepeatSpan.TYPE,
                TitleCase.TYPE,
                OutputTemplate.TYPE,
                NoWhitespace.TYPE);
    }
}
