package dev.jack.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code nltk.word_tokenize} as of nltk 3.8: Punkt splits the text into sentences, then each sentence
 * goes through the NLTKWordTokenizer's ordered regex substitutions and is split on whitespace.
 */
public final class NltkWordTokenizer {
    private record Rule(Pattern pattern, String replacement) {
        String apply(String text) {
            return pattern.matcher(text).replaceAll(replacement);
        }
    }

    private static Rule rule(String python, String javaReplacement) {
        return new Rule(PyRegex.compile(python), javaReplacement);
    }

    private static final List<Rule> STARTING_QUOTES = List.of(
            rule("([«“‘„]|[`]+)", " $1 "),
            rule("^\"", "``"),
            rule("(``)", " $1 "),
            rule("([ (\\[{<])(\"|'{2})", "$1 `` "),
            rule("(?i)(')(?!re|ve|ll|m|t|s|d|n)(\\w)\\b", "$1 $2"));

    private static final List<Rule> PUNCTUATION = List.of(
            rule("([^.])(\\.)([\\])}>\"'»”’ ]*)\\s*$", "$1 $2 $3 "),
            rule("([:,])([^\\d])", " $1 $2"),
            rule("([:,])$", " $1 "),
            rule("\\.{2,}", " $0 "),
            rule("[;@#$%&]", " $0 "),
            rule("([^.])(\\.)([\\])}>\"']*)\\s*$", "$1 $2$3 "),
            rule("[?!]", " $0 "),
            rule("([^'])' ", "$1 ' "),
            rule("[*]", " $0 "),
            rule("[\\]\\[(){}<>]", " $0 "),
            rule("--", " -- "));

    private static final List<Rule> ENDING_QUOTES = List.of(
            rule("([»”’])", " $1 "),
            rule("''", " '' "),
            rule("\"", " '' "),
            rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
            rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "),
            rule("(?i)\\b(can)(?#X)(not)\\b", " $1 $2 "),
            rule("(?i)\\b(d)(?#X)('ye)\\b", " $1 $2 "),
            rule("(?i)\\b(gim)(?#X)(me)\\b", " $1 $2 "),
            rule("(?i)\\b(gon)(?#X)(na)\\b", " $1 $2 "),
            rule("(?i)\\b(got)(?#X)(ta)\\b", " $1 $2 "),
            rule("(?i)\\b(lem)(?#X)(me)\\b", " $1 $2 "),
            rule("(?i)\\b(more)(?#X)('n)\\b", " $1 $2 "),
            rule("(?i)\\b(wan)(?#X)(na)(?=\\s)", " $1 $2 "),
            rule("(?i) ('t)(?#X)(is)\\b", " $1 $2 "),
            rule("(?i) ('t)(?#X)(was)\\b", " $1 $2 "));

    private final PunktSentenceTokenizer sentences;

    public NltkWordTokenizer(PunktSentenceTokenizer sentences) {
        this.sentences = sentences;
    }

    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String sentence : sentences.sentences(text)) tokens.addAll(tokenizeSentence(sentence));
        return tokens;
    }

    /** NLTKWordTokenizer.tokenize on one sentence. */
    static List<String> tokenizeSentence(String text) {
        for (Rule r : STARTING_QUOTES) text = r.apply(text);
        for (Rule r : PUNCTUATION) text = r.apply(text);
        text = " " + text + " ";
        for (Rule r : ENDING_QUOTES) text = r.apply(text);
        return PyText.split(text);
    }
}
