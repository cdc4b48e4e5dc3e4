package dev.jack.core.curate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a continuation's first reasoning step ends: at the first blank line that falls within a token window
 * (the blank line stays with the step), else after the last sentence end inside the window, else the whole
 * text when it fits, else at the window's last token. Token counts come from the token texts the model
 * produced; where those do not spell the text (a stop string cut it, a character split across tokens), each
 * word with its leading space counts as one token.
 */
public final class Steps {
    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t]*\\n\\s*");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?][\"')\\]]*\\s+");
    private static final Pattern WORD = Pattern.compile("\\s*\\S+");

    private Steps() {}

    /** The end (in chars) of each token of the text. */
    public static int[] tokenEnds(String text, List<String> tokens) {
        if (!tokens.isEmpty() && String.join("", tokens).equals(text)) {
            int[] ends = new int[tokens.size()];
            int at = 0;
            for (int i = 0; i < ends.length; i++) ends[i] = at += tokens.get(i).length();
            return ends;
        }
        List<Integer> ends = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) ends.add(m.end());
        if (ends.isEmpty() || ends.getLast() < text.length()) ends.add(text.length());
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /** How many tokens the first {@code chars} characters take (a token cut in two counts). */
    public static int tokensIn(int[] tokenEnds, int chars) {
        int n = 0;
        while (n < tokenEnds.length && (n == 0 ? 0 : tokenEnds[n - 1]) < chars) n++;
        return n;
    }

    /** The length in chars of the first step of {@code text}, given its token ends and the window. */
    public static int firstStep(String text, int[] tokenEnds, int minTokens, int maxTokens) {
        Matcher blank = BLANK_LINE.matcher(text);
        while (blank.find()) {
            int tokens = tokensIn(tokenEnds, blank.start());
            if (tokens > maxTokens) break;
            if (tokens >= minTokens && blank.end() < text.length()) return blank.end();
        }
        int sentence = -1;
        Matcher end = SENTENCE_END.matcher(text);
        while (end.find()) {
            int tokens = tokensIn(tokenEnds, end.start() + 1);
            if (tokens > maxTokens) break;
            if (tokens >= minTokens && end.end() < text.length()) sentence = end.end();
        }
        if (sentence > 0) return sentence;
        if (tokenEnds.length <= maxTokens) return text.length();
        return tokenEnds[maxTokens - 1];
    }
}
