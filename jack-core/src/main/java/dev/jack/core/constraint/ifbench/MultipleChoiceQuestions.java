package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.text.PyRegex;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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

    private static final Pattern LABEL = PyRegex.compile("\\n*(?:Question \\d+[\\.|\\):;]?\\s*)");
    private static final Pattern OPTION = PyRegex.compile("^[A-Ea-e][\\.|\\)]\\s*\\w+");

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

    public boolean isFollowedBy(String response, TextTools text) {
        // value[value.find('Question'):] differs from value unless "Question" starts it (a one-character
        // value, where find's -1 slices the last character, is also unchanged).
        if (!response.startsWith("Question") && PyText.length(response) != 1) return false;
        List<String> pieces = PyText.split(LABEL, response);
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
                if (OPTION.matcher(stripped).lookingAt()) {
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
