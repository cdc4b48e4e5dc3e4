package dev.jack.core.synth;

import dev.jack.core.data.TextFiles;
import dev.jack.core.constraint.ConstraintRegistry;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.data.DataFileException;
import dev.jack.core.data.PassRates;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How hard each constraint is for a model, from 0 (almost always followed) to 1 (almost never).
 * Difficulty tiers weight constraint choice by it. The defaults are each constraint's prior, a judgement
 * call; measured pass rates recalibrate them: hardness = 1 − pass rate (see {@link #fromPassRates}).
 */
public record Hardness(Map<String, Double> byId) {

    /** Every registered synthesized constraint's prior ({@link ConstraintType#hardness()}). */
    public static Hardness defaults() {
        Map<String, Double> h = new HashMap<>();
        for (String id : ConstraintRegistry.ids()) {
            ConstraintType<?> type = ConstraintRegistry.type(id);
            if (type.isSynthesized()) h.put(id, type.hardness());
        }
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
     * {"pass_rate": p}; ids not listed keep their default. A {@code .jsonl} file is {@code jack score}'s pass rates
     * ({@link PassRates}): each synthesized constraint's measured strict pass rate over all its samples.
     */
    public static Hardness read(Path file) {
        if (file.getFileName().toString().endsWith(".jsonl")) {
            Map<String, Double> rates = new HashMap<>(PassRates.byConstraint(PassRates.readAll(file)));
            rates.keySet().removeIf(id -> !ConstraintRegistry.isKnown(id) || !ConstraintRegistry.type(id).isSynthesized());
            return fromPassRates(rates);
        }
        Object parsed = TextFiles.readJson(file);
        if (!(parsed instanceof Map<?, ?> map)) throw new DataFileException(file, "expected a JSON object of constraint ids");
        Map<String, Double> hardness = new HashMap<>();
        Map<String, Double> passRates = new HashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String id = (String) e.getKey();
            if (!ConstraintRegistry.isKnown(id) || !ConstraintRegistry.type(id).isSynthesized()) throw new DataFileException(file, id + ": not a constraint id that synthesis uses");
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
