package dev.jack.core.text;

import dev.jack.core.SharedData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected tokens are NLTK 3.8's documented outputs. */
class NltkWordTokenizerTest {
    @Test
    void treebankRulesOnOneSentence() {
        assertEquals(List.of("Good", "muffins", "cost", "$", "3.88", "(", "roughly", "3,36", "euros", ")", "in", "New",
                        "York.", "Please", "buy", "me", "two", "of", "them.", "Thanks", "."),
                NltkWordTokenizer.tokenizeSentence("Good muffins cost $3.88 (roughly 3,36 euros)\nin New York.  Please buy me\ntwo of them.\nThanks."));
        assertEquals(List.of("They", "'ll", "save", "and", "invest", "more", "."), NltkWordTokenizer.tokenizeSentence("They'll save and invest more."));
        assertEquals(List.of("hi", ",", "my", "name", "ca", "n't", "hello", ","), NltkWordTokenizer.tokenizeSentence("hi, my name can't hello,"));
        // The second opening quote follows "--", not a space, so it is read as a closing quote.
        assertEquals(List.of("``", "Hello", "''", "she", "said", "--", "''", "WHAT", "?", "''"),
                NltkWordTokenizer.tokenizeSentence("\"Hello\" she said--\"WHAT?\""));
        assertEquals(List.of("I", "wan", "na", "go", "to", "the", "U.S.A", "."), NltkWordTokenizer.tokenizeSentence("I wanna go to the U.S.A."));
        assertEquals(List.of("«", "Bonjour", "»", "*", "bold", "*", "a", ";", "b"), NltkWordTokenizer.tokenizeSentence("«Bonjour» *bold* a;b"));
    }

    @Test
    void wordTokenizeSplitsSentencesFirst() {
        NltkWordTokenizer words = new NltkWordTokenizer(new PunktSentenceTokenizer(PunktParameters.load(SharedData.punktEnglish())));
        assertEquals(List.of("Good", "muffins", "cost", "$", "3.88", "in", "New", "York", ".", "Please", "buy", "me", "two",
                        "of", "them", ".", "Thanks", "."),
                words.tokenize("Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\n\nThanks."));
    }
}
