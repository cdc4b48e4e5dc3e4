package dev.jack.core.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The language machinery checkers need ({@link TextAnalysis}): Punkt sentence splitting, NLTK word
 * tokenization, language identification, IFEval's regex sentence splitter, NLTK's POS tagger, syllapy's
 * syllable counts, NLTK's stop words and emoji's single-code-point emoji. Models load on first use, so
 * constraint sets that do not need one never load it. Each thread remembers its last answer per
 * analysis: the constraints of a row, the loose variants of a response, and synthesis then
 * verification ask about the same text again and again. Thread-safe; imports no constraint.
 */
public final class TextTools {
    private final Supplier<PunktParameters> punktSource;
    private final LanguageDetector languages = new LanguageDetector();
    private volatile PunktSentenceTokenizer sentences;
    private volatile NltkWordTokenizer words;
    private RuntimeException punktFailure;
    private final ThreadLocal<Memo> memo = ThreadLocal.withInitial(Memo::new);
    /** The analyses {@link #prepareFor} started loading. */
    private final Set<TextAnalysis> prepared = EnumSet.noneOf(TextAnalysis.class);

    /**
     * Slots of the per-thread table of recent POS tags, by the tokens' hash (direct-mapped): a response's loose variants
     * open with two or three different runs of words, each asked about again and again.
     */
    private static final int TAGS = 16;

    /**
     * Texts whose word tokens each thread keeps: a row's response and its (at most seven) loose variants, so the row's
     * constraints that fail strictly do not tokenize each variant again, one constraint after another.
     */
    private static final int WORDS = 8;

    /** The last text and answer of each analysis, per thread ({@link #forgetRecent} clears them at each row). */
    private static final class Memo {
        /** Recent tokens (even slots) and their tags (odd slots). */
        final List<?>[] tags = new List<?>[2 * TAGS];
        /** The last {@link #WORDS} texts tokenized and their tokens, the oldest replaced first. */
        final String[] wordsOf = new String[WORDS];
        final List<?>[] words = new List<?>[WORDS];
        int nextWords;
        /** Slots of {@link #wordsOf} filled since the last {@link #clear}; whether {@link #tags} holds any. */
        int filledWords;
        boolean tagsUsed;
        String languageOf;
        Optional<String> language;
        String regexSentencesOf;
        List<String> regexSentences;
        List<String> firstTagOf;
        String firstTag;

        /** Forgets everything, clearing only the slots filled (most rows use few analyses, many none of the tables). */
        void clear() {
            if (tagsUsed) Arrays.fill(tags, null);
            Arrays.fill(wordsOf, 0, filledWords, null);
            Arrays.fill(words, 0, filledWords, null);
            tagsUsed = false;
            filledWords = 0;
            nextWords = 0;
            languageOf = regexSentencesOf = null;
            regexSentences = firstTagOf = null;
            language = null;
            firstTag = null;
        }

        /** The remembered word tokens of the text, or null. */
        @SuppressWarnings("unchecked")
        List<String> wordsOf(String text) {
            for (int i = 0; i < filledWords; i++) if (text.equals(wordsOf[i])) return (List<String>) words[i];
            return null;
        }
    }

    /** @param punktSource the English Punkt model, asked for once, when a checker first needs it */
    public TextTools(Supplier<PunktParameters> punktSource) {
        this.punktSource = punktSource;
    }

    /**
     * Forgets what this thread remembers of earlier texts (each analysis's last answer, Punkt's recent splits, recent
     * POS tags). Verifiers call it at the start of each row, so analyses are shared among one row's checks and loose
     * variants only: a file whose responses repeat, or a benchmark passing over the same rows again, pays for every row.
     */
    public void forgetRecent() {
        memo.get().clear();
        PunktSentenceTokenizer s = sentences;
        if (s != null) s.forgetRecent();
    }

    private NltkWordTokenizer wordTokenizer() {
        NltkWordTokenizer w = words;
        if (w == null) words = w = new NltkWordTokenizer(sentenceTokenizer());
        return w;
    }

    private PunktSentenceTokenizer sentenceTokenizer() {
        PunktSentenceTokenizer s = sentences;
        if (s == null) {
            synchronized (this) {
                // A model that could not be had is not looked for again (no second download attempt).
                if (punktFailure != null) throw punktFailure;
                try {
                    if (sentences == null) sentences = new PunktSentenceTokenizer(punktSource.get());
                } catch (RuntimeException e) {
                    punktFailure = e;
                    throw e;
                }
                s = sentences;
            }
        }
        return s;
    }

