package dev.jack.core.constraint.ifbench;

import dev.jack.core.text.Emoji;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.PyText;
import dev.jack.core.text.StopWords;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * count:unique_word_count's, count:person_names', ratio:stop_words', words:odd_even_syllables', format:emoji's,
 * ratio:sentence_type's and ratio:sentence_balance's in-place scans against the reference's steps written plainly
 * ({@code set(w.strip(string.punctuation + ' ') for w in response.lower().split())}; the names among the set of
 * {@code \w+} runs; lower-cased {@code \w+} words looked up in NLTK's list; every pair of neighbouring words' syllable
 * parities; each sentence with string.punctuation removed, stripped; each sentence's last char): the same verdict at
 * and around each count's edge, on every response in {@code ../shared/ifbench} and on generated texts dense in case,
 * punctuation, Unicode spaces and non-ASCII letters.
 */
class WordScanEquivalenceTest {
    private static int uniqueWords(String response) {
        Set<String> unique = new HashSet<>();
        for (String w : PyText.split(PyText.lower(response))) unique.add(PyText.stripPunctuation(w));
        return unique.size();
    }

    private static double stopWordShare(String response) {
        List<String> words = PyText.wordRunTexts(response);
        if (words.isEmpty()) return -1;
        long stop = words.stream().filter(w -> StopWords.isEnglish(PyText.lower(w))).count();
        return ((double) stop / words.size()) * 100;
    }

    private static final TextTools TEXT = new TextTools(PunktParameters::english);

    private static int personNames(String response) {
        Set<String> runs = new HashSet<>(PyText.wordRunTexts(response));
        return (int) PersonNameCount.NAMES.stream().filter(runs::contains).count();
    }

    private static boolean alternateParity(String response) {
        List<String> words = PyText.split(PyText.lower(PyText.removePunctuation(response)));
        for (int i = 0; i + 1 < words.size(); i++) {
            if (TEXT.syllables(words.get(i)) % 2 == TEXT.syllables(words.get(i + 1)) % 2) return false;
        }
        return true;
    }

    private static boolean emojiSentences(String response) {
        List<String> sentences = TEXT.sentences(response);
        for (int i = 0; i < sentences.size(); i++) {
            String stripped = PyText.strip(PyText.removePunctuation(sentences.get(i)));
            if (stripped.isEmpty()) return false;
            int last = stripped.codePointBefore(stripped.length());
            int beforeLast = stripped.length() > Character.charCount(last)
                    ? stripped.codePointBefore(stripped.length() - Character.charCount(last)) : last;
            if (Emoji.isEmoji(last) || Emoji.isEmoji(beforeLast)) continue;
            if (i == sentences.size() - 1) return false;
            String next = PyText.strip(PyText.removePunctuation(sentences.get(i + 1)));
            if (next.isEmpty() || !Emoji.isEmoji(next.codePointAt(0))) return false;
        }
        return true;
    }

    /** How many of Punkt's sentences end with the mark, each sentence made as a string. */
    private static long endingWith(String response, String mark) {
        return TEXT.sentences(response).stream().filter(s -> s.endsWith(mark)).count();
    }

    private static void check(String response) {
        TEXT.forgetRecent();
        assertEquals(emojiSentences(response), new EmojiSentences().isFollowedBy(response, TEXT), response);
        long statements = endingWith(response, ".");
        long questions = endingWith(response, "?");
        long exclamations = endingWith(response, "!");
        assertEquals(statements == 2 * questions, new SentenceTypeRatio().isFollowedBy(response, TEXT), response);
        assertEquals(statements == questions && questions == exclamations, new SentenceBalance().isFollowedBy(response, TEXT), response);
        int unique = uniqueWords(response);
        for (int n : new int[] {0, 1, unique - 1, unique, unique + 1}) {
            assertEquals(unique >= n, new UniqueWordCount(n).isFollowedBy(response, null), response + " | N=" + n);
        }
        int names = personNames(response);
        for (int n : new int[] {0, 1, names - 1, names, names + 1}) {
            assertEquals(names >= n, new PersonNameCount(n).isFollowedBy(response, null), response + " | names N=" + n);
        }
        assertEquals(alternateParity(response), new AlternateParitySyllables().isFollowedBy(response, TEXT), response);
        double share = stopWordShare(response);
        for (double p : new double[] {share, share - 0.5, share + 0.5, 0, 100}) {
            if (p < 0) continue;
            assertEquals(share >= 0 && share <= p, new StopWordPercentage(p).isFollowedBy(response, null), response + " | percentage=" + p);
        }
    }

    private static final String[] FRAGMENTS = {"The", "the", "THE", "and", "AND", "don", "T", "s", "İt", "ſo", "K", "İ",
            "ourselves", "OURSELVES", "yourselves", "hello", "Café", "naïve", "über", "ß", "ΣΑΣ", "😀", "_", "__", "a_b",
            "x1", "٣", "Emma", "emma", "EMMA", "Emma_", "Emmas", "Leo", "Mia", "Mia2", "Ava", "Zoe", "Zoë", "Jonathan", "banana", "river", "garden", "fire", "every", "...", "!!", "😀.", ". 😀", "✨!", "©", "end.", "Why?", "\uD83C\uDDFA\uD83C\uDDF8.", "'", "\"", "(a)", "-", "--", "*", ",", "the.", ".the", "'the'", "Wow!", "So?!", "x😀?", "😀!", "?", "!"};
    private static final String[] SPACES = {" ", "  ", "\n", "\t", "\u00a0", "\u2003", "\u0085", "\u3000", "", "\u001c"};

    @Test
    void sameVerdictsOnGeneratedTexts() {
        Random random = new Random(21);
        for (int i = 0; i < 30_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(SPACES[random.nextInt(SPACES.length)]);
            }
            check(b.toString());
        }
    }

    @Test
    void sameVerdictsOnTheReferenceResponses() throws IOException {
        for (String response : ReferenceResponses.all()) check(response);
    }
}
