package dev.jack.core.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.text.NltkWordTokenizer;
import dev.jack.core.text.PerceptronTagger;
import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.PunktSentenceTokenizer;
import dev.jack.core.text.RegexSentenceSplitter;
import dev.jack.core.text.TextTools;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The text analyses checkers share: Punkt sentences, NLTK word tokens, IFEval's regex sentences, POS
 * tags, and IFEval's own {@link TextTools}. Models load on first use; each thread remembers its last
 * answer per analysis, since the constraints of a row and the loose variants of a response ask about
 * the same text again and again. Thread-safe.
 */
public final class Analyses {
    private final Supplier<PunktParameters> punktSource;
    private final TextTools ifeval;
    private volatile PunktSentenceTokenizer punkt;
    private volatile NltkWordTokenizer words;
    private RuntimeException punktFailure;
    private final ThreadLocal<Memo> memo = ThreadLocal.withInitial(Memo::new);

    private static final class Memo {
        String sentencesOf;
        List<String> sentences;
        String wordsOf;
        List<String> words;
        String regexSentencesOf;
        List<String> regexSentences;
    }

    /** @param punktSource the English Punkt model, asked for once, when a checker first needs it */
    public Analyses(Supplier<PunktParameters> punktSource) {
        this.punktSource = punktSource;
        this.ifeval = new TextTools(punktSource);
    }

    private PunktSentenceTokenizer punkt() {
        PunktSentenceTokenizer p = punkt;
        if (p == null) {
            synchronized (this) {
                // A model that could not be had is not looked for again.
                if (punktFailure != null) throw punktFailure;
                try {
                    if (punkt == null) punkt = new PunktSentenceTokenizer(punktSource.get());
                } catch (RuntimeException e) {
                    punktFailure = e;
                    throw e;
                }
                p = punkt;
            }
        }
        return p;
    }

    /** {@code nltk.sent_tokenize(text)}: Punkt's English sentences. */
    public List<String> sentences(String text) {
        Memo m = memo.get();
        if (!text.equals(m.sentencesOf)) {
            m.sentences = List.copyOf(punkt().sentences(text));
            m.sentencesOf = text;
        }
        return m.sentences;
    }

    /** {@code nltk.word_tokenize(text)}. */
    public List<String> words(String text) {
        Memo m = memo.get();
        if (!text.equals(m.wordsOf)) {
            NltkWordTokenizer w = words;
            if (w == null) words = w = new NltkWordTokenizer(punkt());
            m.words = List.copyOf(w.tokenize(text));
            m.wordsOf = text;
        }
        return m.words;
    }

    /** Google IFEval's {@code split_into_sentences(text)} (the regex splitter IFEvalG uses). */
    public List<String> regexSentences(String text) {
        Memo m = memo.get();
        if (!text.equals(m.regexSentencesOf)) {
            m.regexSentences = List.copyOf(RegexSentenceSplitter.split(text));
            m.regexSentencesOf = text;
        }
        return m.regexSentences;
    }

    /** {@code nltk.pos_tag(tokens)}'s tags. */
    public List<String> posTags(List<String> tokens) {
        return PerceptronTagger.english().tag(tokens);
    }

    /** The analyses IFEval's 25 constraints use. */
    public TextTools ifeval() {
        return ifeval;
    }

    /** Starts loading, in the background, the models these checkers need, so loading overlaps other work. */
    public void prepareFor(Collection<? extends Checker> checkers) {
        Set<Analysis> needed = EnumSet.noneOf(Analysis.class);
        for (Checker c : checkers) needed.addAll(c.analyses());
        if (needed.contains(Analysis.PUNKT_SENTENCES) || needed.contains(Analysis.WORD_TOKENS)) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    punkt();
                } catch (RuntimeException e) {
                    // Reported to the user by the first checker that needs it.
                }
            });
        }
        if (needed.contains(Analysis.POS_TAGS)) Thread.ofPlatform().daemon().start(PerceptronTagger::english);
        List<Constraint> ifevals = checkers.stream().filter(c -> c instanceof IfevalChecker).map(c -> ((IfevalChecker) c).constraint()).toList();
        if (!ifevals.isEmpty()) ifeval.prepareFor(ifevals);
    }
}
