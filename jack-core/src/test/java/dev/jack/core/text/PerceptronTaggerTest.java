package dev.jack.core.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled tagger against NLTK's own {@code PerceptronTagger.tag} (nltk 3.8 with the same json
 * weights, tag dictionary and classes) on 600 tokenized sentences of IFBench's prompts and our responses
 * ({@code perceptron_tags.jsonl}), every tag of every token.
 */
class PerceptronTaggerTest {
    @Test
    void tagsEqualNltks() {
        List<String> differences = new ArrayList<>();
        int tokens = 0;
        for (Map<?, ?> c : Fixtures.lines("perceptron_tags.jsonl")) {
            @SuppressWarnings("unchecked")
            List<String> words = (List<String>) c.get("tokens");
            tokens += words.size();
            List<String> tags = PerceptronTagger.english().tag(words);
            if (!tags.equals(c.get("tags"))) differences.add(words + "\n  expected " + c.get("tags") + "\n  got      " + tags);
        }
        assertTrue(tokens > 5000, "the fixture is large enough: " + tokens);
        assertTrue(differences.isEmpty(), differences.size() + " sentences differ:\n" + String.join("\n", differences));
    }

    /** The first tag alone, as StartWithVerb asks for it, equals the whole tagging's first tag. */
    @Test
    void firstTagAloneEqualsTheWholeTaggingsFirst() {
        int checked = 0;
        for (Map<?, ?> c : Fixtures.lines("perceptron_tags.jsonl")) {
            @SuppressWarnings("unchecked")
            List<String> words = (List<String>) c.get("tokens");
            for (int from = 0; from < Math.min(words.size(), 6); from++) {
                List<String> rest = words.subList(from, words.size());
                assertEquals(PerceptronTagger.english().tag(rest).getFirst(), PerceptronTagger.english().tagFirst(rest), rest.toString());
                checked++;
            }
        }
        assertTrue(checked > 500, "checked " + checked);
        assertThrows(java.util.NoSuchElementException.class, () -> PerceptronTagger.english().tagFirst(List.of()));
    }

    @Test
    void capitalisedImperativesAreOftenProperNouns() {
        assertEquals("NNP", PerceptronTagger.english().tag(List.of("Run", "fast", ".")).getFirst());
        assertEquals("VB", PerceptronTagger.english().tag(List.of("Imagine", "a", "world", ".")).getFirst());
        assertEquals(List.of(), PerceptronTagger.english().tag(List.of()));
    }
}
