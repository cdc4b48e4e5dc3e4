package dev.jack.core.constraint.ifbench;

import dev.jack.core.text.PyChars;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The checkers that read {@code str.split()} words one at a time and stop once decided (words:no_consecutive,
 * words:prime_lengths, words:consonants, words:palindrome, count:words_japanese, words:repeats, count:conjunctions,
 * words:alphabet), sentence:increment's words counted in place and words:last_first's words found in place, against
 * the reference's steps written plainly over the whole split (each sentence's split for sentence:increment and
 * words:last_first): the same counts and verdicts, at and around each count's edge, on every response in
 * {@code ../shared/ifbench}, on alphabet runs, sentence chains and generated texts dense in repeats, palindromes,
 * conjunctions, punctuation, Unicode spaces, lone surrogates and Japanese.
 */
class OneWordAtATimeEquivalenceTest {
    /**
     * {@code text.translate(str.maketrans("", "", string.punctuation)).split()} as Python holds it: each word's code
     * points. A surrogate pair is one code point only where its halves are neighbours in the text (as Python's JSON
     * decoder pairs them); two lone surrogates that the deletion brings together stay two, where a Java string of the
     * result would pair them.
     */
    private static List<int[]> wordsWithoutPunctuationPy(String text) {
        List<int[]> words = new ArrayList<>();
        List<Integer> word = new ArrayList<>();
        int[] codePoints = text.codePoints().filter(cp -> cp >= 128 || !PyText.isPunctuation((char) cp)).toArray();
        for (int i = 0; i <= codePoints.length; i++) {
            if (i == codePoints.length || PyText.isSpace(codePoints[i])) {
                if (!word.isEmpty()) words.add(word.stream().mapToInt(Integer::intValue).toArray());
                word.clear();
            } else {
                word.add(codePoints[i]);
            }
        }
        return words;
    }

    private static boolean noConsecutive(String response) {
        List<int[]> words = wordsWithoutPunctuationPy(PyText.lower(response));
        for (int i = 0; i + 1 < words.size(); i++) if (words.get(i)[0] == words.get(i + 1)[0]) return false;
        return true;
    }

    private static boolean primeLengths(String response) {
        for (int[] w : wordsWithoutPunctuationPy(response)) {
            int n = w.length;
            boolean prime = n >= 2 && n <= 97;
            for (int d = 2; d * d <= n && prime; d++) prime = n % d != 0;
            if (!prime) return false;
        }
        return true;
    }

    private static boolean consonants(String response) {
        for (String word : PyText.split(PyText.lower(response))) {
            boolean cluster = false;
            for (int i = 0; i + 1 < word.length(); i++) {
                cluster |= "bcdfghjklmnpqrstvwxyz".indexOf(word.charAt(i)) >= 0 && "bcdfghjklmnpqrstvwxyz".indexOf(word.charAt(i + 1)) >= 0;
            }
            if (!cluster) return false;
        }
        return true;
    }

    private static boolean palindromes(String response) {
        int found = 0;
        for (String w : PyText.split(PyText.lower(PyText.removePunctuation(response)))) {
            if (PyText.length(w) >= 5 && w.equals(PyText.reverse(w))) found++;
        }
        return found >= 10;
    }

    private static boolean japanese(String response, int n) {
        List<String> words = PyText.split(response);
        for (int i = n - 1; i < words.size(); i += n) {
            String word = PyText.stripPunctuation(words.get(i));
            boolean hasJapanese = word.chars().anyMatch(c -> (c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF));
            if (!word.isEmpty() && !PyChars.isDigits(word) && !hasJapanese) return false;
        }
        return true;
    }

    private static int mostRepeats(String response) {
        Map<String, Integer> counts = new HashMap<>();
        int most = 0;
        for (String w : PyText.split(PyText.removePunctuation(PyText.lower(response)))) most = Math.max(most, counts.merge(w, 1, Integer::sum));
        return most;
    }

    private static int conjunctions(String response) {
        Set<String> found = new HashSet<>();
        for (String w : PyText.split(response)) {
            if (Set.of("and", "but", "for", "nor", "or", "so", "yet").contains(PyText.lower(PyText.stripPunctuation(w)))) found.add(w);
        }
        return found.size();
    }

    private static final TextTools TEXT = new TextTools(PunktParameters::english);

    private static boolean lastFirst(String response) {
        List<String> sentences = TEXT.sentences(response);
        for (int i = 0; i + 1 < sentences.size(); i++) {
            List<String> last = PyText.split(PyText.rstrip(sentences.get(i), PyText.PUNCTUATION_AND_SPACE));
            List<String> first = PyText.split(PyText.lstrip(sentences.get(i + 1), PyText.PUNCTUATION_AND_SPACE));
            if (last.isEmpty() || first.isEmpty()) return false;
            if (!PyText.lower(last.getLast()).equals(PyText.lower(first.getFirst()))) return false;
        }
        return true;
    }

    private static int wordsWithoutPunctuation(String s) {
        return PyText.split(PyText.removePunctuation(s)).size();
    }

    private static boolean incrementing(String response, int smallN) {
        List<String> sentences = TEXT.sentences(response);
        if (sentences.isEmpty()) return false;
        for (int i = 1; i < sentences.size(); i++) {
            if (wordsWithoutPunctuation(sentences.get(i)) != wordsWithoutPunctuation(sentences.get(i - 1)) + smallN) return false;
        }
        return true;
    }

