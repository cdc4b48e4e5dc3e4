package dev.jack.core.constraint.ifeval;

import dev.jack.core.SharedData;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference scorer's behaviour, quirks included, one constraint at a time. */
class ConstraintCheckTest {
    private static final TextTools NO_PUNKT = new TextTools(() -> {
        throw new AssertionError("these checks must not need Punkt");
    });

    private static boolean check(String id, Map<String, ?> kwargs, String response) {
        return ConstraintRegistry.create(id, kwargs).isFollowedBy(response, NO_PUNKT);
    }

    private static boolean check(String id, String response) {
        return check(id, Map.of(), response);
    }

    @Test
    void keywordsAreCaseInsensitiveRegularExpressions() {
        var k = Map.of("keywords", List.of("Paris", "eif+el"));
        assertTrue(check(KeywordsExistence.ID, k, "PARIS has the Eiffel tower"));
        assertFalse(check(KeywordsExistence.ID, k, "Paris has a tower"));
        assertTrue(check(KeywordsExistence.ID, Map.of("keywords", List.of("art")), "a party"), "substring matches count");
    }

    @Test
    void keywordFrequencyCountsNonOverlappingMatches() {
        var atLeast2 = Map.of("keyword", " ana ", "frequency", 2, "relation", "at least");
        assertTrue(check(KeywordsFrequency.ID, Map.of("keyword", "na", "frequency", 3, "relation", "at least"), "Banana NA"));
        assertFalse(check(KeywordsFrequency.ID, Map.of("keyword", "ana", "frequency", 2, "relation", "at least"), "banana"), "'ana' twice would overlap");
        assertTrue(check(KeywordsFrequency.ID, Map.of("keyword", "cat", "frequency", 1, "relation", "less than"), "a dog"));
        assertTrue(check(KeywordsFrequency.ID, atLeast2, "ana ana"), "the keyword is stripped, so ' ana ' is 'ana'");
    }

    @Test
    void forbiddenWordsMatchWholeWordsOnly() {
        var k = Map.of("forbidden_words", List.of("cat", "dog"));
        assertTrue(check(ForbiddenWords.ID, k, "concatenate the dogs"));
        assertFalse(check(ForbiddenWords.ID, k, "My CAT."));
        assertFalse(check(ForbiddenWords.ID, k, "hot-dog"));
        assertTrue(check(ForbiddenWords.ID, k, "caté"), "é is a word character");
    }

    @Test
    void letterFrequencyIgnoresCase() {
        var k = Map.of("letter", "A", "let_frequency", 3, "let_relation", "at least");
        assertTrue(check(LetterFrequency.ID, k, "Aa a"));
        assertFalse(check(LetterFrequency.ID, k, "Aa"));
        assertTrue(check(LetterFrequency.ID, Map.of("letter", "#", "let_frequency", 2, "let_relation", "at least"), "#one #two"),
                "a non-letter target counts that character (Jack's deterministic rule)");
    }

    @Test
    void numberOfWordsCountsWordRuns() {
        assertTrue(check(NumberOfWords.ID, Map.of("num_words", 4, "relation", "at least"), "it's a co-op"));
        assertFalse(check(NumberOfWords.ID, Map.of("num_words", 4, "relation", "less than"), "it's a co-op"));
    }

    @Test
    void paragraphsAreSeparatedByMarkdownDividers() {
        var two = Map.of("num_paragraphs", 2);
        assertTrue(check(NumberOfParagraphs.ID, two, "one\n***\ntwo"));
        assertTrue(check(NumberOfParagraphs.ID, two, "***\none\n***\ntwo\n***"), "empty first and last pieces are ignored");
        assertFalse(check(NumberOfParagraphs.ID, two, "one\n***\n***\ntwo"), "an empty middle paragraph fails");
        assertTrue(check(NumberOfParagraphs.ID, Map.of("num_paragraphs", 3), "a****b***c"), "four stars: *** and a leftover star");
    }

