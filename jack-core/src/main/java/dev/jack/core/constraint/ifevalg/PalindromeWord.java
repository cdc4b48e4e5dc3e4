package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifbench.TitleCase;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/** keywords:palindrome — some whitespace word reads the same reversed, case-sensitively; "I" and "a" count. */
public record PalindromeWord() implements Constraint {
    public static final String ID = "keywords:palindrome";

    public static final ConstraintType<PalindromeWord> TYPE = ConstraintType.builder(ID, PalindromeWord::parse)
            .example(new PalindromeWord())
            .conflict(ResponseLanguage.ID, "its sentence is English")
            .conflict(TitleCase.ID, "a capitalized word no longer reads the same backwards")
            .hardness(0.3)
            .phrasings("Include a palindrome in your response.",
                    "Use at least one palindrome word, such as level or radar.",
                    "Somewhere in your answer, include a word that reads the same backwards.")
            .synthesis(300, () -> Sampling.INSTANCE)
            .build();

    private static PalindromeWord parse(Kwargs k) {
        return new PalindromeWord();
    }

    public ConstraintType<PalindromeWord> type() { return TYPE; }

    public String description() {
        return "Include a palindrome in your response.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return PyText.words(response).stream().anyMatch(w -> w.equals(PyText.reverse(w)));
    }

    private static final List<String> PALINDROMES = List.of("level", "radar", "civic", "kayak", "refer", "noon", "madam");

    /** The whitespace words that are palindromes, or, with none, where one would go. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        for (int[] w : palindromes(response)) out.add(new Span(w[0], w[1], "palindrome"));
        if (out.isEmpty()) out.add(Span.missing(Edits.textEnd(response), "no palindrome"));
        return out;
    }

    private static List<int[]> palindromes(String response) {
        return Edits.whitespaceWords(response).stream().filter(w -> {
            String word = response.substring(w[0], w[1]);
            return word.equals(PyText.reverse(word));
        }).toList();
    }

    /** Every palindrome cut. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("remove_palindromes", Edits.cutAll(response, palindromes(response)))), r -> !isFollowedBy(r, text));
    }

    /** A sentence with palindromes ("did", "noon") added. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(Edits.appending("add_palindrome", response, "We did it at noon.")), r -> isFollowedBy(r, text));
    }

    /** One sentence with a lowercase palindrome between spaces. */
    private enum Sampling implements Sketch<PalindromeWord> {
        INSTANCE;

        public void content(Draft d) {
            d.addSentence("Say the word " + d.pick(PALINDROMES) + " aloud.");
        }

        public PalindromeWord finish(Draft d) {
            return new PalindromeWord();
        }
    }
}
