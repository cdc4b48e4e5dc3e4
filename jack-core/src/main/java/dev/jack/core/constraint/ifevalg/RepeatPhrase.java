package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.ifbench.TitleCase;
import dev.jack.core.constraint.ifeval.EnglishCapital;
import dev.jack.core.constraint.ifeval.EnglishLowercase;
import dev.jack.core.constraint.ifeval.ResponseLanguage;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

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
public record RepeatPhrase(String phrase, int smallN) implements Constraint {
    public static final String ID = "copy:repeat_phrase";

    public static final ConstraintType<RepeatPhrase> TYPE = ConstraintType.builder(ID, RepeatPhrase::parse)
            .parameters(Parameter.string("phrase"), Parameter.integer("small_n", 1))
            .example(new RepeatPhrase("The patient farmer waits for spring rain", 2))
            .conflict(ResponseLanguage.ID, "its phrases are English")
            .conflict(EnglishLowercase.ID, "the phrase's first and last words are matched as written")
            .conflict(EnglishCapital.ID, "the phrase's first and last words are matched as written")
            .conflict(TitleCase.ID, "the phrase's first and last words are matched as written")
            .hardness(0.6)
            .phrasings("Repeat the phrase {phrase} exactly {small_n} times, transforming it slightly each time by replacing only one word in the center of the phrase.",
                    "Write the phrase \"{phrase}\" {small_n} {times}, each time with exactly one word in its middle replaced.",
                    "Include {small_n} {variations} of the phrase \"{phrase}\", each changing only one word in the center.")
            .synthesis(300, Sampling::new)
            .build();

    public RepeatPhrase {
        pattern(phrase);
    }

    private static RepeatPhrase parse(Kwargs k) {
        String phrase = k.strippedString("phrase");
        return new RepeatPhrase(phrase, k.integer("small_n", 1, Kwargs.RANDOM_IF_ZERO));
    }

    public ConstraintType<RepeatPhrase> type() { return TYPE; }

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

    public String description() {
        return "Repeat the phrase " + phrase + " exactly " + smallN
                + " times, transforming it slightly each time by replacing only one word in the center of the phrase.";
    }

    public Map<String, Object> kwargs() {
        return Map.of("phrase", phrase, "small_n", smallN);
    }

    public boolean isFollowedBy(String response, TextTools text) {
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

    /** Phrases whose first and last words occur nowhere else in synthesized text, and that contain no keyword. */
    private static final List<String> PHRASES = List.of("Golden lamps glow softly over the bay tonight",
            "Silent streams carry old songs toward the sea", "Patient farmers wait for the spring rain",
            "Brave sailors cross the cold northern ocean", "Ancient walls stand above the sleeping hills");
    private static final List<String> REPLACEMENTS = List.of("gently", "bright", "little", "distant", "quiet", "warm");

    /** Each match of the phrase's first word ... last word, and, with another count than small_n, where that shows. */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> found = found(response);
        List<Span> out = new ArrayList<>(Edits.numbered(found, "phrase variation"));
        if (found.size() != smallN) out.add(Span.missing(Edits.textEnd(response), found.size() + " variations, exactly " + smallN + " needed"));
        return out;
    }

    /** The matches of the reference's pattern, as {@code [start, end)}. */
    private List<int[]> found(String response) {
        Matcher m = pattern(phrase).matcher(response);
        List<int[]> out = new ArrayList<>();
        while (m.find()) out.add(new int[] {m.start(), m.end()});
        return out;
    }

    /** The phrase with its middle word replaced, as a sentence. */
    private String variation() {
        List<String> words = new ArrayList<>(PyText.split(phrase));
        int middle = words.size() / 2;
        words.set(middle, words.get(middle).equals("other") ? "another" : "other");
        return String.join(" ", words) + ".";
    }

    /** The last variation cut, or another one added. */
    public List<Edit> breaks(String response, TextTools text) {
        List<int[]> found = found(response);
        List<Edit> out = new ArrayList<>(2);
        if (!found.isEmpty()) out.add(new Edit("remove_variation", Edits.cutAll(response, found.subList(found.size() - 1, found.size()))));
        out.add(new Edit("add_variation", Edits.appended(response, variation())));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** Variations cut from the end or added until there are small_n. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> found = found(response);
        String edited = found.size() > smallN ? Edits.cutAll(response, found.subList(smallN, found.size()))
                : Edits.appended(response, String.join(" ", java.util.Collections.nCopies(Math.min(Edits.MAX_ADDED, smallN - found.size()), variation())));
        return Edits.verified(List.of(new Edit(found.size() > smallN ? "remove_variations" : "add_variations", edited)), r -> isFollowedBy(r, text));
    }

    /** One to three sentences, each the phrase with its middle word replaced. */
    private static final class Sampling implements Sketch<RepeatPhrase> {
        private String phrase;
        private int n;

        public void content(Draft d) {
            phrase = d.pick(PHRASES);
            n = d.between(1, 3);
            List<String> words = PyText.split(phrase);
            int middle = words.size() / 2;
            for (int i = 0; i < n; i++) {
                List<String> variant = new ArrayList<>(words);
                variant.set(middle, d.pick(REPLACEMENTS.stream().filter(w -> !w.equals(words.get(middle))).toList()));
                d.addSentence(String.join(" ", variant) + ".");
            }
        }

        public RepeatPhrase finish(Draft d) {
            return new RepeatPhrase(phrase, n);
        }
    }
}
