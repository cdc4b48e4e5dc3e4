package dev.jack.core.text;

import dev.jack.core.json.Json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NLTK's averaged-perceptron part-of-speech tagger ({@code nltk.pos_tag}, English, nltk 3.9), with the
 * weights, tag dictionary and classes of {@code averaged_perceptron_tagger_eng} bundled under
 * {@code nltk/} (the textblob-aptagger model, MIT licence, by Matthew Honnibal). A token in the tag
 * dictionary gets its tag; any other is scored with NLTK's 14 context features, each class's score
 * summed over the features in NLTK's order, and the best class taken, ties going to the greater tag
 * name. Hand-written because IFBench's {@code words:start_verb} depends on the exact tags.
 */
public final class PerceptronTagger {
    private static final String START = "-START-";
    private static final String START2 = "-START2-";
    private static final String END = "-END-";
    private static final String END2 = "-END2-";

    /** One feature's weights: the classes it scores and by how much. */
    record Weights(byte[] classes, double[] values) {}

    private final String[] classes;
    /** Each class's place among the classes in name order: a tie between scores goes to the greater rank. */
    private final int[] ranks;
    private final Map<String, String> tagdict;
    private final Features weights;

    /**
     * The weights of the features that the first token's context fixes (its previous tags and words are the start
     * markers), by feature number ({@link #feature}); null for the others and where the model has none. The bias is
     * the same for every token.
     */
    private final Weights[] atStart = new Weights[FEATURES];

    private PerceptronTagger(String[] classes, Map<String, String> tagdict, Map<String, Weights> weights) {
        this.classes = classes;
        String[] sorted = classes.clone();
        Arrays.sort(sorted);
        this.ranks = new int[classes.length];
        for (int c = 0; c < classes.length; c++) ranks[c] = Arrays.binarySearch(sorted, classes[c]);
        this.tagdict = tagdict;
        this.weights = new Features(weights);
        List<String> context = List.of(START, START2, "", END, END2);
        for (int f = 0; f < FEATURES; f++) {
            if (f == 0 || atStartFixes(f)) atStart[f] = feature(f, 2, "", context, START, START2);
        }
    }

    /**
     * The features' weights by name, looked up by a name's parts ({@code prefix + [middle + " "] + last}) without
     * joining them: the name's {@link String#hashCode} is computed from the parts' (cached) hashes, and a stored name is
     * compared with the parts in place. Open addressing over the names' hashes, kept beside them so a probe rarely reads
     * a name. Hand-written for speed: words:start_verb tags the first word of every response and loose variant.
     */
    static final class Features {
        private final String[] names;
        private final int[] hashes;
        private final Weights[] weights;
        private final int mask;

        Features(Map<String, Weights> byName) {
            int size = Integer.highestOneBit(Math.max(1, byName.size())) * 4;
            names = new String[size];
            hashes = new int[size];
            weights = new Weights[size];
            mask = size - 1;
            byName.forEach((name, w) -> {
                int h = name.hashCode();
                int k = spread(h) & mask;
                while (names[k] != null) k = (k + 1) & mask;
                names[k] = name;
                hashes[k] = h;
                weights[k] = w;
            });
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }

        /** 31 to the powers below 64, as int arithmetic wraps (String.hashCode's): most names' parts are shorter. */
        private static final int[] POW31 = new int[64];

        static {
            POW31[0] = 1;
            for (int n = 1; n < POW31.length; n++) POW31[n] = POW31[n - 1] * 31;
        }

        private static int pow31(int n) {
            if (n < POW31.length) return POW31[n];
            int p = POW31[POW31.length - 1];
            for (int i = POW31.length - 1; i < n; i++) p *= 31;
            return p;
        }

