package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;

/**
 * custom:mcq_count_length — the response starts with "Question"; split at each "Question N" label it
 * holds exactly 4 questions, each with exactly 5 option lines ("A." to "E.", either case, ')' or '|'
 * allowed), and the question texts (the lines before the first option) grow strictly longer.
 */
public record MultipleChoiceQuestions() implements Constraint {
    public static final String ID = "custom:mcq_count_length";

    public static final ConstraintType<MultipleChoiceQuestions> TYPE = ConstraintType.builder(ID, MultipleChoiceQuestions::parse)
            .example(new MultipleChoiceQuestions())
            .build();

    /** The reference's build_description takes and ignores any kwargs. */
    private static MultipleChoiceQuestions parse(Kwargs k) {
        k.ignoreOthers();
        return new MultipleChoiceQuestions();
    }

    public ConstraintType<MultipleChoiceQuestions> type() { return TYPE; }

    public String description() {
        return "Generate 4 multiple choice questions with 5 options each about '20th century art history'. Each question"
                + " should start with the label \"Question\". The questions should get progressively longer. Do not provide an explanation.";
    }

    /**
     * The reference's {@code re.split(r"\n*(?:Question \d+[\.|\):;]?\s*)", s)}, written out (hand-written for speed: the
     * regex is tried at every position). A match needs "Question " and a decimal digit; it starts at the newlines right
     * before it (none before the last match's end: {@code \n*} is greedy, and "Question" starts with no newline) and
     * takes the digits, one separator and the whitespace after (each part greedy, and what follows it optional, so
     * nothing is given back).
     */
    static List<String> splitOnLabels(String s) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        int search = 0;
        for (int q; (q = s.indexOf("Question ", search)) >= 0; ) {
            int end = q + "Question ".length();
            int cp;
            if (end >= s.length() || !PyText.isDecimal(s.codePointAt(end))) {
                search = q + 1;
                continue;
            }
            while (end < s.length() && PyText.isDecimal(cp = s.codePointAt(end))) end += Character.charCount(cp);
            if (end < s.length() && ".|):;".indexOf(s.charAt(end)) >= 0) end++;
            while (end < s.length() && PyText.isSpace(cp = s.codePointAt(end))) end += Character.charCount(cp);
            int start = q;
            while (start > from && s.charAt(start - 1) == '\n') start--;
            pieces.add(s.substring(from, start));
            from = search = end;
        }
        pieces.add(s.substring(from));
        return pieces;
    }

    /**
     * The reference's {@code re.match(r"^[A-Ea-e][\.|\)]\s*\w+", line)}, written out: a letter A-E or a-e, '.', '|' or
     * ')', whitespace, then a word character ({@code \s*} and {@code \w+} share no character, so the whitespace is
     * skipped whole).
     */
    static boolean isOption(String line) {
        if (line.length() < 3) return false;
        char letter = line.charAt(0);
        char mark = line.charAt(1);
        if (!(letter >= 'A' && letter <= 'E' || letter >= 'a' && letter <= 'e') || (mark != '.' && mark != '|' && mark != ')')) return false;
        int i = 2;
        int cp;
        while (i < line.length() && PyText.isSpace(cp = line.codePointAt(i))) i += Character.charCount(cp);
        return i < line.length() && PyText.isWordChar(line.codePointAt(i));
    }

    public boolean isFollowedBy(String response, TextTools text) {
        // value[value.find('Question'):] differs from value unless "Question" starts it (a one-character
        // value, where find's -1 slices the last character, is also unchanged).
        if (!response.startsWith("Question") && PyText.length(response) != 1) return false;
        List<String> pieces = splitOnLabels(response);
        if (pieces.getFirst().isEmpty()) pieces = pieces.subList(1, pieces.size());
        List<String> questions = new ArrayList<>();
        for (String q : pieces) if (!PyText.isBlank(q)) questions.add(PyText.strip(q));
        if (questions.size() != 4) return false;
        int previous = -1;
        for (String q : questions) {
            StringBuilder question = new StringBuilder();
            int options = 0;
            boolean inOptions = false;
            for (String line : PyText.split(q, "\n")) {
                String stripped = PyText.strip(line);
                if (isOption(stripped)) {
                    options++;
                    inOptions = true;
                } else if (!inOptions) {
                    question.append(' ').append(stripped);
                }
            }
            if (options != 5) return false;
            int length = PyText.length(PyText.strip(question.toString()));
            if (length <= previous) return false;
            previous = length;
        }
        return true;
    }
}