    /**
     * Starts loading, in the background, the models that these analyses need (the language profiles
     * and the POS tagger take a few hundred milliseconds), so loading overlaps with other work. Each analysis is
     * prepared once: a caller that knows the constraints early (e.g. before reading a response file) may prepare, and
     * a later call for the same analyses starts nothing.
     */
    public void prepareFor(Collection<TextAnalysis> analyses) {
        Set<TextAnalysis> wanted = EnumSet.noneOf(TextAnalysis.class);
        wanted.addAll(analyses);
        synchronized (prepared) {
            wanted.removeAll(prepared);
            prepared.addAll(wanted);
        }
        start(wanted);
    }

    private void start(Set<TextAnalysis> analyses) {
        if (analyses.contains(TextAnalysis.LANGUAGE)) Thread.ofPlatform().daemon().start(LanguageDetector::preload);
        if (analyses.contains(TextAnalysis.SENTENCES) || analyses.contains(TextAnalysis.WORD_TOKENS)) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    sentenceTokenizer();
                } catch (RuntimeException e) {
                    // Not here: the first sentence count meets the same error and reports it to the user.
                }
            });
        }
        if (analyses.contains(TextAnalysis.POS_TAGS)) Thread.ofPlatform().daemon().start(PerceptronTagger::english);
        if (analyses.contains(TextAnalysis.SYLLABLES)) Thread.ofPlatform().daemon().start(() -> Syllables.count("a"));
        if (analyses.contains(TextAnalysis.STOP_WORDS)) Thread.ofPlatform().daemon().start(() -> StopWords.isEnglish("a"));
        if (analyses.contains(TextAnalysis.EMOJI)) Thread.ofPlatform().daemon().start(() -> Emoji.isEmoji('a'));
    }

    /** How many sentences Punkt finds: {@code len(nltk.sent_tokenize(text))}. */
    public int countSentences(String text) {
        return sentenceTokenizer().countSentences(text);
    }

    /**
     * The sentences Punkt finds, as {@code [start, end)} UTF-16 index pairs into the text, in order: the spans
     * {@link #countSentences} counts.
     */
    public List<int[]> sentenceSpans(String text) {
        int[] flat = sentenceTokenizer().spans(text);
        List<int[]> spans = new ArrayList<>(flat.length / 2);
        for (int i = 0; i < flat.length; i += 2) spans.add(new int[] {flat[i], flat[i + 1]});
        return spans;
    }

    /**
     * {@link #sentenceSpans} as one flat array of {@code [start, end)} pairs (sentence k at {@code 2k} and {@code 2k + 1}),
     * for checkers that only read the sentences' chars: this thread's remembered answer, shared, never to be written.
     */
    public int[] sentenceBounds(String text) {
        return sentenceTokenizer().spans(text);
    }

    /** Punkt's English sentences: {@code nltk.sent_tokenize(text)}. */
    public List<String> sentences(String text) {
        return sentenceTokenizer().sentences(text);
    }

    /**
     * {@code nltk.sent_tokenize(text)[index]} (index from 0), or null when there are fewer sentences; splits a long
     * text only as far as that sentence ({@link PunktSentenceTokenizer#sentence}).
     */
    public String sentence(String text, int index) {
        return sentenceTokenizer().sentence(text, index);
    }

    /** {@code nltk.word_tokenize(text)}: Treebank words within Punkt sentences. */
    public List<String> wordTokenize(String text) {
        Memo m = memo.get();
        List<String> known = m.wordsOf(text);
        if (known != null) return known;
        List<String> tokens = Collections.unmodifiableList(wordTokenizer().tokenize(text));
        m.wordsOf[m.nextWords] = text;
        m.words[m.nextWords] = tokens;
        m.nextWords = (m.nextWords + 1) % WORDS;
        if (m.filledWords < WORDS) m.filledWords++;
        return tokens;
    }

    /**
     * How many of {@link #wordTokenize}'s tokens are among the words, each token's ASCII capitals lower-cased
     * ({@link NltkWordTokenizer#count}): {@code sum(t in words for t in nltk.word_tokenize(text))} for a text without
     * ASCII capitals, the tokens not made.
     */
    public int countWordTokens(String text, AsciiLoweredSet words) {
        return wordTokenizer().count(text, words::containsLowered);
    }

    /**
     * How many of {@link #wordTokenize}'s tokens are all capitals ({@link PyText#isUpper}):
     * {@code len([w for w in nltk.word_tokenize(text) if w.isupper()])}, the tokens not made (unless this thread has
     * them from this row already).
     */
    public int countUpperWordTokens(String text) {
        List<String> known = memo.get().wordsOf(text);
        if (known != null) {
            int count = 0;
            for (String word : known) if (PyText.isUpper(word)) count++;
            return count;
        }
        return wordTokenizer().count(text, PyText::isUpper);
    }

    /**
     * A prefix of {@link #wordTokenize} with at least {@code count} tokens (all of them when the text has fewer): the
     * first {@code count}, or every token when they are already at hand.
     */
    public List<String> leadingWordTokens(String text, int count) {
        List<String> known = memo.get().wordsOf(text);
        if (known != null) return known;
        return wordTokenizer().tokenizeLeading(text, count);
    }

    /**
     * Where each of {@link #wordTokenize}'s tokens is in the text, as {@code [start, end, index]} triples (the
     * token's index in that list), in order. Tokens the tokenizer rewrote (double quotes become {@code ``} and
     * {@code ''}) are not found and left out.
     */
    public List<int[]> wordTokenSpans(String text) {
        List<String> tokens = wordTokenize(text);
        List<int[]> spans = new ArrayList<>(tokens.size());
        int from = 0;
        for (int i = 0; i < tokens.size(); i++) {
            int at = text.indexOf(tokens.get(i), from);
            if (at < 0) continue;
            spans.add(new int[] {at, at + tokens.get(i).length(), i});
            from = at + tokens.get(i).length();
        }
        return spans;
    }

    /** langdetect's language code for the text, empty when it finds no features to go by. */
    public Optional<String> detectLanguage(String text) {
        Memo m = memo.get();
        if (!text.equals(m.languageOf)) {
            m.language = languages.detect(text);
            m.languageOf = text;
        }
        return m.language;
    }

    /** Google IFEval's {@code split_into_sentences(text)} ({@link RegexSentenceSplitter}). */
    public List<String> regexSentences(String text) {
        Memo m = memo.get();
        if (!text.equals(m.regexSentencesOf)) {
            m.regexSentences = List.copyOf(RegexSentenceSplitter.split(text));
            m.regexSentencesOf = text;
        }
        return m.regexSentences;
    }

    /** The tag of each token: {@code [t for _, t in nltk.pos_tag(tokens)]} ({@link PerceptronTagger}). */
    @SuppressWarnings("unchecked")
    public List<String> posTags(List<String> tokens) {
        Memo m = memo.get();
        List<?>[] recent = m.tags;
        int k = 2 * (tokens.hashCode() & (TAGS - 1));
        if (tokens.equals(recent[k])) return (List<String>) recent[k + 1];
        List<String> tags = List.copyOf(PerceptronTagger.english().tag(tokens));
        m.tagsUsed = true;
        recent[k] = List.copyOf(tokens);
        recent[k + 1] = tags;
        return tags;
    }

    /**
     * The first token's tag ({@link PerceptronTagger#tagFirst}), the last answer remembered: a response's loose
     * variants mostly open with the same words.
     *
     * @throws java.util.NoSuchElementException when there are no tokens
     */
    public String firstPosTag(List<String> tokens) {
        Memo m = memo.get();
        int n = Math.min(3, tokens.size());
        List<String> known = m.firstTagOf;
        boolean same = known != null && known.size() == n;
        for (int i = 0; i < n && same; i++) same = known.get(i).equals(tokens.get(i));
        if (!same) {
            List<String> leading = List.copyOf(tokens.subList(0, n));
            m.firstTag = PerceptronTagger.english().tagFirst(leading);
            m.firstTagOf = leading;
        }
        return m.firstTag;
    }

    /** syllapy 0.7.2's {@code count(word)} ({@link Syllables}). */
    public int syllables(String word) {
        return Syllables.count(word);
    }

    /** Whether emoji 2.15.0's {@code is_emoji} holds for the code point alone ({@link Emoji}). */
    public boolean isEmoji(int codePoint) {
        return Emoji.isEmoji(codePoint);
    }
}
