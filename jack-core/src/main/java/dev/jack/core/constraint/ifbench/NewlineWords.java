package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * format:newline — after ASCII punctuation is deleted and the text stripped, its non-empty lines
 * (lines of only spaces count) number as many as its whitespace words.
 */
public record NewlineWords() implements Constraint {
    public static final String ID = "format:newline";

    public static final ConstraintType<NewlineWords> TYPE = ConstraintType.builder(ID, NewlineWords::parse)
            .example(new NewlineWords())
            .alone("every word on its own line leaves no room for other constraints' lines and phrases")
            .hardness(0.5)
            .phrasings("Write each word on a new line.",
                    "Put every word of your answer on its own line.",
                    "Your response must have exactly one word per line.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static NewlineWords parse(Kwargs k) {
        return new NewlineWords();
    }

    public ConstraintType<NewlineWords> type() { return TYPE; }

    public String description() {
        return "Write each word on a new line.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String value = PyText.strip(PyText.removePunctuation(response));
        long lines = PyText.split(value, "\n").stream().filter(line -> !line.isEmpty()).count();
        return lines == PyText.countWords(value);
    }

    /** Failed: each line with more than one word; passed: the whole text. */
    public List<Span> spans(String response, TextTools text) {
        List<Span> out = new ArrayList<>();
        int from = 0;
        for (String line : PyText.split(response, "\n")) {
            if (Edits.whitespaceWords(line).size() > 1) out.add(new Span(from, from + line.length(), "line with more than one word"));
            from += line.length() + 1;
        }
        if (out.isEmpty()) out.add(new Span(PyText.stripStart(response), Math.max(PyText.stripStart(response), PyText.rstrip(response).length()), "one word a line"));
        return out;
    }

    /** The first line break made a space, or a word added on the last line. */
    public List<Edit> breaks(String response, TextTools text) {
        int nl = PyText.strip(response).isEmpty() ? -1 : response.indexOf('\n', PyText.stripStart(response));
        List<Edit> out = new ArrayList<>(2);
        if (nl >= 0) out.add(new Edit("join_lines", Edits.replace(response, nl, nl + 1, " ")));
        out.add(Edits.appending("add_word", response, "done"));
        return Edits.verified(out, r -> !isFollowedBy(r, text));
    }

    /** Every word on a line of its own. */
    public List<Edit> repairs(String response, TextTools text) {
        return Edits.verified(List.of(new Edit("one_word_a_line", String.join("\n", PyText.split(response)))), r -> isFollowedBy(r, text));
    }

    /** Three to five pool sentences, one word a line. */
    private enum Sampling implements Sketch<NewlineWords> {
        INSTANCE;

        public void content(Draft d) {
            List<String> words = new ArrayList<>();
            for (int i = d.between(3, 5); i > 0; i--) words.addAll(PyText.split(d.sentence()));
            d.witness().setText(String.join("\n", words));
        }

        public NewlineWords finish(Draft d) {
            return new NewlineWords();
        }
    }
}
