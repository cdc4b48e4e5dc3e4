package dev.jack.core.constraint;

import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A prompt being synthesized, as its constraints' {@link Sketch}es see it: the attempt's random draws, the
 * base task, the other constraints, the sentence pool and the witness response. Methods say in which
 * phases they may be used; all random draws come from the attempt's own generator.
 */
public interface Draft {

    /** A uniform draw from 0 (inclusive) to {@code bound} (exclusive). */
    int nextInt(int bound);

    /** A uniform draw from {@code lo} to {@code hi}, both inclusive. */
    int between(int lo, int hi);

    /** A uniform pick from a non-empty list. */
    <T> T pick(List<T> list);

    /** {@code n} different items of a list of at least {@code n}, in random order. */
    default <T> List<T> pickDistinct(List<T> list, int n) {
        List<T> left = new ArrayList<>(list);
        List<T> picked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) picked.add(left.remove(nextInt(left.size())));
        return picked;
    }

    /** "at least" or "less than", even odds. */
    Relation relation();

    /** Whether the prompt also has this constraint (any phase). */
    boolean has(String id);

    /** The base task's text. */
    String taskText();

    /**
     * A span of two to four consecutive space-separated words of the task (fewer at its end), starting at a random
     * word from {@code firstWord} (0-based) on: {start, end} character indexes, the end exclusive; null when the task
     * has no word there.
     */
    default int[] taskSpan(int firstWord) {
        String task = taskText();
        List<int[]> words = new ArrayList<>();
        for (int i = 0; i < task.length(); i++) {
            int from = i;
            while (i < task.length() && task.charAt(i) != ' ') i++;
            words.add(new int[] {from, i});
        }
        if (words.size() <= firstWord) return null;
        int first = between(firstWord, words.size() - 1);
        int last = Math.min(words.size() - 1, first + between(1, 3));
        return new int[] {words.get(first)[0], words.get(last)[1]};
    }

    /**
     * Up to {@code count} pool sentences joined by spaces, each following {@code follows} alone and the text still
     * following it as each is added (fewer when no more fit within 50 tries); "" when no pool sentence follows it.
     * For constraints on every pair of neighbouring words, which the sentences must keep where they meet.
     */
    default String chainPool(Predicate<String> follows, int count) {
        List<String> fine = pool().stream().filter(follows).toList();
        if (fine.isEmpty()) return "";
        String text = pick(fine);
        for (int added = 1, tries = 0; added < count && tries < 50; tries++) {
            String next = text + " " + pick(fine);
            if (follows.test(next)) {
                text = next;
                added++;
            }
        }
        return text;
    }

    /** A word and where it is: its sentence and its place in that sentence, both from 1. */
    record Position(String word, int sentence, int index) {}

    /**
     * A word made of letters only, among the first {@code maxWords} words (as {@code words} splits a sentence) of the
     * first {@code maxSentences} sentences, for which {@code ok} holds; drawn uniformly over all such places, null when
     * there is none. For constraints that name a word at a place, read off the final witness.
     */
    default Position pickPosition(List<String> sentences, Function<String, List<String>> words, int maxSentences, int maxWords,
                                  Predicate<Position> ok) {
        List<Position> candidates = new ArrayList<>();
        for (int n = 1; n <= Math.min(sentences.size(), maxSentences); n++) {
            List<String> w = words.apply(sentences.get(n - 1));
            for (int m = 1; m <= Math.min(w.size(), maxWords); m++) {
                Position p = new Position(w.get(m - 1), n, m);
                if (!p.word().isEmpty() && p.word().chars().allMatch(Character::isLetter) && ok.test(p)) candidates.add(p);
            }
        }
        return candidates.isEmpty() ? null : pick(candidates);
    }

    /** Keeps the task as the prompt's first sentence (no constraint wording before it). */
    void keepTaskFirst();

    /** The response language, a langdetect code: "en" unless a constraint set another. */
    String language();

    /** Sets the response language and the sentences the witness is written in (vocabulary phase). */
    void setLanguage(String language, List<String> sentences);

    /** The sentences the witness is written in. */
    List<String> pool();

    /** Replaces the sentence pool, e.g. with a filtered one (vocabulary phase, before any {@link #sentence()}). */
    void setPool(List<String> sentences);

    /** {@code n} distinct keywords ({@link Vocabulary#KEYWORDS}) not yet used in this prompt nor in its task. */
    List<String> freshKeywords(int n);

    /** A sentence that mentions the keyword once. */
    String keywordSentence(String keyword);

    /** How many blocks (paragraphs) the witness will have (layout phase). */
    int blockCount();

    void setBlockCount(int blocks);

    /** Says that a line (a title, the repeated request) will precede the first block's sentences (layout phase). */
    void reserveFrontMatter();

    /** Whether some constraint reserved front matter. */
    boolean hasFrontMatter();

    /** The next pool sentence, from a shuffled deck that is used up before any sentence repeats. */
    String sentence();

    /** The witness being built (content and length phases; read-only after). */
    Witness witness();

    /** Adds a sentence at the end of a random prose line of the witness. */
    void addSentence(String sentence);

    /** The text analyses checkers use, to measure the witness as they will. */
    TextTools text();

    /** The final witness text (finish phase). */
    String witnessText();
}
