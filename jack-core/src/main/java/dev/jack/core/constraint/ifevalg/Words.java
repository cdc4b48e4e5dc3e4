package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Word kwargs that IFEvalG's reference also accepts as a list, using its first element. */
final class Words {
    private Words() {}

    /** The stripped word, from a string or from the first element of a non-empty list. */
    static String wordOrFirstOfList(Kwargs k, String field) {
        Object raw = k.raw(field);
        if (raw instanceof List<?> list) {
            if (list.isEmpty()) throw new ParameterException(field, Kwargs.RANDOM_IF_EMPTY);
            if (!(list.getFirst() instanceof String s)) throw new ParameterException(field + "[0]", "must be a string, got " + Kwargs.describe(list.getFirst()));
            raw = s;
        }
        if (!(raw instanceof String s)) throw new ParameterException(field, "must be a string or a list of strings, got " + Kwargs.describe(raw));
        if (s.isEmpty()) throw new ParameterException(field, Kwargs.RANDOM_IF_EMPTY);
        String word = PyText.strip(s);
        if (word.isEmpty()) throw new ParameterException(field, "must not be blank");
        return word;
    }

    /** {@code re.sub(r'[^\w\s]', '', word)}: only word characters and whitespace kept. */
    static String withoutPunctuation(String word) {
        StringBuilder b = new StringBuilder(word.length());
        word.codePoints().filter(cp -> PyText.isWordChar(cp) || PyText.isSpace(cp)).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** Each regex-splitter sentence's first (or last) whitespace word, located: {sentence start, word start, word end}. */
    private static List<int[]> sentenceWords(String response, TextTools text, boolean last) {
        List<String> sentences = text.regexSentences(response);
        List<int[]> at = Edits.locate(response, sentences);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            List<int[]> words = at.get(i) == null ? List.of() : Edits.whitespaceWords(sentences.get(i));
            if (words.isEmpty()) continue;
            int[] w = last ? words.getLast() : words.getFirst();
            out.add(new int[] {at.get(i)[0], at.get(i)[0] + w[0], at.get(i)[0] + w[1]});
        }
        return out;
    }

    /** Whether a sentence's first word, or its last with punctuation removed, is the expected word, ignoring case. */
    private static boolean matches(String word, boolean last, String expected) {
        return PyText.lower(last ? withoutPunctuation(word) : word).equals(PyText.lower(expected));
    }

    /** The spans of first_word:first_word_sent (or last_word:last_word_sent): each sentence's word, marked when it is not the expected one. */
    static List<Span> sentenceWordSpans(String response, TextTools text, boolean last, String expected) {
        List<Span> out = new ArrayList<>();
        int n = 0;
        for (int[] w : sentenceWords(response, text, last)) {
            boolean ok = matches(response.substring(w[1], w[2]), last, expected);
            out.add(new Span(w[1], w[2], (last ? "last" : "first") + " word of sentence " + ++n + (ok ? "" : ", not " + expected)));
        }
        return out;
    }

    /** The response with the expected word put before the first word (or after the last, before its punctuation) of each sentence that lacks it. */
    static String sentenceWordRepair(String response, TextTools text, boolean last, String expected) {
        // Built in one forward pass (the sentences' words lie in order; inserting into the response would cost its
        // length per sentence).
        StringBuilder edited = new StringBuilder(response.length());
        int copied = 0;
        for (int[] w : sentenceWords(response, text, last)) {
            String word = response.substring(w[1], w[2]);
            if (matches(word, last, expected)) continue;
            int put = last ? w[1] + PyText.rstrip(word, PyText.PUNCTUATION).length() : w[1];
            edited.append(response, copied, put).append(last ? " " + expected : expected + " ");
            copied = put;
        }
        return edited.append(response, copied, response.length()).toString();
    }

    /** A neutral sentence added at the start or at the end, each candidate that makes the response fail. */
    static List<Edit> sentenceWordBreaks(String response, Predicate<String> followed) {
        int start = PyText.stripStart(response);
        List<Edit> out = new ArrayList<>();
        for (String s : Edits.fillers(response, 2)) {
            out.add(new Edit("add_sentence", Edits.replace(response, start, start, s + " ")));
            out.add(new Edit("add_sentence", Edits.appended(response, s)));
        }
        return Edits.verified(out, followed.negate());
    }
}
