package dev.jack.core.data;

import dev.jack.core.Parallel;
import dev.jack.core.UserException;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

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

        /** The error for a field that is absent, or null (JSON's null, which no field Jack requires may be). */
        private DataFileException missing(String field) {
            return error(field, fields.containsKey(field) ? "is null" : "is missing");
        }

        public boolean has(String field) {
            return fields.get(field) != null;
        }

        public String string(String field) {
            Object v = fields.get(field);
            if (v == null) throw missing(field);
            if (v instanceof String s) return s;
            throw error(field, "must be a string");
        }

        public long integer(String field) {
            Object v = fields.get(field);
            if (v == null) throw missing(field);
            if (v instanceof Long l) return l;
            throw error(field, "must be an integer");
        }

        public List<?> list(String field) {
            Object v = fields.get(field);
            if (v == null) throw missing(field);
            if (v instanceof List<?> l) return l;
            throw error(field, "must be a list");
        }

        /**
         * A finite number (integer or not) as a double. NaN and the infinities (which Python's json.loads reads) are
         * refused: they are not JSON, and no value Jack reads means them.
         */
        public double number(String field) {
            Object v = fields.get(field);
            if (v == null) throw missing(field);
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

    /** Bytes read per batch (a batch ends at the last line end in them; a longer line makes a longer batch). */
    private static final int BATCH_BYTES = 1 << 20;
    /** Batches parsed ahead of the consumer: enough to keep the other cores busy, few enough to bound memory. */
    private static final int AHEAD = 4;

    /**
     * Calls the consumer with each row of the file, in order, on the calling thread; for a folder, each row of its
     * {@code part-*} files in name order (a dataset Jack wrote on Spark).
     *
     * @throws DataFileException for a missing file, a folder without {@code part-*} files, a line that is not a JSON
     *     object (nested deeper than the parser can go included) or not UTF-8, each naming the file and line, after
     *     the rows of the batches before it were consumed; and what the consumer throws
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

    /**
     * The rows of one file. Lines end at {@code \n}, {@code \r} or {@code \r\n}, as {@link BufferedReader#readLine}
     * has them. The file is read in batches of whole lines, each parsed from its bytes ({@link Parallel.InOrder}; a batch
     * the byte parser declines is decoded in one step and parsed from its text)
     * while the next is read and the previous consumed (reading is most of the cost of commands whose files run to
     * hundreds of megabytes).
     */
    private static void forEachLine(Path file, RowConsumer consumer) {
        try (InputStream in = Files.newInputStream(file)) {
            long[] line = {0};
            Parallel.InOrder<Batch> batches = new Parallel.InOrder<>(AHEAD, batch -> line[0] = batch.deliver(file, line[0], consumer));
            byte[] carry = new byte[0];
            // A batch's bytes serve a later batch once parsed (a new megabyte for each was most of what reading
            // allocated besides the rows themselves).
            Queue<byte[]> free = new ConcurrentLinkedQueue<>();
            for (int count = 0; ; count++) {
                Batch batch = Batch.read(in, carry, count == 0, free.poll());
                carry = batch.rest;
                batches.submit(() -> batch.parse(free));
                if (batch.end) break;
            }
            batches.finish();
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

    /**
     * Whole lines of the file as bytes, then their parsed values: each value at its line's offset from the batch's
     * first line, or the {@link JsonException} to report at its turn; a batch that is not UTF-8 holds the error.
     */
    private static final class Batch {
        private byte[] bytes;
        private int length;
        /** Bytes after the last line end, for the next batch. */
        private byte[] rest;
        private boolean end;
        private long[] offsets;
        private Object[] parsed;
        private int size;
        /** Line ends in the batch: the first line of the next batch is this many after this batch's first. */
        private long lineEnds;
        private CharacterCodingException malformed;
        /** Whether the batch starts the file (whose first line may begin with a byte order mark). */
        private boolean first;

        /**
         * The carried bytes and the next ones, up to the last '\n' (or the end of the file); read into {@code room} (an
         * earlier batch's bytes, or null) when it is large enough.
         */
        static Batch read(InputStream in, byte[] carry, boolean first, byte[] room) throws IOException {
            Batch b = new Batch();
            b.first = first;
            int size = Math.max(BATCH_BYTES, carry.length * 2);
            b.bytes = room != null && room.length >= size ? room : new byte[size];
            System.arraycopy(carry, 0, b.bytes, 0, carry.length);
            b.length = carry.length;
            int cut = -1;
            while (true) {
                int n = in.readNBytes(b.bytes, b.length, b.bytes.length - b.length);
                int from = b.length;
                b.length += n;
                for (int i = b.length - 1; i >= from; i--) {
                    if (b.bytes[i] == '\n') {
                        cut = i + 1;
                        break;
                    }
                }
                if (b.length < b.bytes.length) {
                    b.end = true;  // readNBytes fills the buffer unless the file ends
                    cut = b.length;
                    break;
                }
                if (cut >= 0) break;
                b.bytes = Arrays.copyOf(b.bytes, b.bytes.length * 2);  // a line longer than the batch (the carry has no '\n')
            }
            b.rest = Arrays.copyOfRange(b.bytes, cut, b.length);
            b.length = cut;
            return b;
        }

        /**
         * Parses the lines, from their bytes where each is one JSON value or blank, else from the decoded text; the bytes
         * then go to {@code free} for a later batch unless a long line grew them.
         */
        Batch parse(Queue<byte[]> free) {
            offsets = new long[64];
            parsed = new Object[64];
            if (!parseBytes()) parseText();
            if (bytes != null && bytes.length <= 2 * BATCH_BYTES) free.offer(bytes);
            bytes = null;
            return this;
        }

        /**
         * Parses every line from the bytes, as {@link #parseText} would (see {@link Json#parseLine(byte[], int, int,
         * int[])}); false, with nothing kept, at the first line that is neither a JSON value nor ASCII blank.
         */
        private boolean parseBytes() {
            int[] end = new int[1];
            long lineNo = 0;
            for (int start = 0; start < length; lineNo++) {
                start = parseByteLine(start, lineNo, end);
                if (start < 0) {
                    size = 0;
                    lineEnds = 0;
                    return false;
                }
            }
            return true;
        }

        /**
         * {@link #parseBytes}'s line {@code lineNo}, from {@code start}: adds its value (a blank line has none) and
         * returns where the next line starts, or -1 when the line is neither a JSON value nor ASCII blank.
         * <p>
         * One call per line, not the loop's body: {@link #parseBytes} runs once per batch (some 100 batches in the
         * 54,100-row eval), so C1 compiled it only by its loop count, and only after 0.4 s (-XX:+PrintCompilation),
         * its start-up's compile queue of about 100 methods multiplying the thresholds (-XX:+PrintTieredEvents); this
         * method is compiled after a few hundred lines. Interpreted samples of the reader's two per-batch loops fell
         * from 0.83% to 0.27% of the command's (5 async-profiler runs each on 2 loaded cores, C1); with this change and
         * its like in IfevalPrompt.forEach and Evaluation.lines, 2.07% to 0.86%, and the whole command's CPU medians
         * moved by 1-4% in three sets of 12-16 interleaved runs each: within the machine's noise.
         */
        private int parseByteLine(int start, long lineNo, int[] end) {
            Object value = Json.parseLine(bytes, start, length, end);
            int stop = end[0] >= 0 ? end[0] : blankLineEnd(start);
            if (stop < 0) return -1;
            if (end[0] >= 0) add(lineNo, value);
            if (stop < length) lineEnds++;
            return stop + (stop + 1 < length && bytes[stop] == '\r' && bytes[stop + 1] == '\n' ? 2 : 1);
        }

        /**
         * The end of the line from {@code start} where all its bytes are ASCII whitespace ({@link Character#isWhitespace},
         * which {@link #isBlank} tests), else -1.
         */
        private int blankLineEnd(int start) {
            int i = start;
            for (; i < length && bytes[i] != '\n' && bytes[i] != '\r'; i++) {
                if (bytes[i] < 0 || !Character.isWhitespace(bytes[i])) return -1;
            }
            return i;
        }

        /** Decodes the bytes and parses the lines of the text. */
        private void parseText() {
            String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
            // The lenient decoding above writes U+FFFD for bytes that are not UTF-8: only then is the batch checked.
            if (text.indexOf('\uFFFD') >= 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length));
                } catch (CharacterCodingException e) {
                    malformed = e;
                    bytes = null;
                    return;
                }
            }
            int n = text.length();
            int[] end = new int[1];
            long lineNo = 0;
            for (int start = 0; start < n; lineNo++) {
                // Most lines are one JSON value parsed as the line's end is found; the others (blank lines, a byte order
                // mark, errors) are cut out first and parsed alone, as BufferedReader would hand them.
                Object value = Json.parseLine(text, start, n, end);
                int stop = end[0];
                int from = start;
                boolean blank = false;
                if (stop < 0) {
                    stop = lineEnd(text, start);
                    if (stop < 0) stop = n;
                    if (first && lineNo == 0 && text.startsWith("\uFEFF")) from = 1;
                    blank = isBlank(text, from, stop);
                    if (!blank) {
                        try {
                            value = Json.parse(text, from, stop);
                        } catch (JsonException e) {
                            value = lineError(text.substring(from, stop));
                        }
                    }
                }
                start = stop + (stop < n && text.charAt(stop) == '\r' && stop + 1 < n && text.charAt(stop + 1) == '\n' ? 2 : 1);
                if (stop < n) lineEnds++;
                if (!blank) add(lineNo, value);
            }
        }

        private void add(long lineNo, Object value) {
            if (size == parsed.length) {
                offsets = Arrays.copyOf(offsets, size * 2);
                parsed = Arrays.copyOf(parsed, size * 2);
            }
            offsets[size] = lineNo;
            parsed[size] = value;
            size++;
        }

        /** {@link String#isBlank} of {@code text[from, to)}, without copying it. */
        private static boolean isBlank(String text, int from, int to) {
            for (int i = from; i < to; i++) if (!Character.isWhitespace(text.charAt(i))) return false;
            return true;
        }

        /** The error of a line that is not JSON, its offset counted from the line's start. */
        private static JsonException lineError(String line) {
            try {
                Json.parse(line);
            } catch (JsonException e) {
                return e;
            }
            throw new IllegalStateException("a line parsed alone but not within its batch: " + line);
        }

        /** The index of the first '\r' or '\n' from {@code start}, or -1. */
        private static int lineEnd(String text, int start) {
            for (int i = start; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') return i;
            }
            return -1;
        }

        /** Hands the rows to the consumer, this batch's first line being line {@code before + 1}; returns the last line number. */
        long deliver(Path file, long before, RowConsumer consumer) throws CharacterCodingException {
            if (malformed != null) throw malformed;
            for (int i = 0; i < size; i++) deliver(i, file, before, consumer);
            return before + lineEnds;
        }

        /**
         * Hands row {@code i} to the consumer ({@link #deliver(Path, long, RowConsumer)}'s loop body, a call per row for
         * the reason {@link #parseByteLine} gives).
         *
         * @throws DataFileException naming the file and line for a line that is not JSON or not an object
         */
        @SuppressWarnings("unchecked")
        private void deliver(int i, Path file, long before, RowConsumer consumer) {
            long line = before + 1 + offsets[i];
            Object value = parsed[i];
            parsed[i] = null;
            if (value instanceof JsonException e) throw new DataFileException(file, line, null, "malformed JSON: " + e.getMessage());
            if (!(value instanceof Map<?, ?> map)) throw new DataFileException(file, line, null, "expected a JSON object");
            consumer.accept(new Row(file, line, (Map<String, Object>) map));
        }
    }
}
