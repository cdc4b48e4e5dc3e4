package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.Span;
import dev.jack.core.curate.MinimalEdits;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
import dev.jack.example.LastWord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spans each IFEval checker gives for its verdict, on hand-made responses: what breaks a failed check, what
 * satisfies a passed one, and where something missing would go (shown as {@code @index}).
 */
class SpansTest {
    static final TextTools TEXT = new TextTools(PunktParameters::english);
    static final Set<String> COVERED = new HashSet<>();

    /** The spans as the text each covers, an empty span as @start; checks the verdict and one label word too. */
    private static void check(Constraint c, String response, boolean followed, String labelHas, String... expected) {
        COVERED.add(c.id());
        assertEquals(followed, c.isFollowedBy(response, TEXT), c.id() + " on " + response);
        List<Span> spans = c.spans(response, TEXT);
        List<String> shown = new ArrayList<>();
        for (Span s : spans) shown.add(s.start() == s.end() ? "@" + s.start() : response.substring(s.start(), s.end()));
        assertEquals(List.of(expected), shown, c.id() + " on " + response + ": " + spans);
        if (labelHas != null) assertTrue(spans.stream().anyMatch(s -> s.label().contains(labelHas)), labelHas + " in " + spans);
    }

    @Test
    void keywords() {
        KeywordsExistence exist = new KeywordsExistence(List.of("budget", "timeline"));
        check(exist, "The budget and the timeline. Budget again.", true, "keyword budget", "budget", "timeline");
        check(exist, "Only a budget.", false, "missing keyword timeline", "@14");
        check(new KeywordsFrequency("price", 2, Relation.LESS_THAN), "price, price and Prices", false, "fewer than 2", "price", "Price");
        check(new KeywordsFrequency("price", 3, Relation.AT_LEAST), "price, price and Prices", true, null, "price", "price", "Price");
        check(new KeywordsFrequency("price", 4, Relation.AT_LEAST), "price, price", false, "2 more", "price", "price", "@12");
        check(new ForbiddenWords(List.of("cheap", "easy")), "It is cheap, not Easy; easygoing.", false, "forbidden word", "cheap", "Easy");
        check(new ForbiddenWords(List.of("cheap")), "Fine.", true, null);
        check(new LetterFrequency("z", 2, Relation.LESS_THAN), "Zoo zebra", false, "letter z 2", "z");
    }

    @Test
    void language() {
        check(new ResponseLanguage("en"), "  Hello there, this is a plain English sentence about the weather today.  ", true, "detected language en",
                "Hello there, this is a plain English sentence about the weather today.");
        check(new ResponseLanguage("fr"), "Hello there, this is a plain English sentence about the weather today.", false, "not fr",
                "Hello there, this is a plain English sentence about the weather today.");
    }

    @Test
    void lengths() {
        check(new NumberOfSentences(2, Relation.LESS_THAN), "One is here. Two is here. Three is here.", false, "sentence 2", "Two is here.", "Three is here.");
        check(new NumberOfSentences(4, Relation.AT_LEAST), "One is here. Two is here.", false, "2 more", "One is here.", "Two is here.", "@25");
        check(new NumberOfParagraphs(2), "A\n\n***\n\n\n***\n\nB", false, "empty paragraph", "\n***\n", "\n", "\n***\n");
        check(new NumberOfParagraphs(3), "A\n***\nB", false, "2 paragraphs", "\n***\n", "@7");
        check(new NumberOfWords(3, Relation.LESS_THAN), "one two three four", false, "words 3 to 4", "three four");
        check(new NumberOfWords(3, Relation.AT_LEAST), "one two three four", true, "4 words", "one two three four");
        check(new NthParagraphFirstWord(2, 2, "however"), "First para.\n\nHowever, this works.", true, "first word of paragraph 2", "However");
        check(new NthParagraphFirstWord(2, 2, "however"), "First.\n\nBut no.", false, "not \"however\"", "But");
        check(new NthParagraphFirstWord(3, 2, "however"), "First.\n\n'However' yes.", false, "2 paragraphs, exactly 3", "However", "@22");
    }

    @Test
    void content() {
        check(new NumberOfPlaceholders(3), "Dear [name], at [address].", false, "1 more placeholder", "[name]", "[address]", "@26");
        check(new Postscript("P.S."), "Thanks.\n\np.s. see you\nBye", true, "postscript", "p.s. see you");
        check(new Postscript("P.P.S"), "Thanks.", false, "no postscript", "@7");
    }

