package dev.jack.core.constraint;

import dev.jack.core.json.Json;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextTools;

import java.util.Map;

/** detectable_format:json_format — the whole response, less an optional markdown fence, parses as JSON. */
public record JsonFormat() implements Constraint {
    public static final String ID = "detectable_format:json_format";

    static JsonFormat parse(Kwargs k) {
        return new JsonFormat();
    }

    public String id() { return ID; }

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
}