    @Test
    void nthParagraphFirstWordKeepsTheReferenceIndexing() {
        var k = Map.of("num_paragraphs", 2, "nth_paragraph", 2, "first_word", "Then");
        assertTrue(check(NthParagraphFirstWord.ID, k, "First.\n\n\"Then, we left.\""));
        assertFalse(check(NthParagraphFirstWord.ID, k, "First.\n\nThenceforth."));
        assertFalse(check(NthParagraphFirstWord.ID, k, "\n\nFirst.\n\nThen."), "n indexes the raw split, so paragraph 2 is 'First.'");
        assertFalse(check(NthParagraphFirstWord.ID, k, "First.\n\nThen.\n\nMore."));
    }

    @Test
    void placeholdersAreBracketsOnOneLine() {
        var two = Map.of("num_placeholders", 2);
        assertTrue(check(NumberOfPlaceholders.ID, two, "[name] at [address]"));
        assertFalse(check(NumberOfPlaceholders.ID, two, "[name\n] at [address]"));
        assertFalse(check(NumberOfPlaceholders.ID, two, "[[a] b]"), "one lazy match '[[a]', then no '[' is left");
    }

    @Test
    void postscriptMayAppearAnywhere() {
        assertTrue(check(Postscript.ID, Map.of("postscript_marker", "P.S."), "Bye. p. s. see you"));
        assertTrue(check(Postscript.ID, Map.of("postscript_marker", "P.P.S"), "text P.P.S more"));
        assertFalse(check(Postscript.ID, Map.of("postscript_marker", "P.S."), "PS see you"));
        assertTrue(check(Postscript.ID, Map.of("postscript_marker", "Note:"), "NOTE: bring a coat"));
    }

    @Test
    void bulletListsUseTheReferenceRegexes() {
        var three = Map.of("num_bullets", 3);
        assertTrue(check(NumberOfBulletLists.ID, three, "* a\n* b\n- c"));
        assertFalse(check(NumberOfBulletLists.ID, three, "* a\n* b\n** c"));
        assertTrue(check(NumberOfBulletLists.ID, Map.of("num_bullets", 1), "*\n* b"), "a lone '*' swallows the next line");
        assertTrue(check(NumberOfBulletLists.ID, Map.of("num_bullets", 2), "\n\n  * a\n-b"));
    }

    @Test
    void constrainedResponseNeedsAnOption() {
        assertTrue(check(ConstrainedResponse.ID, "Well. My answer is maybe."));
        assertFalse(check(ConstrainedResponse.ID, "my answer is yes."));
    }

    @Test
    void highlightsCountSingleAndDoubleAsterisksSeparately() {
        assertFalse(check(NumberOfHighlightedSections.ID, Map.of("num_highlights", 2), "**bold**"),
                "the single-asterisk pass sees two empty '**' spans, so bold counts once");
        assertTrue(check(NumberOfHighlightedSections.ID, Map.of("num_highlights", 2), "*a* **b**"));
        assertFalse(check(NumberOfHighlightedSections.ID, Map.of("num_highlights", 1), "* *\n*a\nb*"));
        assertTrue(check(NumberOfHighlightedSections.ID, Map.of("num_highlights", 2), "*a* and *b*"));
    }

    @Test
    void sectionsAreCountedBySplitterMatches() {
        var k = Map.of("section_spliter", "SECTION", "num_sections", 2);
        assertTrue(check(MultipleSections.ID, k, "SECTION 1\nx\nSECTION 2\ny"));
        assertFalse(check(MultipleSections.ID, k, "Section 1\nx\nSection 2\ny"), "case matters");
        assertTrue(check(MultipleSections.ID, k, "SECTION1 SECTION 22"));
    }

    @Test
    void jsonMayBeFenced() {
        assertTrue(check(JsonFormat.ID, "```json\n{\"a\": 1}\n```"));
        assertTrue(check(JsonFormat.ID, "  [1, 2]  "));
        assertTrue(check(JsonFormat.ID, "```JSON\nNaN\n```"));
        assertFalse(check(JsonFormat.ID, "Here it is: {\"a\": 1}"));
        assertFalse(check(JsonFormat.ID, "```python\n{}\n```"));
    }