    private static boolean alphabet(String response) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz";
        // The reference strips punctuation and spaces from the text and from each word: with the punctuation deleted,
        // that changes no word.
        List<int[]> words = wordsWithoutPunctuationPy(response);
        if (words.isEmpty()) return false;
        String letter = PyText.lower(Character.toString(words.getFirst()[0]));
        if (!alphabet.contains(letter)) return false;
        int at = alphabet.indexOf(letter);
        for (int[] w : words.subList(1, words.size())) {
            at = (at + 1) % 26;
            if (PyText.lower(new String(w, 0, w.length)).codePointAt(0) != alphabet.charAt(at)) return false;
        }
        return true;
    }

    private static void check(String response) {
        TEXT.forgetRecent();
        assertEquals(alphabet(response), new AlphabetLoop().isFollowedBy(response, null), response);
        assertEquals(wordsWithoutPunctuation(response), Regions.wordsWithoutPunctuation(response, 0, response.length()), response);
        List<String> sentences = TEXT.sentences(response);
        int step = sentences.size() < 2 ? 1 : wordsWithoutPunctuation(sentences.get(1)) - wordsWithoutPunctuation(sentences.get(0));
        for (int n : new int[] {0, 1, step}) {
            assertEquals(incrementing(response, n), new IncrementingWordCount(n).isFollowedBy(response, TEXT), response + " | small_n=" + n);
        }
        assertEquals(noConsecutive(response), new NoConsecutiveFirstLetter().isFollowedBy(response, null), response);
        assertEquals(primeLengths(response), new PrimeLengths().isFollowedBy(response, null), response);
        assertEquals(consonants(response), new ConsonantCluster().isFollowedBy(response, null), response);
        assertEquals(palindromes(response), new Palindromes().isFollowedBy(response, null), response);
        assertEquals(lastFirst(response), new LastWordFirstNext().isFollowedBy(response, TEXT), response);
        for (int n = 1; n <= 3; n++) assertEquals(japanese(response, n), new NthWordJapanese(n).isFollowedBy(response, null), response + " | N=" + n);
        int conjunctions = conjunctions(response);
        for (int n : new int[] {0, 1, conjunctions - 1, conjunctions, conjunctions + 1}) {
            assertEquals(conjunctions >= n, new ConjunctionCount(n).isFollowedBy(response, null), response + " | conjunctions " + n);
        }
        int most = mostRepeats(response);
        for (int n : new int[] {0, 1, most - 1, most, most + 1}) {
            assertEquals(most <= n, new LimitedWordRepeat(n).isFollowedBy(response, null), response + " | small_n=" + n);
        }
    }

    private static final String[] FRAGMENTS = {"level", "Level", "LEVEL", "racecar", "noon", "abcba", "a", "bb", "strength", "Tree",
            "tree", "cat,", "dog.", "3", "17", "٣", "日本", "ひらがな", "カタカナ", "漢字。", "x日", "...", "'", "-", "ΣΑΣ", "İi", "ſ",
            "\uD800", "\uDC00", "\uD83D\uDE00", "😀😀", "a_b", "Kayak", "le\uD83D\uDE00el", "x\uDE00\uD83Dx", "\uD83D\uDE00ab\uDE00\uD83D", "ÅND", "nÖr", "ÿet", "\uD83D.\uDE00", "\uD801.\uDC00", "\uD801\uDC28", "\uD801\uDC00", "\uD83D\uDE00x", "'\uD83D,", "\uDE00y", "ΣΑ", "Σ.", "İx", "and", "And,", "(but)", "or", "OR", "so.", "yet", "nor", "Stop.", "Why?", "Two words.", "No!", "a . b", "x.y"};
    private static final String[] SPACES = {" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u0085", "\u3000", "", "\u001c"};

    @Test
    void sameVerdictsOnGeneratedTexts() {
        Random random = new Random(1515);
        for (int i = 0; i < 30_000; i++) check(GeneratedTexts.of(random, 40, FRAGMENTS, SPACES));
    }

    /** Texts in alphabet order, and ones out of it by a case, a Σ, an İ or a punctuation mark. */
    @Test
    void sameVerdictsOnAlphabetRuns() {
        for (String text : List.of("a b c d", "Apple banana Cherry date", "x. y, z! a? b", "yes zebra apple", "y z b", "'a' b c",
                "Σ a", "b Σ", "İ j", "h İ j", "a bb C d e f g h i j k l m n o p q r s t u v w x y z a", " \u00a0a\u2003b ", "a - b", "-a b")) {
            check(text);
        }
    }

    /** Sentences that chain, and ones that almost do: by case, a prefix, non-ASCII letters, punctuation, spaces. */
    @Test
    void sameVerdictsOnSentenceChains() {
        for (String text : List.of("Go to the park. Park is big. Big dogs run!", "Go to the park. PARK is big.", "I saw the cat. Cats run.",
                "I saw the cats. Cat runs.", "We met Σας. σας left.", "Look at İt. i̇t is here.", "Look at İt. it is here.",
                "End with ... \"Word\"! (word) starts.", "Trailing space .  \u00a0 Space\tfollows.", "One. . Two.", "Hi.\nhi there.",
                "Café au lait. CAFÉ again.", "x\uD83D\uDE00. x\uD83D\uDE00 too.", "Straße. STRASSE.")) {
            check(text);
        }
    }

    @Test
    void sameVerdictsOnTheReferenceResponses() throws IOException {
        for (String response : ReferenceResponses.all()) check(response);
    }
}