        /** The weights of feature {@code prefix + middle + " " + last} (without middle and space when middle is null), or null. */
        Weights get(String prefix, String middle, String last) {
            int h = prefix.hashCode();
            int length = prefix.length() + last.length();
            if (middle != null) {
                h = (h * pow31(middle.length()) + middle.hashCode()) * 31 + ' ';
                length += middle.length() + 1;
            }
            h = h * pow31(last.length()) + last.hashCode();
            for (int k = spread(h) & mask; names[k] != null; k = (k + 1) & mask) {
                if (hashes[k] == h && sameName(names[k], length, prefix, middle, last)) return weights[k];
            }
            return null;
        }

        private static boolean sameName(String name, int length, String prefix, String middle, String last) {
            if (name.length() != length || !name.startsWith(prefix)) return false;
            int at = prefix.length();
            if (middle != null) {
                if (!name.startsWith(middle, at) || name.charAt(at + middle.length()) != ' ') return false;
                at += middle.length() + 1;
            }
            return name.startsWith(last, at);
        }
    }

    private static final class Holder {
        static final PerceptronTagger ENGLISH = load("nltk/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.");
    }

    /** The English model, loaded on first use (about 5 MB of weights). */
    public static PerceptronTagger english() {
        return Holder.ENGLISH;
    }