    @Test
    void titlesNeedNonBlankText() {
        assertTrue(check(Title.ID, "<<A title>>\ntext"));
        assertFalse(check(Title.ID, "<< >>"));
        assertFalse(check(Title.ID, "<<a\nb>>"));
        assertTrue(check(Title.ID, "<<>> and <<x>>"), "greedy: one match '<<>> and <<x>>' with text inside");
    }

    @Test
    void twoResponsesMustDiffer() {
        assertTrue(check(TwoResponses.ID, "one\n******\ntwo"));
        assertTrue(check(TwoResponses.ID, "******one******two******"));
        assertFalse(check(TwoResponses.ID, "same\n******\n same "));
        assertFalse(check(TwoResponses.ID, "a******\n******b"));
    }

    @Test
    void repeatPromptIgnoresCaseAndOuterSpace() {
        var k = Map.of("prompt_to_repeat", " Tell me a joke. ");
        assertTrue(check(RepeatPrompt.ID, k, "tell me a JOKE. Why did..."));
        assertFalse(check(RepeatPrompt.ID, k, "Sure! Tell me a joke."));
    }

    @Test
    void endPhraseIgnoresQuotesAndCase() {
        var k = Map.of("end_phrase", "Any other questions?");
        assertTrue(check(EndChecker.ID, k, "\"Done. any other questions?\"\n"));
        assertFalse(check(EndChecker.ID, k, "Any other questions? Bye."));
    }

    @Test
    void noCommaAndQuotation() {
        assertTrue(check(NoComma.ID, "no commas here，fullwidth is fine"));
        assertFalse(check(NoComma.ID, "a, b"));
        assertTrue(check(Quotation.ID, " \"quoted\"\n"));
        assertFalse(check(Quotation.ID, "\""), "a lone quote is too short");
    }

    @Test
    void caseConstraintsCheckCaseBeforeLanguage() {
        assertFalse(check(EnglishCapital.ID, "MOSTLY CAPITALS but not all"));
        assertFalse(check(EnglishLowercase.ID, "all lowercase except Me"));
        assertTrue(check(EnglishLowercase.ID, "this is an english sentence written entirely in lowercase letters."));
        assertFalse(check(EnglishLowercase.ID, "ceci est une phrase entièrement écrite en lettres minuscules françaises."));
        assertTrue(check(EnglishCapital.ID, "THIS IS AN ENGLISH SENTENCE WRITTEN ENTIRELY IN CAPITAL LETTERS FOR THE TEST."));
    }

    @Test
    void languageIsDetectedAndUndetectableTextPasses() {
        var french = Map.of("language", "fr");
        assertTrue(check(ResponseLanguage.ID, french, "Bonjour, je voudrais réserver une table pour deux personnes ce soir."));
        assertFalse(check(ResponseLanguage.ID, french, "Hello, I would like to book a table for two people tonight."));
        assertTrue(check(ResponseLanguage.ID, french, "12345 !!! ..."), "no features: counted as followed, as in the reference");
    }

    @Test
    void sentenceAndCapitalWordCountsUsePunktAndNltk() {
        TextTools english = new TextTools(() -> PunktParameters.load(SharedData.punktEnglish()));
        Constraint sentences = ConstraintRegistry.create(NumberOfSentences.ID, Map.of("num_sentences", 3, "relation", "less than"));
        assertTrue(sentences.isFollowedBy("Mr. Smith met Dr. Jones. They talked.", english));
        assertFalse(sentences.isFollowedBy("One. Two. Three.", english));
        Constraint capitals = ConstraintRegistry.create(CapitalWordFrequency.ID, Map.of("capital_frequency", 3, "capital_relation", "at least"));
        assertTrue(capitals.isFollowedBy("The USA and the UK DON'T agree.", english), "USA, UK, DO and N'T");
        assertFalse(capitals.isFollowedBy("The USA and the U.K. agree.", english));
    }
}
