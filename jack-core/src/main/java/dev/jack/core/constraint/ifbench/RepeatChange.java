package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * repeat:repeat_change — the response is not the request itself, but its whitespace words after the
 * first are the request's words after the first.
 */
public record RepeatChange(String promptToRepeat) implements Constraint {
    public static final String ID = "repeat:repeat_change";

    public static final ConstraintType<RepeatChange> TYPE = ConstraintType.builder(ID, RepeatChange::parse)
            .parameters(Parameter.string("prompt_to_repeat"))
            .example(new RepeatChange("Write a short guide to planting tomatoes."))
            .alone("the response is the request repeated, nothing else")
            .hardness(0.45)
            .phrasings("Repeat the request, but change the first word of the repeated request, (do not say anything before repeating the request; the request you need to repeat does not include this sentence) and do not answer the actual request! Request: {prompt_to_repeat}",
                    "Do not answer the request above: repeat it word for word, except that you must change its first word.",
                    "Instead of answering, repeat the request above with a different first word and nothing else.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static RepeatChange parse(Kwargs k) {
        return new RepeatChange(k.nonEmpty("prompt_to_repeat"));
    }

    public ConstraintType<RepeatChange> type() { return TYPE; }

    public String description() {
        return "Repeat the request, but change the first word of the repeated request, (do not say anything before repeating"
                + " the request; the request you need to repeat does not include this sentence) and do not answer the actual request! Request: "
                + promptToRepeat;
    }

    public Map<String, Object> kwargs() {
        return Map.of("prompt_to_repeat", promptToRepeat);
    }

    /**
     * {@code a.split()[1:] == b.split()[1:]}, the words compared in place (no string per word of the request, which a
     * passing response repeats whole).
     */
    static boolean sameAfterFirst(String a, String b) {
        int i = PyText.wordEnd(a, PyText.wordStart(a, 0));
        int j = PyText.wordEnd(b, PyText.wordStart(b, 0));
        while (true) {
            i = PyText.wordStart(a, i);
            j = PyText.wordStart(b, j);
            if (i == a.length() || j == b.length()) return i == a.length() && j == b.length();
            int wordEndA = PyText.wordEnd(a, i);
            int wordEndB = PyText.wordEnd(b, j);
            if (wordEndA - i != wordEndB - j || !a.regionMatches(i, b, j, wordEndA - i)) return false;
            i = wordEndA;
            j = wordEndB;
        }
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return !promptToRepeat.equals(response) && sameAfterFirst(promptToRepeat, response);
    }

    private static final List<String> NEW_FIRST_WORDS = List.of("Please", "Kindly", "Now", "Simply");

    /**
     * The whole answer when it follows; the first word when the answer is the request unchanged; else the words from
     * the first one after the first that departs from the request (an empty span where the copy stops short).
     */
    public List<Span> spans(String response, TextTools text) {
        List<int[]> have = Edits.whitespaceWords(response);
        if (isFollowedBy(response, text)) return List.of(Edits.whole(response, "the request with a new first word"));
        if (response.equals(promptToRepeat)) {
            return List.of(have.isEmpty() ? Span.missing(0, "first word not changed") : new Span(have.getFirst()[0], have.getFirst()[1], "first word not changed"));
        }
        List<String> want = PyText.split(promptToRepeat);
        int i = 1;
        while (i < have.size() && i < want.size() && response.substring(have.get(i)[0], have.get(i)[1]).equals(want.get(i))) i++;
        if (i < have.size()) return List.of(new Span(have.get(i)[0], have.getLast()[1], "differs from the request"));
        return List.of(Span.missing(have.isEmpty() ? 0 : have.getLast()[1], "the copy stops short of the request"));
    }

    /** A sentence added after the copy. */
    public List<Edit> breaks(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("add_sentence", Edits.appended(response, "That is all."))), r -> !isFollowedBy(r, text));
    }

    /** The request with its first word replaced by a new one. */
    public List<Edit> repairs(String response, TextTools text) {
        List<int[]> words = Edits.whitespaceWords(promptToRepeat);
        if (words.isEmpty()) return List.of();
        String first = promptToRepeat.substring(words.getFirst()[0], words.getFirst()[1]);
        String fresh = NEW_FIRST_WORDS.stream().filter(w -> !w.equals(first)).findFirst().orElseThrow();
        return Edits.verified(List.of(new Edit("repeat_with_new_first_word", Edits.replace(promptToRepeat, words.getFirst()[0], words.getFirst()[1], fresh))),
                r -> isFollowedBy(r, text));
    }

    /** The task, with a new first word. */
    private enum Sampling implements Sketch<RepeatChange> {
        INSTANCE;

        public void layout(Draft d) {
            d.keepTaskFirst();
        }

        public void content(Draft d) {
            List<String> words = new ArrayList<>(PyText.split(d.taskText()));
            String first = d.pick(NEW_FIRST_WORDS.stream().filter(w -> !w.equals(words.getFirst())).toList());
            words.set(0, first);
            d.witness().setText(String.join(" ", words));
        }

        public RepeatChange finish(Draft d) {
            return new RepeatChange(d.taskText());
        }
    }
}
