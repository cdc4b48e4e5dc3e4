package dev.jack.core.data;

import dev.jack.core.json.PyJson;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes JSON-like rows (maps of strings, numbers, booleans, lists and maps) as one Parquet file: uncompressed,
 * PLAIN-encoded, one row group, every column optional. The schema comes from the values: strings, integers,
 * doubles (integers and doubles mixed make doubles) and booleans are typed columns; a list of strings is a
 * LIST of strings; a list of maps with string values (chat turns) is a LIST of structs with a string field
 * per key, as TRL's conversational datasets are stored; anything else is its JSON text. Written from the
 * format specification (parquet-format's Thrift definitions, compact protocol), with no dependency.
 */
public final class ParquetWriter {
    private ParquetWriter() {}

    // Parquet physical types and codes from parquet.thrift.
    private static final int BOOLEAN = 0;
    private static final int INT64 = 2;
    private static final int DOUBLE = 5;
    private static final int BYTE_ARRAY = 6;
    private static final int OPTIONAL = 1;
    private static final int REPEATED = 2;
    private static final int CONVERTED_UTF8 = 0;
    private static final int CONVERTED_LIST = 3;
    private static final int ENCODING_PLAIN = 0;
    private static final int ENCODING_RLE = 3;

    /** A top-level column, by the shape of its values. */
    private sealed interface Column {
        String name();
    }

    private record Scalar(String name, int type) implements Column {}

    private record StringList(String name) implements Column {}

    private record StructList(String name, List<String> fields) implements Column {}

    private record JsonText(String name) implements Column {}

    /** One leaf column's levels and values, in row order. */
    private static final class Leaf {
        final List<String> path;
        final int type;
        final int maxDefinition;
        final int maxRepetition;
        final List<Integer> definitions = new ArrayList<>();
        final List<Integer> repetitions = new ArrayList<>();
        final List<Object> values = new ArrayList<>();

        Leaf(List<String> path, int type, int maxDefinition, int maxRepetition) {
            this.path = path;
            this.type = type;
            this.maxDefinition = maxDefinition;
            this.maxRepetition = maxRepetition;
        }

        void add(int repetition, int definition, Object value) {
            repetitions.add(repetition);
            definitions.add(definition);
            if (definition == maxDefinition) values.add(value);
        }
    }

    public static void write(Path file, List<Map<String, Object>> rows) {
        List<Column> columns = schema(rows);
        List<Leaf> leaves = new ArrayList<>();
        for (Column c : columns) {
            switch (c) {
                case Scalar s -> leaves.add(new Leaf(List.of(s.name()), s.type(), 1, 0));
                case JsonText j -> leaves.add(new Leaf(List.of(j.name()), BYTE_ARRAY, 1, 0));
                case StringList l -> leaves.add(new Leaf(List.of(l.name(), "list", "element"), BYTE_ARRAY, 3, 1));
                case StructList l -> {
                    for (String f : l.fields()) leaves.add(new Leaf(List.of(l.name(), "list", "element", f), BYTE_ARRAY, 4, 1));
                }
            }
        }
        for (Map<String, Object> row : rows) {
            int leaf = 0;
            for (Column c : columns) {
                Object v = row.get(c.name());
                switch (c) {
                    case Scalar s -> leaves.get(leaf++).add(0, v == null ? 0 : 1, s.type() == DOUBLE && v instanceof Number n ? n.doubleValue() : v);
                    case JsonText j -> leaves.get(leaf++).add(0, v == null ? 0 : 1, v == null ? null : PyJson.dumps(v));
                    case StringList l -> addList(leaves.get(leaf++), (List<?>) v, item -> item);
                    case StructList l -> {
                        for (String f : l.fields()) addList(leaves.get(leaf++), (List<?>) v, item -> ((Map<?, ?>) item).get(f));
                    }
                }
            }
        }
        AtomicFiles.writeBytes(file, encode(columns, leaves, rows.size()));
    }

    /** Levels of one list leaf: null list 0, empty list 1, then per item rep 0 or 1 and a full level (or one less when the item's value is null). */
    private static void addList(Leaf leaf, List<?> list, java.util.function.Function<Object, Object> value) {
        if (list == null) {
            leaf.add(0, 0, null);
        } else if (list.isEmpty()) {
            leaf.add(0, 1, null);
        } else {
            for (int i = 0; i < list.size(); i++) {
                Object v = value.apply(list.get(i));
                leaf.add(i == 0 ? 0 : 1, v == null ? leaf.maxDefinition - 1 : leaf.maxDefinition, v == null ? null : String.valueOf(v));
            }
        }
    }

    /** Each column's shape from all its non-null values, in first-seen column order. */
    private static List<Column> schema(List<Map<String, Object>> rows) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> row : rows) names.addAll(row.keySet());
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            Set<String> kinds = new LinkedHashSet<>();
            Set<String> fields = new LinkedHashSet<>();
            for (Map<String, Object> row : rows) {
                Object v = row.get(name);
                switch (v) {
                    case null -> { }
                    case String s -> kinds.add("string");
                    case Boolean b -> kinds.add("boolean");
                    case Double d -> kinds.add("double");
                    case Float f -> kinds.add("double");
                    case Long l -> kinds.add("integer");
                    case Integer i -> kinds.add("integer");
                    case List<?> list -> {
                        for (Object item : list) {
                            if (item instanceof String) kinds.add("string-list");
                            else if (item instanceof Map<?, ?> m && m.values().stream().allMatch(x -> x == null || x instanceof String)) {
                                kinds.add("struct-list");
                                for (Object k : m.keySet()) fields.add(String.valueOf(k));
                            } else kinds.add("json");
                        }
                        if (list.isEmpty()) kinds.add("empty-list");
                    }
                    default -> kinds.add("json");
                }
            }
            kinds.remove("empty-list");
            if (kinds.equals(Set.of("integer", "double"))) kinds = Set.of("double");
            String kind = kinds.size() == 1 ? kinds.iterator().next() : kinds.isEmpty() ? "string" : "json";
            columns.add(switch (kind) {
                case "string" -> new Scalar(name, BYTE_ARRAY);
                case "boolean" -> new Scalar(name, BOOLEAN);
                case "double" -> new Scalar(name, DOUBLE);
                case "integer" -> new Scalar(name, INT64);
                case "string-list" -> new StringList(name);
                case "struct-list" -> new StructList(name, List.copyOf(fields));
                default -> new JsonText(name);
            });
        }
        return columns;
    }

    private static byte[] encode(List<Column> columns, List<Leaf> leaves, int rowCount) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
        List<long[]> chunkPlaces = new ArrayList<>();
        for (Leaf leaf : leaves) {
            byte[] page = page(leaf);
            Thrift header = new Thrift();
            header.i32(1, 0); // DATA_PAGE
            header.i32(2, page.length);
            header.i32(3, page.length);
            header.beginStruct(5);
            header.i32(1, leaf.definitions.size());
            header.i32(2, ENCODING_PLAIN);
            header.i32(3, ENCODING_RLE);
            header.i32(4, ENCODING_RLE);
            header.endStruct();
            header.stop();
            long offset = file.size();
            file.writeBytes(header.bytes());
            file.writeBytes(page);
            chunkPlaces.add(new long[] {offset, file.size() - offset});
        }
        Thrift meta = new Thrift();
        meta.i32(1, 1);
        meta.beginList(2, Thrift.STRUCT, 1 + schemaElementCount(columns));
        schemaElement(meta, "schema", -1, -1, columns.size(), -1);
        for (Column c : columns) {
            switch (c) {
                case Scalar s -> schemaElement(meta, s.name(), s.type(), OPTIONAL, -1, s.type() == BYTE_ARRAY ? CONVERTED_UTF8 : -1);
                case JsonText j -> schemaElement(meta, j.name(), BYTE_ARRAY, OPTIONAL, -1, CONVERTED_UTF8);
                case StringList l -> {
                    schemaElement(meta, l.name(), -1, OPTIONAL, 1, CONVERTED_LIST);
                    schemaElement(meta, "list", -1, REPEATED, 1, -1);
                    schemaElement(meta, "element", BYTE_ARRAY, OPTIONAL, -1, CONVERTED_UTF8);
                }
                case StructList l -> {
                    schemaElement(meta, l.name(), -1, OPTIONAL, 1, CONVERTED_LIST);
                    schemaElement(meta, "list", -1, REPEATED, 1, -1);
                    schemaElement(meta, "element", -1, OPTIONAL, l.fields().size(), -1);
                    for (String f : l.fields()) schemaElement(meta, f, BYTE_ARRAY, OPTIONAL, -1, CONVERTED_UTF8);
                }
            }
        }
        meta.i64(3, rowCount);
        meta.beginList(4, Thrift.STRUCT, 1);
        meta.beginElement();
        meta.beginList(1, Thrift.STRUCT, leaves.size());
        long total = 0;
        for (int i = 0; i < leaves.size(); i++) {
            Leaf leaf = leaves.get(i);
            long[] place = chunkPlaces.get(i);
            total += place[1];
            meta.beginElement();
            meta.i64(2, place[0]);
            meta.beginStruct(3);
            meta.i32(1, leaf.type);
            meta.beginList(2, Thrift.I32, 2);
            meta.listI32(ENCODING_PLAIN);
            meta.listI32(ENCODING_RLE);
            meta.beginList(3, Thrift.BINARY, leaf.path.size());
            for (String p : leaf.path) meta.listBinary(p);
            meta.i32(4, 0); // UNCOMPRESSED
            meta.i64(5, leaf.definitions.size());
            meta.i64(6, place[1]);
            meta.i64(7, place[1]);
            meta.i64(9, place[0]);
            meta.endStruct();
            meta.endElement();
        }
        meta.i64(2, total);
        meta.i64(3, rowCount);
        meta.endElement();
        meta.binary(6, "jack");
        meta.stop();
        byte[] footer = meta.bytes();
        file.writeBytes(footer);
        file.writeBytes(littleEndian(footer.length, 4));
        file.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
        return file.toByteArray();
    }

    private static int schemaElementCount(List<Column> columns) {
        int n = 0;
        for (Column c : columns) {
            n += switch (c) {
                case Scalar s -> 1;
                case JsonText j -> 1;
                case StringList l -> 3;
                case StructList l -> 3 + l.fields().size();
            };
        }
        return n;
    }

    private static void schemaElement(Thrift t, String name, int type, int repetition, int children, int converted) {
        t.beginElement();
        if (type >= 0) t.i32(1, type);
        if (repetition >= 0) t.i32(3, repetition);
        t.binary(4, name);
        if (children >= 0) t.i32(5, children);
        if (converted >= 0) t.i32(6, converted);
        t.endElement();
    }

    /** Repetition levels (when repeated), definition levels, then the non-null values, PLAIN-encoded. */
    private static byte[] page(Leaf leaf) {
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        if (leaf.maxRepetition > 0) levels(page, leaf.repetitions, leaf.maxRepetition);
        levels(page, leaf.definitions, leaf.maxDefinition);
        if (leaf.type == BOOLEAN) {
            byte[] bits = new byte[(leaf.values.size() + 7) / 8];
            for (int i = 0; i < leaf.values.size(); i++) if ((Boolean) leaf.values.get(i)) bits[i / 8] |= (byte) (1 << (i % 8));
            page.writeBytes(bits);
        }
        for (Object v : leaf.values) {
            switch (leaf.type) {
                case INT64 -> page.writeBytes(littleEndian(((Number) v).longValue(), 8));
                case DOUBLE -> page.writeBytes(littleEndian(Double.doubleToLongBits(((Number) v).doubleValue()), 8));
                case BYTE_ARRAY -> {
                    byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                    page.writeBytes(littleEndian(b.length, 4));
                    page.writeBytes(b);
                }
                default -> { }
            }
        }
        return page.toByteArray();
    }

    /** Levels in the RLE/bit-packing hybrid, as runs only, with the 4-byte length prefix of data page v1. */
    private static void levels(ByteArrayOutputStream out, List<Integer> levels, int max) {
        int width = 32 - Integer.numberOfLeadingZeros(max);
        int valueBytes = (width + 7) / 8;
        ByteArrayOutputStream runs = new ByteArrayOutputStream();
        for (int i = 0; i < levels.size(); ) {
            int j = i;
            while (j < levels.size() && levels.get(j).equals(levels.get(i))) j++;
            Thrift.varint(runs, (long) (j - i) << 1);
            runs.writeBytes(littleEndian(levels.get(i), valueBytes));
            i = j;
        }
        out.writeBytes(littleEndian(runs.size(), 4));
        out.writeBytes(runs.toByteArray());
    }

    private static byte[] littleEndian(long v, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) b[i] = (byte) (v >>> (8 * i));
        return b;
    }

    /** Thrift's compact protocol, as much of it as a Parquet footer needs. */
    private static final class Thrift {
        static final int I32 = 5;
        static final int I64 = 6;
        static final int BINARY = 8;
        static final int LIST = 9;
        static final int STRUCT = 12;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Deque<Integer> lastIds = new ArrayDeque<>();
        private int lastId;

        byte[] bytes() {
            return out.toByteArray();
        }

        private void field(int id, int type) {
            int delta = id - lastId;
            if (delta > 0 && delta <= 15) {
                out.write(delta << 4 | type);
            } else {
                out.write(type);
                varint(out, zigzag(id));
            }
            lastId = id;
        }

        void i32(int id, int v) {
            field(id, I32);
            varint(out, zigzag(v));
        }

        void i64(int id, long v) {
            field(id, I64);
            varint(out, zigzag(v));
        }

        void binary(int id, String s) {
            field(id, BINARY);
            listBinary(s);
        }

        void beginStruct(int id) {
            field(id, STRUCT);
            beginElement();
        }

        void endStruct() {
            endElement();
        }

        /** A struct inside a list: no field header; its fields count from 0 again. */
        void beginElement() {
            lastIds.push(lastId);
            lastId = 0;
        }

        void endElement() {
            stop();
            lastId = lastIds.pop();
        }

        void stop() {
            out.write(0);
        }

        void beginList(int id, int elementType, int size) {
            field(id, LIST);
            if (size < 15) {
                out.write(size << 4 | elementType);
            } else {
                out.write(0xF0 | elementType);
                varint(out, size);
            }
        }

        void listI32(int v) {
            varint(out, zigzag(v));
        }

        void listBinary(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(out, b.length);
            out.writeBytes(b);
        }

        private static long zigzag(long v) {
            return (v << 1) ^ (v >> 63);
        }

        static void varint(ByteArrayOutputStream out, long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
