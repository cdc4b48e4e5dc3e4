package dev.jack.llm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds control-token text in a model's response: {@code <|eot_id|>}, {@code <|im_start|>}, {@code </s>} and the like.
 * A server that renders special tokens as text (llama.cpp with {@code special: true}, vLLM with
 * {@code skip_special_tokens: false}, a mistaken template) leaks them into responses, and a response holding one is
 * not a clean training example. {@link #KNOWN} looks for the special tokens of the common chat families (listed in
 * {@link #KNOWN_TEXTS}) and for anything shaped {@code <|name|>} or {@code <｜name｜>} (Llama 3, ChatML/Qwen, Phi,
 * OLMo, gpt-oss, DeepSeek); {@link #with} adds a model's own control tokens, e.g.
 * {@link dev.jack.llm.engine.Llama3Tokenizer#controlTokenTexts()}.
 */
public final class ControlTokens {
    /**
     * Special-token texts of the common chat model families that are not shaped {@code <|name|>}: Llama 2 and Mistral
     * ({@code <s>}, {@code </s>}, {@code [INST]}, ...), Gemma, Mistral's tool markers and Command R's turn tokens. Note
     * that {@code <s>} and {@code </s>} are also HTML's strikethrough tags, so a response with such HTML is flagged too.
     */
    public static final List<String> KNOWN_TEXTS = List.of(
            "<s>", "</s>", "<unk>", "[INST]", "[/INST]", "<<SYS>>", "<</SYS>>",
            "[AVAILABLE_TOOLS]", "[/AVAILABLE_TOOLS]", "[TOOL_CALLS]", "[TOOL_RESULTS]", "[/TOOL_RESULTS]",
            "[SYSTEM_PROMPT]", "[/SYSTEM_PROMPT]", "[THINK]", "[/THINK]",
            "<bos>", "<eos>", "<start_of_turn>", "<end_of_turn>", "<start_of_image>", "<end_of_image>",
            "<EOT>", "<end_of_utterance>", "<BOS_TOKEN>", "<EOS_TOKEN>");
    /** {@code <|name|>} (ASCII bars) and DeepSeek's {@code <｜name｜>} (full-width bars), names without spaces. */
    static final Pattern BARRED = Pattern.compile("<[|\uff5c][^\\s<>|\uff5c]{1,64}[|\uff5c]>");

    /** The common families' special tokens and every {@code <|name|>}-shaped text. */
    public static final ControlTokens KNOWN = new ControlTokens(KNOWN_TEXTS);

    /** Where a control-token text occurs: the text and its offset in chars. */
    public record Match(String token, int offset) {}

    private final List<String> texts;
    /** The first chars of the texts, and for each ({@code byFirst[i]}) the texts starting with it, longest first. */
    private final String literalFirsts;
    private final String[][] byFirst;
    /**
     * The first chars of the texts and of {@code <|name|>}: a response holding none of them holds no control token, and
     * is passed over with a few vectorized scans instead of the patterns (scoring looks at every response).
     */
    private final String firstChars;

    /** The ASCII chars of {@link #literalFirsts} as a bit set (chars 0-63, then 64-127), and whether it has others. */
    private final long[] asciiFirsts;
    private final boolean wideFirsts;

    private ControlTokens(Collection<String> texts) {
        Set<String> unique = new LinkedHashSet<>();
        for (String t : texts) if (t != null && !t.isEmpty()) unique.add(t);
        List<String> sorted = new ArrayList<>(unique);
        // Longest first, so that a token is reported whole and not as a shorter token inside it.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.texts = List.copyOf(sorted);
        StringBuilder firsts = new StringBuilder();
        for (String t : sorted) if (firsts.indexOf(t.substring(0, 1)) < 0) firsts.append(t.charAt(0));
        this.literalFirsts = firsts.toString();
        this.byFirst = new String[firsts.length()][];
        for (int i = 0; i < byFirst.length; i++) {
            char c = firsts.charAt(i);
            byFirst[i] = sorted.stream().filter(t -> t.charAt(0) == c).toArray(String[]::new);
        }
        this.firstChars = firsts.indexOf("<") < 0 ? "<" + firsts : firsts.toString();
        long[] ascii = new long[2];
        boolean wide = false;
        for (int i = 0; i < firsts.length(); i++) {
            char c = firsts.charAt(i);
            if (c < 128) ascii[c >> 6] |= 1L << c;
            else wide = true;
        }
        this.asciiFirsts = ascii;
        this.wideFirsts = wide;
    }

    /** Whether a text can begin at c: a bit test for ASCII, where most of a response is. */
    private boolean isLiteralFirst(char c) {
        return c < 128 ? (asciiFirsts[c >> 6] & 1L << c) != 0 : wideFirsts && literalFirsts.indexOf(c) >= 0;
    }

    /** Whether {@link #BARRED} can match: its texts begin with '<' and a bar. */
    private static boolean mayHoldBarred(String response) {
        return response.indexOf("<|") >= 0 || response.indexOf("<\uff5c") >= 0;
    }

    /**
     * The first of the texts from {@code from} on: the earliest offset, the longest text there (what a regex alternation
     * of the texts, longest first, finds; scanned by hand, as such an alternation tries every text at every offset).
     */
    private Match literalFrom(String response, int from) {
        for (int i = from; i < response.length(); i++) {
            char c = response.charAt(i);
            if (!isLiteralFirst(c)) continue;
            for (String t : byFirst[literalFirsts.indexOf(c)]) if (response.startsWith(t, i)) return new Match(t, i);
        }
        return null;
    }

    /** Whether the response holds one of {@link #firstChars}, which every control-token text begins with. */
    private boolean mayHold(String response) {
        for (int i = 0; i < firstChars.length(); i++) if (response.indexOf(firstChars.charAt(i)) >= 0) return true;
        return false;
    }

    /** These texts and the given ones (a model's control tokens); empty and null texts are ignored. */
    public ControlTokens with(Collection<String> more) {
        List<String> all = new ArrayList<>(texts);
        all.addAll(more);
        return new ControlTokens(all);
    }

    /**
     * The first control-token text in the response (the earliest offset; the longest token there), if any. One pass
     * over the text for the texts, one for {@code <|name|>}.
     */
    public Optional<Match> find(String response) {
        if (!mayHold(response)) return Optional.empty();
        Match first = literalFrom(response, 0);
        Matcher barred = BARRED.matcher(response);
        if (mayHoldBarred(response) && barred.find() && (first == null || barred.start() < first.offset())) first = new Match(barred.group(), barred.start());
        return Optional.ofNullable(first);
    }

    /**
     * Every control-token text in the response, in order: from the start, the match {@link #find} gives, then the
     * same from the end of that one. Linear in the response (each pattern's scan moves forward only), where calling
     * find on what is left after each match is quadratic on a response made of control tokens.
     */
    public List<Match> findAll(String response) {
        List<Match> all = new ArrayList<>();
        if (!mayHold(response)) return all;
        Match lit = literalFrom(response, 0);
        Matcher bar = BARRED.matcher(response);
        boolean barFound = mayHoldBarred(response) && bar.find();
        while (lit != null || barFound) {
            Match m = lit != null && (!barFound || lit.offset() <= bar.start()) ? lit : new Match(bar.group(), bar.start());
            all.add(m);
            int end = m.offset() + m.token().length();
            if (lit != null && lit.offset() < end) lit = literalFrom(response, end);
            if (barFound && bar.start() < end) barFound = end < response.length() && bar.find(end);
        }
        return all;
    }

    /** True when the response holds control-token text. */
    public boolean containsAny(String response) {
        return find(response).isPresent();
    }
}