    @SuppressWarnings("unchecked")
    private static PerceptronTagger load(String prefix) {
        List<String> classList = (List<String>) Json.parse(BundledData.read(prefix + "classes.json"));
        String[] classes = classList.toArray(String[]::new);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.length; i++) index.put(classes[i], i);
        Map<String, String> tagdict = new HashMap<>((Map<String, String>) Json.parse(BundledData.read(prefix + "tagdict.json")));
        Map<String, Map<String, Double>> raw = (Map<String, Map<String, Double>>) Json.parse(BundledData.read(prefix + "weights.json"));
        Map<String, Weights> weights = HashMap.newHashMap(raw.size());
        raw.forEach((feature, byClass) -> {
            byte[] c = new byte[byClass.size()];
            double[] v = new double[byClass.size()];
            int k = 0;
            for (Map.Entry<String, Double> e : byClass.entrySet()) {
                c[k] = (byte) (int) index.get(e.getKey());
                v[k++] = e.getValue();
            }
            weights.put(feature, new Weights(c, v));
        });
        return new PerceptronTagger(classes, tagdict, weights);
    }

    /** The tag of each token, as {@code [t for _, t in nltk.pos_tag(tokens)]}. */
    public List<String> tag(List<String> tokens) {
        return tag(tokens, tokens.size());
    }

    /** The tags of the first {@code count} tokens, the rest serving as context. */
    private List<String> tag(List<String> tokens, int count) {
        List<String> context = new ArrayList<>(tokens.size() + 4);
        context.add(START);
        context.add(START2);
        for (String t : tokens) context.add(normalize(t));
        context.add(END);
        context.add(END2);
        List<String> tags = new ArrayList<>(count);
        String prev = START;
        String prev2 = START2;
        for (int i = 0; i < count; i++) {
            String word = tokens.get(i);
            String tag = tagdict.get(word);
            if (tag == null || tag.isEmpty()) tag = predict(i + 2, word, context, prev, prev2);
            tags.add(tag);
            prev2 = prev;
            prev = tag;
        }
        return tags;
    }

    /**
     * The first token's tag, as {@code nltk.pos_tag(tokens)[0][1]}: it depends only on the first three tokens (the
     * tags before it are the start markers), so the rest are not tagged.
     *
     * @throws java.util.NoSuchElementException when there are no tokens
     */
    public String tagFirst(List<String> tokens) {
        if (tokens.isEmpty()) throw new java.util.NoSuchElementException("no tokens to tag");
        // A word in the tag dictionary gets its tag whatever follows: its neighbours are not normalized.
        String known = tagdict.get(tokens.getFirst());
        if (known != null && !known.isEmpty()) return known;
        return tag(tokens.subList(0, Math.min(3, tokens.size())), 1).getFirst();
    }

    /** PerceptronTagger.normalize: hyphenated words, 4-digit years and numbers become classes. */
    private static String normalize(String word) {
        if (word.contains("-") && !word.startsWith("-")) return "!HYPHEN";
        if (PyChars.isDigits(word) && word.codePointCount(0, word.length()) == 4) return "!YEAR";
        if (!word.isEmpty() && PyChars.isDigit(word.codePointAt(0))) return "!DIGITS";
        return PyText.lower(word);
    }

    /** Each ASCII char as a string, its hash cached: most words' first code point. */
    private static final String[] ASCII_CHARS = new String[128];

    static {
        for (char c = 0; c < 128; c++) ASCII_CHARS[c] = String.valueOf(c);
    }

    /** The first code point as a string, as Python's {@code s[0]} (empty for an empty word). */
    private static String firstCodePoint(String word) {
        if (word.isEmpty()) return "";
        char c = word.charAt(0);
        return c < 128 ? ASCII_CHARS[c] : new String(Character.toChars(word.codePointAt(0)));
    }

    /** The last three code points, as Python's {@code s[-3:]}. */
    private static String suffix(String s) {
        int n = s.codePointCount(0, s.length());
        return n <= 3 ? s : s.substring(s.offsetByCodePoints(0, n - 3));
    }

    /** The number of PerceptronTagger._get_features's features. */
    private static final int FEATURES = 14;

    /**
     * The weights of PerceptronTagger._get_features's feature number f (null where the model has none), in its order
     * (which fixes the order scores are summed in); the feature's name is {@code prefix + [middle + " "] + last}.
     */
    private Weights feature(int f, int i, String word, List<String> context, String prev, String prev2) {
        return switch (f) {
            case 0 -> weights.get("", null, "bias");
            case 1 -> weights.get("i suffix ", null, suffix(word));
            case 2 -> weights.get("i pref1 ", null, firstCodePoint(word));
            case 3 -> weights.get("i-1 tag ", null, prev);
            case 4 -> weights.get("i-2 tag ", null, prev2);
            case 5 -> weights.get("i tag+i-2 tag ", prev, prev2);
            case 6 -> weights.get("i word ", null, context.get(i));
            case 7 -> weights.get("i-1 tag+i word ", prev, context.get(i));
            case 8 -> weights.get("i-1 word ", null, context.get(i - 1));
            case 9 -> weights.get("i-1 suffix ", null, suffix(context.get(i - 1)));
            case 10 -> weights.get("i-2 word ", null, context.get(i - 2));
            case 11 -> weights.get("i+1 word ", null, context.get(i + 1));
            case 12 -> weights.get("i+1 suffix ", null, suffix(context.get(i + 1)));
            case 13 -> weights.get("i+2 word ", null, context.get(i + 2));
            default -> throw new IllegalArgumentException("feature " + f);
        };
    }

    /**
     * AveragedPerceptron.predict on the features of the token at context index i: the class with the greatest score,
     * ties to the greater class name. The features the first token's context fixes come from {@link #atStart}.
     */
    private String predict(int i, String word, List<String> context, String prev, String prev2) {
        double[] scores = new double[classes.length];
        for (int f = 0; f < FEATURES; f++) {
            boolean fixed = f == 0 || (i == 2 && atStartFixes(f));
            Weights w = fixed ? atStart[f] : feature(f, i, word, context, prev, prev2);
            if (w == null) continue;
            for (int k = 0; k < w.classes.length; k++) scores[w.classes[k]] += w.values[k];
        }
        int best = 0;
        for (int c = 1; c < classes.length; c++) {
            if (scores[c] > scores[best] || (scores[c] == scores[best] && ranks[c] > ranks[best])) best = c;
        }
        return classes[best];
    }

    /** Whether feature f of the first token reads only the start markers (its tags and the words before it). */
    private static boolean atStartFixes(int f) {
        return f == 3 || f == 4 || f == 5 || f == 8 || f == 9 || f == 10;
    }
}
