package dev.jack.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The oracle for {@link NltkWordTokenizer}: nltk 3.8's NLTKWordTokenizer as its ordered regex
 * substitutions (translated with {@link PyRegex}), then a split on whitespace. This was Jack's
 * implementation before the hand-written scanners (less a shortcut that skipped contraction patterns
 * on text a previous contraction had changed); tests check that both give the same tokens. Java's
 * lookbehind sees only half of a supplementary character, so {@code \b} next to an astral letter
 * (e.g. U+1D400) differs from Python's here; the scanners follow Python.
 */
final class RegexTreebankOracle {
    private record Rule(Pattern pattern, String replacement, Predicate<String> mayMatch) {
        String apply(String text) {
            return mayMatch.test(text) ? pattern.matcher(text).replaceAll(replacement) : text;
        }
    }

    private static Rule rule(String python, String javaReplacement, Predicate<String> mayMatch) {
        return new Rule(PyRegex.compile(python), javaReplacement, mayMatch);
    }

    private static Predicate<String> anyOf(String chars) {
        return text -> {
            for (int i = 0; i < text.length(); i++) if (chars.indexOf(text.charAt(i)) >= 0) return true;
            return false;
        };
    }

    private static Predicate<String> contains(String literal) {
        return text -> text.contains(literal);
    }

    private static final List<Rule> STARTING_QUOTES = List.of(
            rule("([«“‘„]|[`]+)", " $1 ", anyOf("«“‘„`")),
            rule("^\"", "``", text -> text.startsWith("\"")),
            rule("(``)", " $1 ", contains("``")),
            rule("([ (\\[{<])(\"|'{2})", "$1 `` ", anyOf("\"'")),
            rule("(?i)(')(?!re|ve|ll|m|t|s|d|n)(\\w)\\b", "$1 $2", anyOf("'")));

    private static final List<Rule> PUNCTUATION = List.of(
            rule("([^.])(\\.)([\\])}>\"'»”’ ]*)\\s*$", "$1 $2 $3 ", anyOf(".")),
            rule("([:,])([^\\d])", " $1 $2", anyOf(":,")),
            rule("([:,])$", " $1 ", anyOf(":,")),
            rule("\\.{2,}", " $0 ", contains("..")),
            rule("[;@#$%&]", " $0 ", anyOf(";@#$%&")),
            rule("([^.])(\\.)([\\])}>\"']*)\\s*$", "$1 $2$3 ", anyOf(".")),
            rule("[?!]", " $0 ", anyOf("?!")),
            rule("([^'])' ", "$1 ' ", contains("' ")),
            rule("[*]", " $0 ", anyOf("*")),
            rule("[\\]\\[(){}<>]", " $0 ", anyOf("[](){}<>")),
            rule("--", " -- ", contains("--")));

    private static final List<Rule> ENDING_QUOTES = List.of(
            rule("([»”’])", " $1 ", anyOf("»”’")),
            rule("''", " '' ", contains("''")),
            rule("\"", " '' ", anyOf("\"")),
            rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 ", anyOf("'")),
            rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 ", anyOf("'")));

    /** MacIntyre's contractions (their trigger words are not used: see tokenizeSentence). */
    private static final List<Rule> CONTRACTIONS = List.of(
            rule("(?i)\\b(can)(?#X)(not)\\b", " $1 $2 ", contains("cannot")),
            rule("(?i)\\b(d)(?#X)('ye)\\b", " $1 $2 ", contains("d'ye")),
            rule("(?i)\\b(gim)(?#X)(me)\\b", " $1 $2 ", contains("gimme")),
            rule("(?i)\\b(gon)(?#X)(na)\\b", " $1 $2 ", contains("gonna")),
            rule("(?i)\\b(got)(?#X)(ta)\\b", " $1 $2 ", contains("gotta")),
            rule("(?i)\\b(lem)(?#X)(me)\\b", " $1 $2 ", contains("lemme")),
            rule("(?i)\\b(more)(?#X)('n)\\b", " $1 $2 ", contains("more'n")),
            rule("(?i)\\b(wan)(?#X)(na)(?=\\s)", " $1 $2 ", contains("wanna")),
            rule("(?i) ('t)(?#X)(is)\\b", " $1 $2 ", contains(" 'tis")),
            rule("(?i) ('t)(?#X)(was)\\b", " $1 $2 ", contains(" 'twas")));

    private final PunktSentenceTokenizer sentences;

    RegexTreebankOracle(PunktSentenceTokenizer sentences) {
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
        // Every contraction pattern runs on the text the previous one left: a space one inserts can
        // complete another's match (" 'tis" after "gotta'tis" becomes "got ta 'tis").
        for (Rule r : CONTRACTIONS) text = r.pattern().matcher(text).replaceAll(r.replacement());
        return PyText.split(text);
    }
}