    @Test
    void formats() {
        check(new NumberOfBulletLists(2), "* a\n* b\n- c", false, "bullet 3", "- c");
        check(new NumberOfBulletLists(2), "* a\n* b", true, "bullet 1", "* a", "* b");
        check(new NumberOfBulletLists(2), "Intro.\n* a", false, "1 more bullet", "* a", "@10");
        check(new ConstrainedResponse(), "I think my answer is yes", false, "not exactly", "my answer is yes");
        check(new ConstrainedResponse(), "Well. My answer is no.", true, "answer option", "My answer is no.");
        check(new NumberOfHighlightedSections(2), "This is *one* thing.", false, "1 more highlight", "*one*", "@20");
        check(new NumberOfHighlightedSections(1), "A **bold** move", true, null, "**bold**");
        check(new MultipleSections("Section", 3), "Section 1\nA\nSection 2\nB", false, "1 more section marker", "Section 1", "Section 2", "@23");
        check(new JsonFormat(), "```json\n{\"a\": 1}\n```", true, "JSON value", "{\"a\": 1}");
        check(new JsonFormat(), "```json\n{\"a\": 1,}\n```", false, "not JSON", "}");
        check(new Title(), "<<My Title>>\nText", true, "title", "<<My Title>>");
        check(new Title(), "<<  >> text", false, "empty title", "<<  >>");
        check(new Title(), "  No title.", false, "no title", "@2");
        check(new TwoResponses(), "A\n******\nB", true, "separator", "******");
        check(new TwoResponses(), "A\n******\nA", false, "the same response again", "******", "\nA");
        check(new TwoResponses(), "A and B", false, "no ****** separator", "@7");
    }

    @Test
    void startAndEnd() {
        check(new RepeatPrompt("Write a poem."), "  write a poem. Here it is.", true, "repeated request", "write a poem.");
        check(new RepeatPrompt("Write a poem."), "Write a song. Here it is.", false, "differs", "song.");
        check(new EndChecker("Any other questions?"), "Done. Any other questions?\"", true, "end phrase", "Any other questions?");
        check(new EndChecker("Any other questions?"), "Done. Any other question", false, "not with the end phrase", ". Any other question");
        check(new Quotation(), " \"quoted\" ", true, "opening", "\"", "\"");
        check(new Quotation(), "not quoted", false, "no closing", "@0", "@10");
    }

    @Test
    void caseAndPunctuation() {
        check(new CapitalWordFrequency(2, Relation.AT_LEAST), "THE cat is BIG", true, "capital word 1", "THE", "BIG");
        check(new CapitalWordFrequency(2, Relation.LESS_THAN), "THE cat is BIG", false, "capital word 2", "BIG");
        check(new EnglishCapital(), "HELLO world AND more", false, "not in capitals", "world", "more");
        check(new EnglishCapital(), "HELLO WORLD, THIS IS A SHORT NOTE IN CAPITAL LETTERS.", true, "all capitals",
                "HELLO WORLD, THIS IS A SHORT NOTE IN CAPITAL LETTERS.");
        check(new EnglishLowercase(), "hello World and MORE things\nNew line", false, "not in lowercase", "World", "MORE", "New");
        check(new EnglishLowercase(), "hello World Again", false, null, "World Again");
        check(new NoComma(), "a, b, c", false, "comma", ",", ",");
        check(new NoComma(), "a b c", true, null);
    }

    @Test
    void everyIfevalConstraintIsCovered() {
        keywords();
        language();
        lengths();
        content();
        formats();
        startAndEnd();
        caseAndPunctuation();
        assertEquals(new HashSet<>(ConstraintRegistry.ids(IfevalCatalog.SOURCE)), COVERED);
    }

    @Test
    void constraintsWithoutSpansOrEditsStillWork() {
        LastWord last = new LastWord("tomorrow");
        assertEquals(List.of(), last.spans("See you tomorrow", TEXT));
        assertEquals(List.of(), last.breaks("See you tomorrow", TEXT));
        assertEquals(List.of(), MinimalEdits.pairs(1, List.of(last), List.of("See you tomorrow", "See you"), new Verifier(TEXT),
                new MinimalEdits.Options(MinimalEdits.Mode.BOTH, 2, 1, false)));
    }
}
