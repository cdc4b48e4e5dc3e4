package dev.jack.core.ifbench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** IFBench's 58 out-of-distribution constraints (allenai/IFBench {@code instructions_registry.py}), plus IFEval's 25. */
public final class IfbenchCatalog {
    private IfbenchCatalog() {}

    private static final Catalog CATALOG;

    static {
        Map<String, Function<Args, ? extends Checker>> p = new LinkedHashMap<>();
        p.put(WordCountRange.ID, WordCountRange::parse);
        p.put(UniqueWordCount.ID, UniqueWordCount::parse);
        p.put(StopWordPercentage.ID, StopWordPercentage::parse);
        p.put(SentenceTypeRatio.ID, SentenceTypeRatio::parse);
        p.put(SentenceBalance.ID, SentenceBalance::parse);
        p.put(ConjunctionCount.ID, ConjunctionCount::parse);
        p.put(PersonNameCount.ID, PersonNameCount::parse);
        p.put(NGramOverlap.ID, NGramOverlap::parse);
        p.put(NumbersCount.ID, NumbersCount::parse);
        p.put(AlphabetLoop.ID, AlphabetLoop::parse);
        p.put(ThreeVowels.ID, ThreeVowels::parse);
        p.put(ConsonantCluster.ID, ConsonantCluster::parse);
        p.put(AlliterationIncrement.ID, AlliterationIncrement::parse);
        p.put(Palindromes.ID, Palindromes::parse);
        p.put(PunctuationCover.ID, PunctuationCover::parse);
        p.put(NestedParentheses.ID, NestedParentheses::parse);
        p.put(NestedQuotes.ID, NestedQuotes::parse);
        p.put(PrimeLengths.ID, PrimeLengths::parse);
        p.put(OptionsResponse.ID, OptionsResponse::parse);
        p.put(NewlineWords.ID, NewlineWords::parse);
        p.put(EmojiSentences.ID, EmojiSentences::parse);
        p.put(SentenceCharacterCount.ID, SentenceCharacterCount::parse);
        p.put(NthWordJapanese.ID, NthWordJapanese::parse);
        p.put(StartWithVerb.ID, StartWithVerb::parse);
        p.put(LimitedWordRepeat.ID, LimitedWordRepeat::parse);
        p.put(IncludeKeyword.ID, IncludeKeyword::parse);
        p.put(PronounCount.ID, PronounCount::parse);
        p.put(AlternateParitySyllables.ID, AlternateParitySyllables::parse);
        p.put(LastWordFirstNext.ID, LastWordFirstNext::parse);
        p.put(ParagraphLastFirst.ID, ParagraphLastFirst::parse);
        p.put(IncrementingWordCount.ID, IncrementingWordCount::parse);
        p.put(NoConsecutiveFirstLetter.ID, NoConsecutiveFirstLetter::parse);
        p.put(IndentStairs.ID, IndentStairs::parse);
        p.put(QuoteExplanation.ID, QuoteExplanation::parse);
        p.put(SpecialBulletPoints.ID, SpecialBulletPoints::parse);
        p.put(ItalicsThesis.ID, ItalicsThesis::parse);
        p.put(SubBulletPoints.ID, SubBulletPoints::parse);
        p.put(SomeBulletPoints.ID, SomeBulletPoints::parse);
        p.put(PrintMultiples.ID, PrintMultiples::parse);
        p.put(MultipleChoiceQuestions.ID, MultipleChoiceQuestions::parse);
        p.put(ReverseNewline.ID, ReverseNewline::parse);
        p.put(WordReverseOrder.ID, WordReverseOrder::parse);
        p.put(CharacterReverseOrder.ID, CharacterReverseOrder::parse);
        p.put(SentenceAlphabet.ID, SentenceAlphabet::parse);
        p.put(EuropeanCapitalsSort.ID, EuropeanCapitalsSort::parse);
        p.put(CityCsv.ID, CityCsv::parse);
        p.put(SpecialCharacterCsv.ID, SpecialCharacterCsv::parse);
        p.put(QuotesCsv.ID, QuotesCsv::parse);
        p.put(DateFormatList.ID, DateFormatList::parse);
        p.put(KeywordsMultiple.ID, KeywordsMultiple::parse);
        p.put(KeywordSpecificPosition.ID, KeywordSpecificPosition::parse);
        p.put(WordsPosition.ID, WordsPosition::parse);
        p.put(RepeatChange.ID, RepeatChange::parse);
        p.put(RepeatSimple.ID, RepeatSimple::parse);
        p.put(RepeatSpan.ID, RepeatSpan::parse);
        p.put(TitleCase.ID, TitleCase::parse);
        p.put(OutputTemplate.ID, OutputTemplate::parse);
        p.put(NoWhitespace.ID, NoWhitespace::parse);
        CATALOG = new Catalog(Source.IFBENCH, p);
    }

    /** The catalog IFBench prompt files are read with. */
    public static Catalog get() {
        return CATALOG;
    }
}
