package dev.jack.core.synth;

import dev.jack.core.constraint.CapitalWordFrequency;
import dev.jack.core.constraint.ConstrainedResponse;
import dev.jack.core.constraint.EndChecker;
import dev.jack.core.constraint.EnglishCapital;
import dev.jack.core.constraint.EnglishLowercase;
import dev.jack.core.constraint.ForbiddenWords;
import dev.jack.core.constraint.JsonFormat;
import dev.jack.core.constraint.KeywordsExistence;
import dev.jack.core.constraint.KeywordsFrequency;
import dev.jack.core.constraint.LetterFrequency;
import dev.jack.core.constraint.MultipleSections;
import dev.jack.core.constraint.NoComma;
import dev.jack.core.constraint.NthParagraphFirstWord;
import dev.jack.core.constraint.NumberOfBulletLists;
import dev.jack.core.constraint.NumberOfHighlightedSections;
import dev.jack.core.constraint.NumberOfParagraphs;
import dev.jack.core.constraint.NumberOfPlaceholders;
import dev.jack.core.constraint.NumberOfSentences;
import dev.jack.core.constraint.NumberOfWords;
import dev.jack.core.constraint.Postscript;
import dev.jack.core.constraint.Quotation;
import dev.jack.core.constraint.RepeatPrompt;
import dev.jack.core.constraint.ResponseLanguage;
import dev.jack.core.constraint.Title;
import dev.jack.core.constraint.TwoResponses;

import java.util.List;

/** Short names for the constraint ids synthesis works with. */
final class Ids {
    private Ids() {}

    static final String KEYWORDS = KeywordsExistence.ID;
    static final String KEYWORD_FREQUENCY = KeywordsFrequency.ID;
    static final String FORBIDDEN = ForbiddenWords.ID;
    static final String LETTER_FREQUENCY = LetterFrequency.ID;
    static final String LANGUAGE = ResponseLanguage.ID;
    static final String SENTENCES = NumberOfSentences.ID;
    static final String PARAGRAPHS = NumberOfParagraphs.ID;
    static final String WORDS = NumberOfWords.ID;
    static final String NTH_PARAGRAPH = NthParagraphFirstWord.ID;
    static final String PLACEHOLDERS = NumberOfPlaceholders.ID;
    static final String POSTSCRIPT = Postscript.ID;
    static final String BULLETS = NumberOfBulletLists.ID;
    static final String CONSTRAINED = ConstrainedResponse.ID;
    static final String HIGHLIGHTS = NumberOfHighlightedSections.ID;
    static final String SECTIONS = MultipleSections.ID;
    static final String JSON = JsonFormat.ID;
    static final String TITLE = Title.ID;
    static final String TWO_RESPONSES = TwoResponses.ID;
    static final String REPEAT_PROMPT = RepeatPrompt.ID;
    static final String END_PHRASE = EndChecker.ID;
    static final String CAPITAL_WORDS = CapitalWordFrequency.ID;
    static final String CAPITAL = EnglishCapital.ID;
    static final String LOWERCASE = EnglishLowercase.ID;
    static final String NO_COMMA = NoComma.ID;
    static final String QUOTATION = Quotation.ID;

    /**
     * The constraints synthesis draws from: IFEval's 25 less constrained_response, whose fixed answers
     * ("My answer is yes.") only make sense for yes/no questions, which open-ended base tasks are not.
     */
    static final List<String> SYNTHESIZED = List.of(KEYWORDS, KEYWORD_FREQUENCY, FORBIDDEN, LETTER_FREQUENCY,
            LANGUAGE, SENTENCES, PARAGRAPHS, WORDS, NTH_PARAGRAPH, PLACEHOLDERS, POSTSCRIPT, BULLETS, HIGHLIGHTS,
            SECTIONS, JSON, TITLE, TWO_RESPONSES, REPEAT_PROMPT, END_PHRASE, CAPITAL_WORDS, CAPITAL, LOWERCASE,
            NO_COMMA, QUOTATION);
}
