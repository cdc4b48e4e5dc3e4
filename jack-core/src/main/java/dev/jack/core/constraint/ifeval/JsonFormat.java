package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Witness;
import dev.jack.core.json.Json;
import dev.jack.core.json.PyJson;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** detectable_format:json_format — the whole response, less an optional markdown fence, parses as JSON. */
public record JsonFormat() implements Constraint {
    public static final String ID = "detectable_format:json_format";

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
        String v = PyText.strip(response);
        for (String fence : new String[] {"```json", "```Json", "```JSON", "```"}) {
            if (v.startsWith(fence)) v = v.substring(fence.length());
        }
        if (v.endsWith("```")) v = v.substring(0, v.length() - 3);
        return Json.isValid(PyText.strip(v));
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
