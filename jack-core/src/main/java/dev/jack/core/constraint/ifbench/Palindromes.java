package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.AtLeastCount;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/** words:palindrome — at least 10 lower-cased whitespace words of 5+ characters (punctuation deleted) read the same reversed. */
public record Palindromes() implements AtLeastCount {
    public static final String ID = "words:palindrome";

    public static final ConstraintType<Palindromes> TYPE = ConstraintType.builder(ID, Palindromes::parse)
            .example(new Palindromes())
            .conflict(ResponseLanguage.ID, "its sentence is English")
            .hardness(0.55)
            .phrasings("Include at least 10 single-word palindromes, each at least 5 characters long.",
                    "Use ten or more palindromic words of five letters or more, such as level or radar.",
                    "Your response must contain at least 10 different words of at least 5 letters that read the same backwards.")
            .synthesis(330, () -> Sampling.INSTANCE)
            .build();

    private static Palindromes parse(Kwargs k) {
        return new Palindromes();
    }

    public ConstraintType<Palindromes> type() { return TYPE; }

    public String description() {
        return "Include at least 10 single-word palindromes, each at least 5 characters long.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // The words read one at a time and compared in place; the tenth palindrome ends the scan.
        String words = PyText.lower(PyText.removePunctuation(response));
        int found = 0;
        int end = 0;
        for (int start; (start = PyText.wordStart(words, end)) < words.length(); ) {
            end = PyText.wordEnd(words, start);
            // Fewer than five chars are fewer than five code points.
            if (end - start < 5 || !isPalindrome(words, start, end) || words.codePointCount(start, end) < 5) continue;
            if (++found >= 10) return true;
        }
        return false;
    }

    /**
     * {@code w.equals(PyText.reverse(w))} for {@code w = s[from, to)}, compared in place: a char that is no surrogate
     * is its own code point and lands mirrored in the reversed word, so it must equal its mirror; a word with a
     * surrogate on the way is reversed as a string.
     */
    private static boolean isPalindrome(String s, int from, int to) {
        for (int i = from, j = to - 1; i < j; i++, j--) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                String w = s.substring(from, to);
                return w.equals(PyText.reverse(w));
            }
            if (c != s.charAt(j)) return false;
        }
        return true;
    }

    private static final List<String> PALINDROMES = List.of("level", "radar", "civic", "kayak", "refer", "madam", "rotor",
            "stats", "tenet", "minim", "racecar", "redder", "repaper", "reviver", "deified", "solos", "sagas");

    private static final List<String> PALINDROME_SENTENCES = PALINDROMES.stream().map(w -> "Say " + w + ".").toList();

    /** The palindromes of five or more characters, and, fewer than ten, where more would go. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> found = Edits.whitespaceWords(response).stream().filter(w -> {
            String word = PyText.lower(PyText.removePunctuation(response.substring(w[0], w[1])));
            return PyText.length(word) >= 5 && word.equals(PyText.reverse(word));
        }).toList();
        return Edits.counted(found, dev.jack.core.constraint.Relation.AT_LEAST, 10, "palindrome", Edits.textEnd(response));
    }

    public String addOperation() { return "add_palindromes"; }

    /** Short sentences with one palindrome each. */
    public List<String> addedSentences() { return PALINDROME_SENTENCES; }

    /** Ten palindromes from the list, in one sentence. */
    private enum Sampling implements Sketch<Palindromes> {
        INSTANCE;

        public void content(Draft d) {
            List<String> words = new ArrayList<>(PALINDROMES);
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < 10; i++) chosen.add(words.remove(d.nextInt(words.size())));
            d.addSentence("These words read the same both ways: " + String.join(" ", chosen) + ".");
        }

        public Palindromes finish(Draft d) {
            return new Palindromes();
        }
    }
}
