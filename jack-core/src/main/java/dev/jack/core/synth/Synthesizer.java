package dev.jack.core.synth;

import dev.jack.core.constraint.CapitalWordFrequency;
import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.EndChecker;
import dev.jack.core.constraint.EnglishCapital;
import dev.jack.core.constraint.EnglishLowercase;
import dev.jack.core.constraint.ForbiddenWords;
import dev.jack.core.constraint.JsonFormat;
import dev.jack.core.constraint.KeywordsExistence;
import dev.jack.core.constraint.KeywordsFrequency;
import dev.jack.core.constraint.LetterFrequency;
import dev.jack.core.constraint.MultipleSections;
import dev.jack.core.constraint.NoComma;
import dev.jack.core.constraint.NthParagraphFirstWord;
import dev.jack.core.constraint.NumberOfBulletLists;
import dev.jack.core.constraint.NumberOfHighlightedSections;
import dev.jack.core.constraint.NumberOfParagraphs;
import dev.jack.core.constraint.NumberOfPlaceholders;
import dev.jack.core.constraint.NumberOfSentences;
import dev.jack.core.constraint.NumberOfWords;
import dev.jack.core.constraint.Postscript;
import dev.jack.core.constraint.Quotation;
import dev.jack.core.constraint.Relation;
import dev.jack.core.constraint.RepeatPrompt;
import dev.jack.core.constraint.ResponseLanguage;
import dev.jack.core.constraint.Title;
import dev.jack.core.constraint.TwoResponses;
import dev.jack.core.ifeval.Verifier;
import dev.jack.core.text.Literals;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static dev.jack.core.synth.Ids.*;

/**
 * Makes prompts: a base task plus k compatible constraints with sampled parameters, phrased in varied
 * words and positions, each with a witness response that passes every constraint under the strict
 * checker. A prompt whose witness fails is dropped and counted. Every random choice of attempt n comes
 * from a generator seeded by (seed, n), so the same options give the same output.
 */
public final class Synthesizer {
    /** What to make. {@code heldOutPairs} are constraint pairs ("a|b", sorted) that must not co-occur. */
    public record Options(long seed, int minConstraints, int maxConstraints, Difficulty difficulty,
                          Hardness hardness, Set<String> heldOutPairs) {
        public Options {
            if (minConstraints < 1 || maxConstraints < minConstraints || maxConstraints > SYNTHESIZED.size()) {
                throw new IllegalArgumentException("constraints per prompt must be a range within 1-" + SYNTHESIZED.size()
                        + ", got " + minConstraints + "-" + maxConstraints);
            }
        }
    }

    private static final List<String> KEYWORD_SENTENCES = List.of("The {} deserves a mention here.",
            "Picture the {} for a moment.", "The {} is part of the story too.", "Nobody should forget the {}.",
            "The {} comes up again and again.", "Think about the {} as well.");

    private final List<BaseTask> tasks;
    private final Options options;
    private final TextTools text;
    private final Verifier verifier;
    private final SynthStats stats;
    private final Set<Long> seenPrompts = new HashSet<>();
    /** combinable[i][j]: constraints i and j may share a prompt (compatible and not held out). */
    private final boolean[][] combinable;
    private final Map<Difficulty, double[]> tierWeights = new java.util.EnumMap<>(Difficulty.class);

