package dev.jack.core.data;

import dev.jack.core.UserException;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSONL file of objects line by line; every error names the file and line. Blank lines are skipped. A folder is
 * read as the dataset Jack writes on Spark: its {@code part-*} files in name order (its other files, such as
 * {@code failed-*}, are not rows), each line's errors naming its part file.
 */
public final class JsonlReader {
    private JsonlReader() {}

    /** One parsed line, with typed field access whose errors name the file, line and field. */
    public record Row(Path file, long line, Map<String, Object> fields) {
        public DataFileException error(String field, String message) {
            return new DataFileException(file, line, field, message);
        }

        public boolean has(String field) {
            return fields.get(field) != null;
        }

        public String string(String field) {
            Object v = fields.get(field);
            if (v == null) throw error(field, "is missing");
            if (v instanceof String s) return s;
            throw error(field, "must be a string");
        }

        public long integer(String field) {
            Object v = fields.get(field);
            if (v == null) throw error(field, "is missing");
            if (v instanceof Long l) return l;
            throw error(field, "must be an integer");
        }

        public List<?> list(String field) {
            Object v = fields.get(field);
            if (v == null) throw error(field, "is missing");
            if (v instanceof List<?> l) return l;
            throw error(field, "must be a list");
        }

        /**
         * A finite number (integer or not) as a double. NaN and the infinities (which Python's json.loads reads) are
         * refused: they are not JSON, and no value Jack reads means them.
         */
        public double number(String field) {
            Object v = fields.get(field);
            if (v == null) throw error(field, "is missing");
            if (!(v instanceof Number n)) throw error(field, "must be a number");
            double d = n.doubleValue();
            if (!Double.isFinite(d)) throw error(field, "must be a finite number, got " + (Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity"));
            return d;
        }

        /** The string, or null when the field is absent or null. */
        public String optionalString(String field) {
            return has(field) ? string(field) : null;
        }

        /** The integer, or null when the field is absent or null. */
        public Long optionalInteger(String field) {
            return has(field) ? integer(field) : null;
        }

        /** The number, or null when the field is absent or null. */
        public Double optionalNumber(String field) {
            return has(field) ? number(field) : null;
        }

        /** A JSON object, or null when the field is absent or null. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> optionalObject(String field) {
            Object v = fields.get(field);
            if (v == null) return null;
            if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
            throw error(field, "must be an object");
        }

        /** A list of strings, or null when the field is absent or null. */
        public List<String> optionalStrings(String field) {
            return optionalList(field, String.class, "must be a string");
        }

        /** A list of booleans, or null when the field is absent or null. */
        public List<Boolean> optionalBooleans(String field) {
            return optionalList(field, Boolean.class, "must be true or false");
        }

        private <T> List<T> optionalList(String field, Class<T> type, String otherwise) {
            if (!has(field)) return null;
            List<?> l = list(field);
            for (int i = 0; i < l.size(); i++) if (!type.isInstance(l.get(i))) throw error(field + "[" + i + "]", otherwise);
            @SuppressWarnings("unchecked")
            List<T> typed = (List<T>) l;
            return typed;
        }

        /** The fields other than these, in file order (what a typed record keeps as it is). */
        public Map<String, Object> otherThan(java.util.Set<String> known) {
            Map<String, Object> other = new java.util.LinkedHashMap<>();
            fields.forEach((k, v) -> {
                if (!known.contains(k)) other.put(k, v);
            });
            return other;
        }
    }

    public interface RowConsumer {
        void accept(Row row);
    }

    /** Every row of the file, each turned into a record by {@code read}. */
    public static <T> List<T> readAll(Path file, java.util.function.Function<Row, T> read) {
        List<T> out = new java.util.ArrayList<>();
        forEach(file, row -> out.add(read.apply(row)));
        return out;
    }

    /**
     * Calls the consumer with each row of the file, in order; for a folder, each row of its {@code part-*} files in
     * name order (a dataset Jack wrote on Spark).
     *
     * @throws DataFileException for a missing file, a folder without {@code part-*} files, a line that is not a JSON
     *     object (nested deeper than the parser can go included) or not UTF-8, each naming the file and line; and
     *     what the consumer throws
     */
    public static void forEach(Path file, RowConsumer consumer) {
        if (Files.isDirectory(file)) {
            for (Path part : parts(file)) forEachLine(part, consumer);
        } else {
            forEachLine(file, consumer);
        }
    }

    /** Whether the path is a folder read as one file: a dataset Jack wrote on Spark, with {@code part-*} files. */
    public static boolean isDataset(Path path) {
        return Files.isDirectory(path) && !partsOf(path).isEmpty();
    }

    private static List<Path> parts(Path folder) {
        List<Path> parts = partsOf(folder);
        // A folder that is no dataset was most likely given by mistake for a file.
        if (parts.isEmpty()) throw new DataFileException(folder, "is a folder; expected a file");
        return parts;
    }

    private static List<Path> partsOf(Path folder) {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList();
        } catch (IOException e) {
            throw new UserException(folder + ": cannot read it: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void forEachLine(Path file, RowConsumer consumer) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
                if (text.isBlank()) continue;
                Object parsed;
                try {
                    parsed = Json.parse(text);
                } catch (JsonException e) {
                    throw new DataFileException(file, line, null, "malformed JSON: " + e.getMessage());
                }
                if (!(parsed instanceof Map<?, ?> map)) {
                    throw new DataFileException(file, line, null, "expected a JSON object");
                }
                consumer.accept(new Row(file, line, (Map<String, Object>) map));
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file");
        } catch (CharacterCodingException e) {
            long line;
            try {
                line = TextFiles.firstMalformedLine(file);
            } catch (IOException again) {
                line = 0;
            }
            throw line > 0 ? TextFiles.notUtf8(file, line) : new DataFileException(file, "not valid UTF-8");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read it: " + e.getMessage(), e);
        }
    }
}
