package dev.jack.core.ifbench;

import dev.jack.core.text.PyText;

import java.util.List;
import java.util.Map;

/**
 * count:keywords_multiple — keyword1..keyword5 (stripped) occur exactly 1, 2, 3, 5 and 7 times as
 * lower-cased substrings (non-overlapping) of the lower-cased response.
 */
public record KeywordsMultiple(String keyword1, String keyword2, String keyword3, String keyword4, String keyword5) implements Checker {
    public static final String ID = "count:keywords_multiple";

    private static final int[] COUNTS = {1, 2, 3, 5, 7};

    static KeywordsMultiple parse(Args a) {
        return new KeywordsMultiple(PyText.strip(a.string("keyword1")), PyText.strip(a.string("keyword2")),
                PyText.strip(a.string("keyword3")), PyText.strip(a.string("keyword4")), PyText.strip(a.string("keyword5")));
    }

    public String id() { return ID; }

    public Source source() { return Source.IFBENCH; }

    public String description() {
        return "Include keyword " + keyword1 + " once in your response, keyword " + keyword2 + " twice in your response, keyword "
                + keyword3 + " three times in your response, keyword " + keyword4 + " five times in your response, and keyword "
                + keyword5 + " seven times in your response.";
    }

    public Map<String, Object> kwargs() {
        return Args.kwargs("keyword1", keyword1, "keyword2", keyword2, "keyword3", keyword3, "keyword4", keyword4, "keyword5", keyword5);
    }

    public boolean check(String response, Analyses text) {
        String lower = PyText.lower(response);
        List<String> keywords = List.of(keyword1, keyword2, keyword3, keyword4, keyword5);
        for (int i = 0; i < 5; i++) if (PyStr.count(lower, PyText.lower(keywords.get(i))) != COUNTS[i]) return false;
        return true;
    }
}
