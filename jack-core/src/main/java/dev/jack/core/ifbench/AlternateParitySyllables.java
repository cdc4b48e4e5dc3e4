package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;
import dev.jack.core.text.Syllables;

import java.util.List;
import java.util.Set;

/**
 * words:odd_even_syllables — the syllable counts (syllapy 0.7.2) of consecutive whitespace words, with
 * ASCII punctuation deleted and lower-cased, alternate between odd and even; words syllapy cannot count
 * (digits) count 0, which is even.
 */
public record AlternateParitySyllables() implements Checker {
    public static final String ID = "words:odd_even_syllables";

    static AlternateParitySyllables parse(Args a) {
        return new AlternateParitySyllables();
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Alternate between words with odd and even numbers of syllables.";
    }

    public Set<Analysis> analyses() {
        return Set.of(Analysis.SYLLABLES);
    }

    public boolean check(String response, Analyses text) {
        List<String> words = PyText.split(PyText.lower(PyStr.removePunctuation(response)));
        for (int i = 0; i + 1 < words.size(); i++) {
            if (Syllables.count(words.get(i)) % 2 == Syllables.count(words.get(i + 1)) % 2) return false;
        }
        return true;
    }
}
