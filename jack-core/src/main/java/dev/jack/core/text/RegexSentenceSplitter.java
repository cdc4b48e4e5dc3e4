package dev.jack.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rule-based sentence splitter of Google's IFEval {@code instructions_util.split_into_sentences},
 * which open-instruct's IFEvalG uses (IFBench and IFEval's own sentence counts use Punkt instead).
 * Abbreviations, initials, acronyms, decimals, ellipses and web suffixes get their dots masked as
 * {@code <prd>}; every remaining {@code . ? !} ends a sentence; sentences are stripped and a trailing
 * empty one dropped. Literal {@code <prd>} and {@code <stop>} in the text are read as markers, as in
 * the reference.
 */
public final class RegexSentenceSplitter {
    private RegexSentenceSplitter() {}

    private static final String ALPHABETS = "([A-Za-z])";
    private static final String PREFIXES = "(Mr|St|Mrs|Ms|Dr)[.]";
    private static final String SUFFIXES = "(Inc|Ltd|Jr|Sr|Co)";
    private static final String STARTERS =
            "(Mr|Mrs|Ms|Dr|Prof|Capt|Cpt|Lt|He\\s|She\\s|It\\s|They\\s|Their\\s|Our\\s|We\\s|But\\s|However\\s|That\\s|This\\s|Wherever)";
    private static final String ACRONYMS = "([A-Z][.][A-Z][.](?:[A-Z][.])?)";
    private static final String WEBSITES = "[.](com|net|org|io|gov|edu|me)";
    private static final String DIGITS = "([0-9])";

    private record Rule(Pattern pattern, String replacement) {
        String apply(String text) {
            return pattern.matcher(text).replaceAll(replacement);
        }
    }

    private static Rule rule(String python, String javaReplacement) {
        return new Rule(PyRegex.compile(python), javaReplacement);
    }

    private static final Rule PREFIX = rule(PREFIXES, "$1<prd>");
    private static final Rule WEBSITE = rule(WEBSITES, "<prd>$1");
    private static final Rule DECIMAL = rule(DIGITS + "[.]" + DIGITS, "$1<prd>$2");
    private static final Pattern MULTIPLE_DOTS = PyRegex.compile("\\.{2,}");
    private static final List<Rule> AFTER_PHD = List.of(
            rule("\\s" + ALPHABETS + "[.] ", " $1<prd> "),
            rule(ACRONYMS + " " + STARTERS, "$1<stop> $2"),
            rule(ALPHABETS + "[.]" + ALPHABETS + "[.]" + ALPHABETS + "[.]", "$1<prd>$2<prd>$3<prd>"),
            rule(ALPHABETS + "[.]" + ALPHABETS + "[.]", "$1<prd>$2<prd>"),
            rule(" " + SUFFIXES + "[.] " + STARTERS, " $1<stop> $2"),
            rule(" " + SUFFIXES + "[.]", " $1<prd>"),
            rule(" " + ALPHABETS + "[.]", " $1<prd>"));

    /** The sentences of the text, stripped, as the reference returns them. */
    public static List<String> split(String text) {
        text = " " + text + "  ";
        text = text.replace("\n", " ");
        text = PREFIX.apply(text);
        text = WEBSITE.apply(text);
        text = DECIMAL.apply(text);
        text = MULTIPLE_DOTS.matcher(text).replaceAll(m -> "<prd>".repeat(m.group().length()) + "<stop>");
        if (text.contains("Ph.D")) text = text.replace("Ph.D.", "Ph<prd>D<prd>");
        for (Rule r : AFTER_PHD) text = r.apply(text);
        text = text.replace(".”", "”.").replace(".\"", "\".").replace("!\"", "\"!").replace("?\"", "\"?");
        text = text.replace(".", ".<stop>").replace("?", "?<stop>").replace("!", "!<stop>").replace("<prd>", ".");
        List<String> sentences = new ArrayList<>();
        for (String s : PyText.split(text, "<stop>")) sentences.add(PyText.strip(s));
        if (!sentences.isEmpty() && sentences.getLast().isEmpty()) sentences.removeLast();
        return sentences;
    }
}
