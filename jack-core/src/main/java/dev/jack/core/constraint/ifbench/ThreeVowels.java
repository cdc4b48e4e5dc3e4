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

/** words:vowel — one line (after stripping) using at most three of the lower-cased vowels a, e, i, o, u. */
public record ThreeVowels() implements Constraint {
    public static final String ID = "words:vowel";

    public static final ConstraintType<ThreeVowels> TYPE = ConstraintType.builder(ID, ThreeVowels::parse)
            .example(new ThreeVowels())
            .alone("one paragraph of words with only three vowels leaves no room for other constraints' words and lines")
            .hardness(0.8)
            .phrasings("Write a paragraph using words that contain only three types of vowels.",
                    "Answer in a single paragraph that uses at most three different vowels (for example only a, e and i).",
                    "Write one paragraph in which only three of the five vowels a, e, i, o, u ever appear.")
            .synthesis(500, () -> Sampling.INSTANCE)
            .build();

    private static ThreeVowels parse(Kwargs k) {
        return new ThreeVowels();
    }

    public ConstraintType<ThreeVowels> type() { return TYPE; }

    public String description() {
        return "Write a paragraph using words that contain only three types of vowels.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        String paragraph = PyText.strip(response);
        if (paragraph.indexOf('\n') >= 0) return false;
        String lower = PyText.lower(paragraph);
        int used = 0;
        for (char v : "aeiou".toCharArray()) if (lower.indexOf(v) >= 0) used++;
        return used <= 3;
    }

    /** Sentences whose only vowels are a, e and i. */
    private static final List<String> SENTENCES = List.of("The cat sat in the sand.", "She and her friends sat by the river.",
            "It rained late that day.", "Birds fly west at dawn.", "The hills were green and the sky was clear.",
            "Nine white swans swam near the bank.", "Take the path that winds past the trees.", "Steam rises where the kettle sits.",
            "Children sang as they walked.", "A faint breeze drifts in the wind.");

    /** Failed: each line break, and the first use of each vowel when there are more than three; passed: the line. */
    public List<Span> spans(String response, TextTools text) {
        int start = PyText.stripStart(response);
        int end = Math.max(start, PyText.rstrip(response).length());
        if (isFollowedBy(response, text)) return List.of(new Span(start, end, "one line with at most three vowels"));
        List<Span> out = new ArrayList<>(Edits.each(response.substring(0, end), '\n', "line break"));
        out.removeIf(s -> s.start() < start);
        String lower = PyText.lower(response);
        List<Span> vowels = new ArrayList<>();
        for (char v : "aeiou".toCharArray()) if (lower.indexOf(v, start) >= 0 && lower.length() == response.length()) vowels.add(new Span(lower.indexOf(v, start), lower.indexOf(v, start) + 1, "vowel " + v));
        if (vowels.size() > 3) out.addAll(vowels);
        out.sort(java.util.Comparator.comparingInt(Span::start));
        return out;
    }

    /** A sentence that uses every vowel added on the same line, or on a line of its own. */
    public List<Edit> breaks(String response, TextTools text) {
        String sentence = Edits.inCaseOf(response, "Education is our duty.");
        int end = Edits.textEnd(response);
        return Edits.verified(List.of(new Edit("add_sentence", Edits.appended(response, sentence)),
                new Edit("add_line", Edits.replace(response, end, end, "\n" + Edits.inCaseOf(response, "Go.")))), r -> !isFollowedBy(r, text));
    }

    /** Three to six of the sentences, in one paragraph. */
    private enum Sampling implements Sketch<ThreeVowels> {
        INSTANCE;

        public void content(Draft d) {
            d.witness().setText(String.join(" ", d.pickDistinct(SENTENCES, d.between(3, 6))));
        }

        public ThreeVowels finish(Draft d) {
            return new ThreeVowels();
        }
    }
}