    public Synthesizer(List<BaseTask> tasks, Options options, TextTools text, SynthStats stats) {
        if (tasks.isEmpty()) throw new IllegalArgumentException("no base tasks");
        this.tasks = tasks;
        this.options = options;
        this.text = text;
        this.verifier = new Verifier(text);
        this.stats = stats;
        int n = SYNTHESIZED.size();
        combinable = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                String a = SYNTHESIZED.get(i);
                String b = SYNTHESIZED.get(j);
                combinable[i][j] = Compatibility.compatible(a, b) && !options.heldOutPairs().contains(pairKey(a, b));
            }
        }
        for (Difficulty tier : Difficulty.values()) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) w[i] = tier.weight(options.hardness().of(SYNTHESIZED.get(i)));
            tierWeights.put(tier, w);
        }
    }

    /** What one attempt produced: a prompt without its key yet, or the reason it was dropped. */
    private record Outcome(String prompt, List<Constraint> constraints, BaseTask task, Difficulty difficulty,
                           long seed, String witness, String droppedBecause) {}

    /**
     * Makes {@code count} unique prompts with keys firstKey, firstKey+1, ..., handing each to the sink in
     * order. Attempts are independent, so batches of them run on {@code threads} threads; they are
     * accepted strictly in attempt order, so the output does not depend on the thread count.
     */
    public void run(int count, long firstKey, int threads, Consumer<SynthesizedPrompt> sink) {
        java.util.concurrent.ForkJoinPool pool = threads > 1 ? new java.util.concurrent.ForkJoinPool(threads) : null;
        try {
            long key = firstKey;
            int made = 0;
            int failuresInARow = 0;
            int batch = threads > 1 ? 512 : 1;
            for (long next = 0; made < count; next += batch) {
                long base = next;
                Outcome[] outcomes = new Outcome[batch];
                if (pool == null) {
                    outcomes[0] = attempt(base);
                } else {
                    pool.submit(() -> java.util.stream.IntStream.range(0, outcomes.length).parallel()
                            .forEach(i -> outcomes[i] = attempt(base + i))).join();
                }
                for (Outcome o : outcomes) {
                    if (made == count) break;
                    if (o.droppedBecause() != null) {
                        stats.dropped(o.droppedBecause());
                    } else if (!seenPrompts.add(normalizedHash(o.prompt()))) {
                        stats.duplicate();
                    } else {
                        SynthesizedPrompt p = new SynthesizedPrompt(key++, o.prompt(), o.constraints(), o.task(),
                                o.difficulty(), o.seed(), o.witness());
                        sink.accept(p);
                        stats.accept(p);
                        made++;
                        failuresInARow = 0;
                        continue;
                    }
                    if (++failuresInARow > 10_000) {
                        throw new IllegalStateException("no new prompt in 10,000 attempts after " + made
                                + ": the options leave too few distinct prompts");
                    }
                }
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    /** Single-threaded {@link #run(int, long, int, Consumer)}. */
    public void run(int count, long firstKey, Consumer<SynthesizedPrompt> sink) {
        run(count, firstKey, 1, sink);
    }

    private Outcome attempt(long attempt) {
        long seed = dev.jack.core.Seeds.attempt(options.seed(), attempt);
        SplittableRandom rng = new SplittableRandom(seed);
        BaseTask task = tasks.get(rng.nextInt(tasks.size()));
        Difficulty tier = options.difficulty() == Difficulty.MIXED
                ? Difficulty.values()[rng.nextInt(3)] : options.difficulty();
        int lo = Math.max(options.minConstraints(), tier.minConstraints);
        int hi = Math.min(options.maxConstraints(), tier.maxConstraints);
        if (lo > hi) {
            lo = options.minConstraints();
            hi = options.maxConstraints();
        }
        int k = lo + rng.nextInt(hi - lo + 1);
        List<String> ids = chooseIds(rng, k, tier);
        if (ids.size() < k) return new Outcome(null, null, null, null, seed, null, "no compatible constraint set");
        Draft draft = new Draft(rng, task, ids);
        Optional<String> failure = draft.build();
        if (failure.isPresent()) return new Outcome(null, null, null, null, seed, null, failure.get());
        return new Outcome(draft.prompt(), draft.constraints, task, tier, seed, draft.witnessText, null);
    }

    /** 64-bit hash of the prompt with case and whitespace runs normalized. */
    static long normalizedHash(String prompt) {
        long h = 0xcbf29ce484222325L;
        boolean space = false;
        for (int i = 0; i < prompt.length(); i++) {
            char c = prompt.charAt(i);
            if (PyText.isSpace(c)) {
                space = true;
                continue;
            }
            if (space) h = (h ^ ' ') * 0x100000001b3L;
            space = false;
            h = (h ^ Character.toLowerCase(c)) * 0x100000001b3L;
        }
        return h;
    }

    /** Draws up to k constraints one by one, each weighted by the tier and compatible with those drawn before. */
    private List<String> chooseIds(SplittableRandom rng, int k, Difficulty tier) {
        int n = SYNTHESIZED.size();
        boolean[] allowed = new boolean[n];
        java.util.Arrays.fill(allowed, true);
        double[] weight = tierWeights.get(tier);
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < k) {
            double total = 0;
            for (int i = 0; i < n; i++) if (allowed[i]) total += weight[i];
            if (total == 0) break;
            double r = rng.nextDouble() * total;
            int pick = -1;
            for (int i = 0; i < n && r >= 0; i++) {
                if (!allowed[i]) continue;
                pick = i;
                r -= weight[i];
            }
            chosen.add(SYNTHESIZED.get(pick));
            for (int i = 0; i < n; i++) allowed[i] &= combinable[pick][i];
        }
        return chosen;
    }

    static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /** One attempt's parameters, witness and constraints. */
    private final class Draft {
        final SplittableRandom rng;
        final BaseTask task;
        final List<String> ids;
        final Set<String> has;
        final Map<String, Constraint> byId = new HashMap<>();
        final Map<String, String> wording = new HashMap<>();
        List<Constraint> constraints;
        String witnessText;
        List<String> pool;
        /** The pool in a random order, used up before any sentence repeats. */
        final List<String> deck = new ArrayList<>();
        Witness w;

        Draft(SplittableRandom rng, BaseTask task, List<String> ids) {
            this.rng = rng;
            this.task = task;
            this.ids = ids;
            this.has = new HashSet<>(ids);
        }

        <T> T pick(List<T> list) {
            return list.get(rng.nextInt(list.size()));
        }

        int between(int lo, int hi) {
            return lo + rng.nextInt(hi - lo + 1);
        }

        String sentence() {
            if (deck.isEmpty()) {
                deck.addAll(pool);
                for (int i = deck.size() - 1; i > 0; i--) java.util.Collections.swap(deck, i, rng.nextInt(i + 1));
            }
            return deck.removeLast();
        }

        Relation relation() {
            return rng.nextBoolean() ? Relation.AT_LEAST : Relation.LESS_THAN;
        }

        void addSentence(String s) {
            pick(w.proseLines()).sentences.add(s);
        }

        /** Builds parameters and witness; returns the id of the first constraint the witness fails, if any. */
        Optional<String> build() {
            String language = has.contains(LANGUAGE) ? pick(List.copyOf(new java.util.TreeSet<>(Vocabulary.OTHER_LANGUAGES.keySet()))) : "en";
            pool = language.equals("en") ? (has.contains(CAPITAL) ? capitalEnglish() : Vocabulary.ENGLISH)
                    : Vocabulary.OTHER_LANGUAGES.get(language);

            List<String> keywords = List.of();
            String frequencyWord = null;
            List<String> forbidden = List.of();
            Set<String> usedWords = new LinkedHashSet<>();
            if (has.contains(KEYWORDS)) {
                keywords = distinctWords(between(2, 3), usedWords);
            }
            if (has.contains(KEYWORD_FREQUENCY)) frequencyWord = distinctWords(1, usedWords).getFirst();
            if (has.contains(FORBIDDEN)) {
                forbidden = distinctWords(2, usedWords);
                List<String> banned = forbidden;
                pool = pool.stream().filter(s -> banned.stream().noneMatch(f -> Literals.containsWholeWordIgnoreCase(s, f))).toList();
            }

            boolean frontMatter = has.contains(TITLE) || has.contains(REPEAT_PROMPT);
            int blockCount = between(1, 3);
            int numParagraphs = 0;
            int nth = 0;
            if (has.contains(PARAGRAPHS)) blockCount = numParagraphs = between(1, 5);
            if (has.contains(NTH_PARAGRAPH)) {
                blockCount = numParagraphs = between(frontMatter ? 2 : 1, 5);
                nth = between(frontMatter ? 2 : 1, numParagraphs);
            }
            if (has.contains(TWO_RESPONSES)) blockCount = Math.max(2, blockCount);
            List<String> firsts = new ArrayList<>();
            for (int i = 0; i < blockCount; i++) firsts.add(sentence());
            w = new Witness(blockCount, firsts);
            if (has.contains(LOWERCASE)) w.letterCase = Witness.Case.LOWER;
            if (has.contains(CAPITAL)) w.letterCase = Witness.Case.UPPER;
            w.dividers = has.contains(PARAGRAPHS);
            w.twoResponses = has.contains(TWO_RESPONSES);
            w.json = has.contains(JSON);
            w.quotation = has.contains(QUOTATION);

            if (has.contains(REPEAT_PROMPT)) w.repeatedRequest = task.text();
            if (has.contains(TITLE)) {
                w.title = language.equals("en") ? pick(Vocabulary.TITLES) : stripPeriod(sentence());
            }
            String firstWord = null;
            if (has.contains(NTH_PARAGRAPH)) {
                String opener = pick(pool.stream().filter(s -> !s.substring(0, s.indexOf(' ')).contains("'")).toList());
                w.blocks.get(nth - 1).set(0, Witness.Line.prose(opener));
                firstWord = PyText.lower(opener.substring(0, opener.indexOf(' ')));
            }
            int numSections = 0;
            String spliter = null;
            if (has.contains(SECTIONS)) {
                spliter = pick(Vocabulary.SECTION_SPLITTERS);
                numSections = between(2, 5);
                for (List<Witness.Line> block : w.blocks) block.clear();
                for (int s = 0; s < numSections; s++) {
                    List<Witness.Line> block = w.blocks.get(s * blockCount / numSections);
                    block.add(new Witness.Line(spliter + " " + (s + 1)));
                    block.add(Witness.Line.prose(sentence()));
                }
                for (List<Witness.Line> block : w.blocks) if (block.isEmpty()) block.add(Witness.Line.prose(sentence()));
            }
            int numBullets = 0;
            if (has.contains(BULLETS)) {
                numBullets = between(1, 5);
                List<Witness.Line> block = pick(w.blocks);
                for (int b = 0; b < numBullets; b++) block.add(1 + b, new Witness.Line("* " + sentence()));
            }
            int numHighlights = 0;
            if (has.contains(HIGHLIGHTS)) {
                numHighlights = between(1, 4);
                while (w.proseLines().stream().mapToInt(l -> l.sentences.size()).sum() < numHighlights) addSentence(sentence());
                List<int[]> slots = new ArrayList<>();
                List<Witness.Line> lines = w.proseLines();
                for (int li = 0; li < lines.size(); li++) {
                    for (int si = 0; si < lines.get(li).sentences.size(); si++) slots.add(new int[] {li, si});
                }
                for (int h = 0; h < numHighlights; h++) {
                    int[] slot = slots.remove(rng.nextInt(slots.size()));
                    List<String> sentences = lines.get(slot[0]).sentences;
                    sentences.set(slot[1], highlightEnding(sentences.get(slot[1])));
                }
            }
            int numPlaceholders = 0;
            if (has.contains(PLACEHOLDERS)) {
                numPlaceholders = between(1, 4);
                for (int p = 0; p < numPlaceholders; p++) {
                    Witness.Line line = pick(w.proseLines());
                    int at = rng.nextInt(line.sentences.size());
                    String s = line.sentences.get(at);
                    line.sentences.set(at, stripPeriod(s) + " [" + pick(Vocabulary.PLACEHOLDERS) + "]" + s.substring(stripPeriod(s).length()));
                }
            }
            for (String kw : keywords) addSentence(pick(KEYWORD_SENTENCES).replace("{}", kw));
            Relation frequencyRelation = has.contains(KEYWORD_FREQUENCY) ? relation() : null;
            int frequency = 0;
            if (frequencyRelation == Relation.AT_LEAST) {
                frequency = between(1, 4);
                for (int f = 0; f < frequency; f++) addSentence(pick(KEYWORD_SENTENCES).replace("{}", frequencyWord));
            }
            Relation capitalRelation = has.contains(CAPITAL_WORDS) ? relation() : null;
            int capitals = 0;
            if (capitalRelation == Relation.AT_LEAST) {
                capitals = between(1, 8);
                List<String> words = new ArrayList<>();
                for (int c = 0; c < capitals; c++) words.add(pick(Vocabulary.CAPITAL_WORDS));
                addSentence("Keep these words in mind: " + String.join(" ", words) + ".");
            }
            String marker = null;
            if (has.contains(POSTSCRIPT)) {
                marker = pick(Vocabulary.POSTSCRIPT_MARKERS);
                w.postscript = marker + " " + sentence();
            }
            String endPhrase = null;
            if (has.contains(END_PHRASE)) w.endPhrase = endPhrase = pick(Vocabulary.END_PHRASES);

            Relation wordsRelation = has.contains(WORDS) ? relation() : null;
            int numWords = 0;
            if (wordsRelation == Relation.AT_LEAST) {
                numWords = 10 * between(4, 30);
                for (int words = PyText.countWordRuns(w.render()); words < numWords; words = PyText.countWordRuns(w.render())) {
                    for (int add = (numWords - words) / 8 + 1; add > 0; add--) addSentence(sentence());
                }
            }
            Relation sentencesRelation = has.contains(SENTENCES) ? relation() : null;
            int numSentences = 0;
            if (sentencesRelation == Relation.AT_LEAST) {
                numSentences = between(2, 12);
                for (int n = text.countSentences(w.render()); n < numSentences; n = text.countSentences(w.render())) {
                    for (int add = numSentences - n; add > 0; add--) addSentence(sentence());
                }
            }

            // Upper bounds are set last, above what the finished witness has.
            witnessText = w.render();
            if (wordsRelation == Relation.LESS_THAN) numWords = PyText.countWordRuns(witnessText) + between(5, 80);
            if (sentencesRelation == Relation.LESS_THAN) numSentences = text.countSentences(witnessText) + between(1, 5);
            if (frequencyRelation == Relation.LESS_THAN) frequency = Math.max(2, Literals.countIgnoreCase(witnessText, frequencyWord) + between(1, 3));
            if (capitalRelation == Relation.LESS_THAN) {
                capitals = Math.max(2, (int) text.wordTokenize(witnessText).stream().filter(PyText::isUpper).count() + between(1, 5));
            }
            String letter = null;
            Relation letterRelation = null;
            int letterFrequency = 0;
            if (has.contains(LETTER_FREQUENCY)) {
                letterRelation = relation();
                String letters = letterRelation == Relation.LESS_THAN ? Vocabulary.RARE_LETTERS
                        : language.equals("en") ? Vocabulary.COMMON_LETTERS : lettersOf(witnessText);
                letter = String.valueOf(letters.charAt(rng.nextInt(letters.length())));
                int present = Literals.countIgnoreCase(PyText.lower(witnessText), letter);
                if (letterRelation == Relation.AT_LEAST) {
                    if (present == 0) return Optional.of(LETTER_FREQUENCY);
                    letterFrequency = between(1, Math.min(present, 40));
                } else {
                    letterFrequency = present + between(1, 5);
                }
            }

            for (String id : ids) {
                Constraint c = switch (id) {
                    case KEYWORDS -> new KeywordsExistence(keywords);
                    case KEYWORD_FREQUENCY -> new KeywordsFrequency(frequencyWord, frequency, frequencyRelation);
                    case FORBIDDEN -> new ForbiddenWords(forbidden);
                    case LETTER_FREQUENCY -> new LetterFrequency(letter, letterFrequency, letterRelation);
                    case LANGUAGE -> new ResponseLanguage(language);
                    case SENTENCES -> new NumberOfSentences(numSentences, sentencesRelation);
                    case PARAGRAPHS -> new NumberOfParagraphs(numParagraphs);
                    case WORDS -> new NumberOfWords(numWords, wordsRelation);
                    case NTH_PARAGRAPH -> new NthParagraphFirstWord(numParagraphs, nth, firstWord);
                    case PLACEHOLDERS -> new NumberOfPlaceholders(numPlaceholders);
                    case POSTSCRIPT -> new Postscript(marker);
                    case BULLETS -> new NumberOfBulletLists(numBullets);
                    case HIGHLIGHTS -> new NumberOfHighlightedSections(numHighlights);
                    case SECTIONS -> new MultipleSections(spliter, numSections);
                    case JSON -> new JsonFormat();
                    case TITLE -> new Title();
                    case TWO_RESPONSES -> new TwoResponses();
                    case REPEAT_PROMPT -> new RepeatPrompt(task.text());
                    case END_PHRASE -> new EndChecker(endPhrase);
                    case CAPITAL_WORDS -> new CapitalWordFrequency(capitals, capitalRelation);
                    case CAPITAL -> new EnglishCapital();
                    case LOWERCASE -> new EnglishLowercase();
                    case NO_COMMA -> new NoComma();
                    case QUOTATION -> new Quotation();
                    default -> throw new IllegalStateException("not synthesized: " + id);
                };
                byId.put(id, c);
            }
            constraints = ids.stream().map(byId::get).toList();
            for (Constraint c : constraints) {
                if (!verifier.follows(c, witnessText)) return Optional.of(c.id());
            }
            wording.put("language_name", Vocabulary.LANGUAGE_NAMES.get(language));
            return Optional.empty();
        }

        private List<String> distinctWords(int n, Set<String> used) {
            List<String> out = new ArrayList<>();
            while (out.size() < n) {
                String word = pick(Vocabulary.KEYWORDS);
                boolean inTask = Literals.containsWholeWordIgnoreCase(task.text(), word);
                if (!inTask && used.add(word)) out.add(word);
            }
            return out;
        }

        /** The prompt text: the task and the constraint wordings, some of them maybe before the task. */
        String prompt() {
            List<String> sentences = new ArrayList<>();
            for (Constraint c : constraints) {
                Map<String, String> values = new HashMap<>(wording);
                int number = 0;
                for (Map.Entry<String, Object> e : c.kwargs().entrySet()) {
                    values.put(e.getKey(), format(e.getValue()));
                    if (e.getValue() instanceof Integer i && !e.getKey().equals("nth_paragraph")) number = i;
                }
                sentences.add(Phrasings.fill(pick(Phrasings.BY_ID.get(c.id())), values, number));
            }
            for (int i = sentences.size() - 1; i > 0; i--) java.util.Collections.swap(sentences, i, rng.nextInt(i + 1));
            // The repeated request must be the prompt's first sentence; otherwise vary where constraints go.
            int before = has.contains(REPEAT_PROMPT) ? 0 : switch (rng.nextInt(5)) {
                case 0 -> sentences.size();
                case 1 -> rng.nextInt(sentences.size() + 1);
                default -> 0;
            };
            List<String> parts = new ArrayList<>(sentences.subList(0, before));
            parts.add(task.text());
            parts.addAll(sentences.subList(before, sentences.size()));
            return String.join(" ", parts);
        }
    }

    private volatile List<String> capitalEnglish;

    /**
     * English sentences that langdetect still reads as English (or cannot read) once they are in
     * capitals: it ignores letters after the first of each all-capital word, so some sentences lose it.
     */
    private List<String> capitalEnglish() {
        List<String> c = capitalEnglish;
        if (c == null) {
            c = Vocabulary.ENGLISH.stream()
                    .filter(s -> text.detectLanguage(s.toUpperCase(java.util.Locale.ROOT)).map("en"::equals).orElse(true))
                    .toList();
            capitalEnglish = c;
        }
        return c;
    }

    /** The distinct lowercase letters of a text, for letter constraints on text in other scripts. */
    private static String lettersOf(String text) {
        StringBuilder letters = new StringBuilder();
        for (char ch : PyText.lower(text).toCharArray()) {
            if (Character.isLetter(ch) && letters.indexOf(String.valueOf(ch)) < 0) letters.append(ch);
        }
        return letters.toString();
    }

    private static String format(Object value) {
        if (value instanceof List<?> list) {
            List<String> quoted = list.stream().map(v -> "\"" + v + "\"").toList();
            if (quoted.size() == 1) return quoted.getFirst();
            return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.getLast();
        }
        return String.valueOf(value);
    }

    private static String stripPeriod(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    /** Wraps a sentence's last two words in single asterisks, the period outside: "It is simple and easy *to follow*." */
    static String highlightEnding(String sentence) {
        String body = stripPeriod(sentence);
        int cut = body.lastIndexOf(' ', body.lastIndexOf(' ') - 1);
        return body.substring(0, cut + 1) + "*" + body.substring(cut + 1) + "*" + sentence.substring(body.length());
    }
}
