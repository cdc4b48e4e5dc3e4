package dev.jack.core.synth;

import dev.jack.core.data.DataFileException;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How hard each constraint is for a model, from 0 (almost always followed) to 1 (almost never).
 * Difficulty tiers weight constraint choice by it. The defaults are judgement calls; measured pass
 * rates recalibrate them: hardness = 1 − pass rate (see {@link #fromPassRates}).
 */
public record Hardness(Map<String, Double> byId) {

    public static Hardness defaults() {
        Map<String, Double> h = new HashMap<>();
        h.put(Ids.NO_COMMA, 0.35);
        h.put(Ids.QUOTATION, 0.2);
        h.put(Ids.TITLE, 0.15);
        h.put(Ids.POSTSCRIPT, 0.2);
        h.put(Ids.END_PHRASE, 0.25);
        h.put(Ids.KEYWORDS, 0.2);
        h.put(Ids.FORBIDDEN, 0.3);
        h.put(Ids.PLACEHOLDERS, 0.3);
        h.put(Ids.HIGHLIGHTS, 0.3);
        h.put(Ids.JSON, 0.3);
        h.put(Ids.LOWERCASE, 0.4);
        h.put(Ids.CAPITAL, 0.35);
        h.put(Ids.LANGUAGE, 0.3);
        h.put(Ids.WORDS, 0.45);
        h.put(Ids.BULLETS, 0.45);
        h.put(Ids.SECTIONS, 0.45);
        h.put(Ids.PARAGRAPHS, 0.5);
        h.put(Ids.REPEAT_PROMPT, 0.5);
        h.put(Ids.TWO_RESPONSES, 0.45);
        h.put(Ids.KEYWORD_FREQUENCY, 0.5);
        h.put(Ids.SENTENCES, 0.55);
        h.put(Ids.CAPITAL_WORDS, 0.6);
        h.put(Ids.LETTER_FREQUENCY, 0.65);
        h.put(Ids.NTH_PARAGRAPH, 0.7);
        return new Hardness(Map.copyOf(h));
    }

    public double of(String id) {
        return byId.getOrDefault(id, 0.5);
    }

    /** Hardness from measured strict pass rates (id → fraction of responses that followed it). */
    public static Hardness fromPassRates(Map<String, Double> passRates) {
        Map<String, Double> h = new HashMap<>(defaults().byId());
        passRates.forEach((id, rate) -> h.put(id, Math.clamp(1 - rate, 0.0, 1.0)));
        return new Hardness(Map.copyOf(h));
    }

    /**
     * Reads a JSON object mapping constraint ids either to a hardness in [0, 1] or to
     * {"pass_rate": p}; ids not listed keep their default.
     */
    public static Hardness read(Path file) {
        Object parsed;
        try {
            parsed = Json.parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JsonException e) {
            throw new DataFileException(file, "malformed JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) throw new DataFileException(file, "expected a JSON object of constraint ids");
        Map<String, Double> hardness = new HashMap<>();
        Map<String, Double> passRates = new HashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String id = (String) e.getKey();
            if (!Ids.SYNTHESIZED.contains(id)) throw new DataFileException(file, id + ": not a constraint id that synthesis uses");
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m && m.get("pass_rate") instanceof Number rate) {
                passRates.put(id, requireFraction(file, id, rate.doubleValue()));
            } else if (v instanceof Number n) {
                hardness.put(id, requireFraction(file, id, n.doubleValue()));
            } else {
                throw new DataFileException(file, id + ": expected a number in [0, 1] or {\"pass_rate\": p}");
            }
        }
        Map<String, Double> merged = new HashMap<>(fromPassRates(passRates).byId());
        merged.putAll(hardness);
        return new Hardness(Map.copyOf(merged));
    }

    private static double requireFraction(Path file, String id, double v) {
        if (!(v >= 0 && v <= 1)) throw new DataFileException(file, id + ": must be between 0 and 1, got " + v);
        return v;
    }
}
