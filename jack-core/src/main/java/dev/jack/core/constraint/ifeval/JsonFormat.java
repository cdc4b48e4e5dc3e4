package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Edit;
import dev.jack.core.constraint.Edits;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.constraint.Witness;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;
import dev.jack.core.json.PyJson;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** detectable_format:json_format — the whole response, less an optional markdown fence, parses as JSON. */
public record JsonFormat() implements Constraint {
    public static final String ID = "detectable_format:json_format";
    private static final String[] FENCES = {"```json", "```Json", "```JSON", "```"};

    public static final ConstraintType<JsonFormat> TYPE = ConstraintType.builder(ID, JsonFormat::parse)
            .example(new JsonFormat())
            .conflict(ResponseLanguage.ID, "JSON escapes hide the language")
            .conflict(Title.ID, "JSON output has no title line")
            .conflict(NumberOfBulletLists.ID, "JSON output has no markdown bullets")
            .conflict(MultipleSections.ID, "JSON output has no section markers")
            .conflict(Postscript.ID, "nothing may follow the JSON value")
            .conflict(EndChecker.ID, "nothing may follow the JSON value")
            .conflict(Quotation.ID, "the JSON value cannot also be wrapped in quotes")
            .conflict(TwoResponses.ID, "two responses are not one JSON value")
            .conflict(RepeatPrompt.ID, "the repeated request would precede the JSON value")
            .conflict(NumberOfParagraphs.ID, "JSON output has no paragraph dividers")
            .conflict(NthParagraphFirstWord.ID, "JSON output has no paragraphs")
            .conflict(NumberOfSentences.ID, "sentences inside a JSON string are not what a reader counts")
            .hardness(0.3)
            .phrasings("Entire output should be wrapped in JSON format. You can use markdown ticks such as ```.",
                    "Format your whole answer as valid JSON.",
                    "Return the response as a JSON object and nothing else.")
            .synthesis(90, () -> Sampling.INSTANCE)
            .build();

    private static JsonFormat parse(Kwargs k) {
        return new JsonFormat();
    }

    public ConstraintType<JsonFormat> type() { return TYPE; }

    public String description() {
        return "Entire output should be wrapped in JSON format. You can use markdown ticks such as ```.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        int[] body = body(response);
        return Json.isValid(response.substring(body[0], body[1]));
    }

    /**
     * What the check parses, as {start, end} in the response: the stripped text less the reference's fences (each of
     * ```json, ```Json, ```JSON and ``` in turn at the start, ``` at the end), stripped again.
     */
    private static int[] body(String response) {
        int start = PyText.stripStart(response);
        int end = Math.max(start, PyText.rstrip(response).length());
        for (String fence : FENCES) {
            if (response.startsWith(fence, start) && start + fence.length() <= end) start += fence.length();
        }
        if (end - start >= 3 && response.startsWith("```", end - 3)) end -= 3;
        start += PyText.stripStart(response.substring(start, end));
        end = start + PyText.rstrip(response.substring(start, end)).length();
        return new int[] {start, end};
    }

    /** Passed: the JSON value. Failed: from where parsing fails to the end of what was parsed. */
    public List<Span> spans(String response, TextTools text) {
        int[] body = body(response);
        try {
            Json.parse(response.substring(body[0], body[1]));
            return List.of(new Span(body[0], body[1], "JSON value"));
        } catch (JsonException e) {
            int at = Math.min(body[1], body[0] + e.offset());
            return List.of(at == body[1] ? Span.missing(at, "not JSON: " + e.getMessage()) : new Span(at, body[1], "not JSON: " + e.getMessage()));
        }
    }

    /** The value's last closing brace or bracket removed. */
    public List<Edit> breaks(String response, TextTools text) {
        int[] body = body(response);
        int last = Math.max(response.lastIndexOf('}', body[1] - 1), response.lastIndexOf(']', body[1] - 1));
        if (last < body[0]) return List.of();
        return List.of(new Edit("remove_closing_bracket", Edits.replace(response, last, last + 1, "")));
    }

    /** The JSON object or array inside prose (from the first opening bracket to the last closing one), alone. */
    public List<Edit> repairs(String response, TextTools text) {
        List<Edit> out = new ArrayList<>();
        for (char[] brackets : new char[][] {{'{', '}'}, {'[', ']'}}) {
            int open = response.indexOf(brackets[0]);
            int close = response.lastIndexOf(brackets[1]);
            if (open >= 0 && close > open && Json.isValid(response.substring(open, close + 1))) {
                out.add(new Edit("extract_json", response.substring(open, close + 1)));
            }
        }
        return out;
    }


    public Map<String, Object> kwargs() { return Map.of(); }

    /** The blocks on one line, as the string value of {"answer": ...} (the key in capitals when the text is). */
    private enum Sampling implements Sketch<JsonFormat> {
        INSTANCE;

        public void content(Draft d) {
            Witness w = d.witness();
            w.setBlockSeparator(" ");
            w.wrap(body -> {
                StringBuilder b = new StringBuilder("{");
                PyJson.writeString(b, w.letterCase() == Witness.Case.UPPER ? "ANSWER" : "answer");
                b.append(": ");
                PyJson.writeString(b, body);
                return b.append('}').toString();
            });
        }

        public JsonFormat finish(Draft d) {
            return new JsonFormat();
        }
    }
}
