package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.Map;

/**
 * A verifiable instruction constraint: typed parameters, the wording that states it in a prompt and a
 * checker whose verdicts equal IFEval's reference scorer.
 */
public sealed interface Constraint permits
        KeywordsExistence, KeywordsFrequency, ForbiddenWords, LetterFrequency, ResponseLanguage,
        NumberOfSentences, NumberOfParagraphs, NumberOfWords, NthParagraphFirstWord, NumberOfPlaceholders,
        Postscript, NumberOfBulletLists, ConstrainedResponse, NumberOfHighlightedSections, MultipleSections,
        JsonFormat, Title, TwoResponses, RepeatPrompt, EndChecker, CapitalWordFrequency, EnglishCapital,
        EnglishLowercase, NoComma, Quotation {

    /** The IFEval instruction id, e.g. {@code punctuation:no_comma}. */
    String id();

    /** The instruction as IFEval words it. */
    String description();

    /** The checker, applied to one response (or one loose variant of it). */
    boolean isFollowedBy(String response, TextTools text);

    /** The parameters under IFEval's kwargs names. */
    Map<String, Object> kwargs();
}
