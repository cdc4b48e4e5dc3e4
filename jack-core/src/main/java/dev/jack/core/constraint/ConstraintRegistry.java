package dev.jack.core.constraint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Maps constraint ids to their parameter parsers. The first 25 are IFEval's, with IFEval's ids. */
public final class ConstraintRegistry {
    private ConstraintRegistry() {}

    private static final Map<String, Function<Kwargs, ? extends Constraint>> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put(KeywordsExistence.ID, KeywordsExistence::parse);
        PARSERS.put(KeywordsFrequency.ID, KeywordsFrequency::parse);
        PARSERS.put(ForbiddenWords.ID, ForbiddenWords::parse);
        PARSERS.put(LetterFrequency.ID, LetterFrequency::parse);
        PARSERS.put(ResponseLanguage.ID, ResponseLanguage::parse);
        PARSERS.put(NumberOfSentences.ID, NumberOfSentences::parse);
        PARSERS.put(NumberOfParagraphs.ID, NumberOfParagraphs::parse);
        PARSERS.put(NumberOfWords.ID, NumberOfWords::parse);
        PARSERS.put(NthParagraphFirstWord.ID, NthParagraphFirstWord::parse);
        PARSERS.put(NumberOfPlaceholders.ID, NumberOfPlaceholders::parse);
        PARSERS.put(Postscript.ID, Postscript::parse);
        PARSERS.put(NumberOfBulletLists.ID, NumberOfBulletLists::parse);
        PARSERS.put(ConstrainedResponse.ID, ConstrainedResponse::parse);
        PARSERS.put(NumberOfHighlightedSections.ID, NumberOfHighlightedSections::parse);
        PARSERS.put(MultipleSections.ID, MultipleSections::parse);
        PARSERS.put(JsonFormat.ID, JsonFormat::parse);
        PARSERS.put(Title.ID, Title::parse);
        PARSERS.put(TwoResponses.ID, TwoResponses::parse);
        PARSERS.put(RepeatPrompt.ID, RepeatPrompt::parse);
        PARSERS.put(EndChecker.ID, EndChecker::parse);
        PARSERS.put(CapitalWordFrequency.ID, CapitalWordFrequency::parse);
        PARSERS.put(EnglishCapital.ID, EnglishCapital::parse);
        PARSERS.put(EnglishLowercase.ID, EnglishLowercase::parse);
        PARSERS.put(NoComma.ID, NoComma::parse);
        PARSERS.put(Quotation.ID, Quotation::parse);
    }

    public static List<String> ids() {
        return List.copyOf(PARSERS.keySet());
    }

    public static boolean isKnown(String id) {
        return PARSERS.containsKey(id);
    }

    /**
     * Builds a constraint from its id and raw kwargs.
     *
     * @throws UnknownConstraintException for an id not in the catalog
     * @throws ParameterException for a missing, mistyped or out-of-range parameter
     */
    public static Constraint create(String id, Map<String, ?> rawKwargs) {
        Function<Kwargs, ? extends Constraint> parser = Optional.ofNullable(PARSERS.get(id))
                .orElseThrow(() -> new UnknownConstraintException(id, ids()));
        Kwargs kwargs = new Kwargs(rawKwargs);
        Constraint c = parser.apply(kwargs);
        kwargs.rejectUnknown();
        return c;
    }
}
