package dev.jack.core.ifevalg;

import dev.jack.core.constraint.ParameterException;
import dev.jack.core.ifbench.Analyses;
import dev.jack.core.ifbench.Args;
import dev.jack.core.ifbench.Checker;
import dev.jack.core.ifbench.Source;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * copy:repeat_phrase — exactly small_n matches of "FIRST .*? LAST" (the phrase's first and last words
 * read as a regular expression, case-sensitive, non-overlapping), each with as many whitespace words
 * as the phrase and differing from it in exactly one word: an unchanged repetition fails, as the
 * verdicts of open-instruct at e6c3044 show (older copies test only the last match). With two or more
 * groups in the pattern the reference fails on the matches' tuples (not followed).
 */
public record RepeatPhrase(String phrase, int smallN) implements Checker {
    public static final String ID = "copy:repeat_phrase";

    public RepeatPhrase {
        pattern(phrase);
    }

    static RepeatPhrase parse(Args a) {
        String phrase = a.stripped("phrase");
        return new RepeatPhrase(phrase, a.integer("small_n", 1, Args.RANDOM_IF_ZERO));
    }

    private static Pattern pattern(String phrase) {
        List<String> words = PyText.split(phrase);
        if (words.isEmpty()) throw new ParameterException("phrase", "must have a word");
        String python = words.getFirst() + " .*? " + words.getLast();
        try {
            return PyRegex.cached(python, 0);
        } catch (PyRegex.InvalidPatternException e) {
            throw new ParameterException("phrase", "its first and last words form the regular expression \"" + python
                    + "\", which the reference cannot compile: " + e.getMessage());
        }
    }

    public String id() { return ID; }

    public Source source() { return Source.IFEVALG; }

    public String description() {
        return "Repeat the phrase " + phrase + " exactly " + smallN
                + " times, transforming it slightly each time by replacing only one word in the center of the phrase.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("phrase", phrase, "small_n", smallN);
    }

    public boolean check(String response, Analyses text) {
        Matcher m = pattern(phrase).matcher(response);
        if (m.groupCount() > 1) return false;
        List<String> found = new ArrayList<>();
        while (m.find()) found.add(m.groupCount() == 1 ? (m.group(1) == null ? "" : m.group(1)) : m.group());
        if (found.size() != smallN) return false;
        List<String> reference = PyText.split(phrase);
        for (String match : found) {
            List<String> words = PyText.split(match);
            if (words.size() != reference.size()) return false;
            int differences = 0;
            for (int i = 0; i < words.size(); i++) if (!words.get(i).equals(reference.get(i))) differences++;
            if (differences != 1) return false;
        }
        return true;
    }
}
