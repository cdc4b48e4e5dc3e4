package dev.jack.core.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a Parquet file into JSON-like rows (maps of strings, longs, doubles, booleans, lists and maps, nulls
 * kept), as Hugging Face's datasets library (pyarrow) writes its datasets: flat and nested columns (structs,
 * lists in the three-level LIST layout, bare repeated fields), PLAIN and dictionary encodings with RLE/bit-packed
 * levels, data pages of versions 1 and 2, uncompressed, SNAPPY or GZIP. Other codecs (ZSTD...) and the DELTA and
 * BYTE_STREAM_SPLIT encodings are refused with a {@link DataFileException} saying so. Byte arrays are read as
 * UTF-8 text. Written from the format specification (parquet-format's Thrift definitions, the compact protocol,
 * the Snappy format description) so that Jack reads benchmark data without a Hadoop or native dependency; its
 * counterpart is {@link ParquetWriter}.
 */
public final class ParquetReader {
    private ParquetReader() {}

    // Physical types, repetition types, codecs, page types and encodings, as numbered in parquet.thrift.
    private static final int BOOLEAN = 0;
    private static final int INT32 = 1;
    private static final int INT64 = 2;
    private static final int INT96 = 3;
    private static final int FLOAT = 4;
    private static final int DOUBLE = 5;
    private static final int BYTE_ARRAY = 6;
    private static final int FIXED_LEN_BYTE_ARRAY = 7;
    private static final int OPTIONAL = 1;
    private static final int REPEATED = 2;
    private static final int CONVERTED_LIST = 3;
    private static final int DATA_PAGE = 0;
    private static final int DICTIONARY_PAGE = 2;
    private static final int DATA_PAGE_V2 = 3;
    private static final int PLAIN = 0;
    private static final int PLAIN_DICTIONARY = 2;
    private static final int RLE = 3;
    private static final int RLE_DICTIONARY = 8;
    private static final List<String> CODECS = List.of("UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW");

    /**
     * The file's rows, in order.
     *
     * @throws DataFileException naming the file when it is missing, not Parquet, or uses a feature this reader lacks
     */
    public static List<Map<String, Object>> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new File(bytes).rows();
        } catch (Malformed e) {
            throw new DataFileException(file, "not a Parquet file Jack can read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new DataFileException(file, "malformed Parquet file (" + e + ")");
        }
    }

    /** What this reader cannot read, or a file that breaks the format. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    /** One node of the schema tree, with the definition and repetition levels at it. */
    private record Node(String name, int type, int repetition, boolean listAnnotated, int typeLength,
                        List<Node> children, int maxDef, int maxRep, int leafIndex) {
        boolean isLeaf() {
            return children.isEmpty();
        }
    }

    /** A leaf value's place in the nesting: its repetition and definition levels, and the value where it is defined. */
    private record Triplet(int rep, int def, Object value) {}

    private static final class File {
        private final byte[] bytes;
        private final List<Node> leaves = new ArrayList<>();

        File(byte[] bytes) {
            this.bytes = bytes;
        }

        List<Map<String, Object>> rows() {
            int n = bytes.length;
            if (n < 12 || !magic(0) || !magic(n - 4)) throw new Malformed("no PAR1 magic at its start and end");
            int footerLength = (bytes[n - 8] & 0xff) | (bytes[n - 7] & 0xff) << 8 | (bytes[n - 6] & 0xff) << 16 | (bytes[n - 5] & 0xff) << 24;
            int footerStart = n - 8 - footerLength;
            if (footerLength <= 0 || footerStart < 4) throw new Malformed("footer length " + footerLength + " is impossible");
            Map<Integer, Object> meta = new Thrift(bytes, footerStart).struct();
            List<Map<Integer, Object>> schema = structs(meta.get(2));
            int[] at = {0};
            Node root = node(schema, at, 0, 0);
            List<List<Triplet>> columns = new ArrayList<>();
            for (int i = 0; i < leaves.size(); i++) columns.add(new ArrayList<>());
            for (Map<Integer, Object> group : structs(meta.get(4))) {
                List<Map<Integer, Object>> chunks = structs(group.get(1));
                for (int c = 0; c < chunks.size(); c++) columns.get(c).addAll(chunk(struct(chunks.get(c).get(3)), leaves.get(c)));
            }
            List<Map<Integer, List<Triplet>>> rows = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                int row = -1;
                for (Triplet t : columns.get(c)) {
                    if (t.rep == 0) row++;
                    while (rows.size() <= row) rows.add(new HashMap<>());
                    rows.get(row).computeIfAbsent(c, k -> new ArrayList<>()).add(t);
                }
            }
            List<Map<String, Object>> out = new ArrayList<>(rows.size());
            for (Map<Integer, List<Triplet>> row : rows) {
                @SuppressWarnings("unchecked")
                Map<String, Object> value = (Map<String, Object>) value(root, row);
                out.add(value);
            }
            return out;
        }

        private boolean magic(int at) {
            return bytes[at] == 'P' && bytes[at + 1] == 'A' && bytes[at + 2] == 'R' && bytes[at + 3] == '1';
        }

        /** The subtree at schema[at], its levels counted from its parent's. */
        private Node node(List<Map<Integer, Object>> schema, int[] at, int parentDef, int parentRep) {
            Map<Integer, Object> e = schema.get(at[0]++);
            int repetition = intOf(e.get(3), 0);
            int def = parentDef + (repetition == OPTIONAL || repetition == REPEATED ? 1 : 0);
            int rep = parentRep + (repetition == REPEATED ? 1 : 0);
            int children = intOf(e.get(5), 0);
            // LIST as a converted type, or as the logical type union's field 3.
            boolean list = intOf(e.get(6), -1) == CONVERTED_LIST || (e.get(10) instanceof Map<?, ?> logical && logical.containsKey(3));
            List<Node> kids = new ArrayList<>(children);
            for (int i = 0; i < children; i++) kids.add(node(schema, at, def, rep));
            Node n = new Node(text(e.get(4)), intOf(e.get(1), -1), repetition, list, intOf(e.get(2), 0), List.copyOf(kids), def, rep,
                    children == 0 ? leaves.size() : -1);
            if (children == 0) leaves.add(n);
            return n;
        }

        /** The triplets of one column chunk. */
        private List<Triplet> chunk(Map<Integer, Object> meta, Node leaf) {
            int codec = intOf(meta.get(4), 0);
            if (codec > 2) throw new Malformed(CODECS.get(Math.min(codec, CODECS.size() - 1)) + "-compressed columns are not supported (only uncompressed, SNAPPY and GZIP)");
            long values = longOf(meta.get(5));
            long dictionaryOffset = meta.containsKey(11) ? longOf(meta.get(11)) : 0;
            long dataOffset = longOf(meta.get(9));
            int pos = (int) (dictionaryOffset > 0 && dictionaryOffset < dataOffset ? dictionaryOffset : dataOffset);
            List<Object> dictionary = null;
            List<Triplet> triplets = new ArrayList<>();
            long seen = 0;
            while (seen < values) {
                Thrift header = new Thrift(bytes, pos);
                Map<Integer, Object> page = header.struct();
                int pageType = intOf(page.get(1), -1);
                int uncompressed = intOf(page.get(2), 0);
                int compressed = intOf(page.get(3), 0);
                int start = header.pos;
                pos = start + compressed;
                if (pageType == DICTIONARY_PAGE) {
                    Map<Integer, Object> h = struct(page.get(7));
                    Bytes in = new Bytes(decompress(codec, start, compressed, uncompressed));
                    dictionary = plain(in, leaf, intOf(h.get(1), 0));
                } else if (pageType == DATA_PAGE) {
                    Map<Integer, Object> h = struct(page.get(5));
                    int count = intOf(h.get(1), 0);
                    Bytes in = new Bytes(decompress(codec, start, compressed, uncompressed));
                    int[] reps = leaf.maxRep > 0 ? levels(in, leaf.maxRep, count, in.intLe()) : new int[count];
                    int[] defs = leaf.maxDef > 0 ? levels(in, leaf.maxDef, count, in.intLe()) : filled(count, 0);
                    collect(triplets, reps, defs, values(in, leaf, intOf(h.get(2), 0), countDefined(defs, leaf.maxDef), dictionary), leaf);
                    seen += count;
                } else if (pageType == DATA_PAGE_V2) {
                    Map<Integer, Object> h = struct(page.get(8));
                    int count = intOf(h.get(1), 0);
                    int repLength = intOf(h.get(6), 0);
                    int defLength = intOf(h.get(5), 0);
                    Bytes levels = new Bytes(java.util.Arrays.copyOfRange(bytes, start, start + repLength + defLength));
                    int[] reps = leaf.maxRep > 0 ? levels(levels, leaf.maxRep, count, repLength) : new int[count];
                    int[] defs = leaf.maxDef > 0 ? levels(levels, leaf.maxDef, count, defLength) : filled(count, 0);
                    boolean isCompressed = !(h.get(7) instanceof Boolean b) || b;
                    int valuesStart = start + repLength + defLength;
                    int valuesLength = compressed - repLength - defLength;
                    byte[] data = isCompressed ? decompress(codec, valuesStart, valuesLength, uncompressed - repLength - defLength)
                            : java.util.Arrays.copyOfRange(bytes, valuesStart, valuesStart + valuesLength);
                    collect(triplets, reps, defs, values(new Bytes(data), leaf, intOf(h.get(4), 0), countDefined(defs, leaf.maxDef), dictionary), leaf);
                    seen += count;
                }
            }
            return triplets;
        }

        private static int[] filled(int n, int value) {
            int[] a = new int[n];
            java.util.Arrays.fill(a, value);
            return a;
        }

        private static int countDefined(int[] defs, int maxDef) {
            int n = 0;
            for (int d : defs) if (d == maxDef) n++;
            return n;
        }

        private static void collect(List<Triplet> out, int[] reps, int[] defs, List<Object> values, Node leaf) {
            int v = 0;
            for (int i = 0; i < reps.length; i++) out.add(new Triplet(reps[i], defs[i], defs[i] == leaf.maxDef ? values.get(v++) : null));
        }

        private byte[] decompress(int codec, int start, int length, int uncompressed) {
            return switch (codec) {
                case 0 -> java.util.Arrays.copyOfRange(bytes, start, start + length);
                case 1 -> Snappy.decompress(bytes, start, length);
                default -> {
                    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes, start, length))) {
                        yield in.readAllBytes();
                    } catch (IOException e) {
                        throw new Malformed("a GZIP page does not inflate: " + e.getMessage());
                    }
                }
            };
        }

        /** {@code count} levels of an RLE/bit-packed hybrid run of {@code length} bytes, for levels up to {@code max}. */
        private static int[] levels(Bytes in, int max, int count, int length) {
            int end = in.pos + length;
            int[] levels = hybrid(in, 32 - Integer.numberOfLeadingZeros(max), count);
            in.pos = end;
            return levels;
        }

        /** The {@code count} non-null values of a data page. */
        private static List<Object> values(Bytes in, Node leaf, int encoding, int count, List<Object> dictionary) {
            if (encoding == PLAIN) return plain(in, leaf, count);
            if (encoding == PLAIN_DICTIONARY || encoding == RLE_DICTIONARY) {
                if (dictionary == null) throw new Malformed("a dictionary-encoded page comes without a dictionary");
                int width = in.u8();
                int[] indexes = hybrid(in, width, count);
                List<Object> out = new ArrayList<>(count);
                for (int i : indexes) out.add(dictionary.get(i));
                return out;
            }
            if (encoding == RLE && leaf.type == BOOLEAN) {
                in.intLe();
                List<Object> out = new ArrayList<>(count);
                for (int b : hybrid(in, 1, count)) out.add(b == 1);
                return out;
            }
            throw new Malformed("column " + leaf.name + " uses encoding " + encoding + ", which is not supported (only PLAIN, dictionary and RLE booleans)");
        }

        private static List<Object> plain(Bytes in, Node leaf, int count) {
            List<Object> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(switch (leaf.type) {
                    case BOOLEAN -> (in.bytes[in.pos + i / 8] >> (i % 8) & 1) == 1;
                    case INT32 -> (long) in.intLe();
                    case INT64 -> in.longLe();
                    case FLOAT -> (double) Float.intBitsToFloat(in.intLe());
                    case DOUBLE -> Double.longBitsToDouble(in.longLe());
                    case BYTE_ARRAY -> in.text(in.intLe());
                    case FIXED_LEN_BYTE_ARRAY -> in.text(leaf.typeLength);
                    case INT96 -> throw new Malformed("INT96 timestamps are not supported (column " + leaf.name + ")");
                    default -> throw new Malformed("unknown physical type " + leaf.type);
                });
            }
            if (leaf.type == BOOLEAN) in.pos += (count + 7) / 8;
            return out;
        }

        /** An RLE/bit-packed hybrid run of {@code count} values of {@code width} bits. */
        private static int[] hybrid(Bytes in, int width, int count) {
            int[] out = new int[count];
            int n = 0;
            int byteWidth = (width + 7) / 8;
            while (n < count) {
                long header = in.varint();
                if ((header & 1) == 0) {
                    int run = (int) (header >>> 1);
                    int value = 0;
                    for (int b = 0; b < byteWidth; b++) value |= in.u8() << (8 * b);
                    for (int i = 0; i < run && n < count; i++) out[n++] = value;
                } else {
                    int values = (int) (header >>> 1) * 8;
                    long buffer = 0;
                    int bits = 0;
                    for (int i = 0; i < values; i++) {
                        while (bits < width) {
                            buffer |= (long) in.u8() << bits;
                            bits += 8;
                        }
                        int value = (int) (buffer & ((1L << width) - 1));
                        buffer >>>= width;
                        bits -= width;
                        if (n < count) out[n++] = value;
                    }
                }
            }
            return out;
        }

        /**
         * The value of one instance of a node, given the triplets of each leaf below it that belong to that instance:
         * null where it is not defined, a leaf's value, a list for a LIST-annotated group or a repeated field, else a
         * map of the children.
         */
        private Object value(Node n, Map<Integer, List<Triplet>> segments) {
            Triplet first = segments.values().iterator().next().getFirst();
            if (n.repetition == OPTIONAL && first.def < n.maxDef) return null;
            if (n.isLeaf()) return first.def >= n.maxDef ? first.value : null;
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Node child : n.children) {
                Map<Integer, List<Triplet>> sub = new HashMap<>();
                for (Node leaf : leavesUnder(child)) sub.put(leaf.leafIndex, segments.get(leaf.leafIndex));
                fields.put(child.name, child.repetition == REPEATED ? instances(child, sub) : value(child, sub));
            }
            if (n.listAnnotated && n.children.size() == 1 && n.children.getFirst().repetition == REPEATED) {
                Node repeated = n.children.getFirst();
                List<Object> items = new ArrayList<>();
                for (Object item : (List<?>) fields.get(repeated.name)) {
                    items.add(!repeated.isLeaf() && repeated.children.size() == 1 && item instanceof Map<?, ?> m ? m.values().iterator().next() : item);
                }
                return items;
            }
            return fields;
        }

        /** The instances of a repeated node within its parent's instance: a new one starts at each triplet repeating at its level. */
        private List<Object> instances(Node n, Map<Integer, List<Triplet>> segments) {
            Triplet first = segments.values().iterator().next().getFirst();
            List<Object> out = new ArrayList<>();
            if (first.def < n.maxDef) return out;
            List<Map<Integer, List<Triplet>>> split = new ArrayList<>();
            for (Map.Entry<Integer, List<Triplet>> e : segments.entrySet()) {
                int k = -1;
                for (Triplet t : e.getValue()) {
                    if (k < 0 || t.rep == n.maxRep) k++;
                    while (split.size() <= k) split.add(new HashMap<>());
                    split.get(k).computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(t);
                }
            }
            for (Map<Integer, List<Triplet>> instance : split) out.add(n.isLeaf() ? instance.values().iterator().next().getFirst().value : value(n, instance));
            return out;
        }

        private List<Node> leavesUnder(Node n) {
            if (n.isLeaf()) return List.of(n);
            List<Node> out = new ArrayList<>();
            for (Node c : n.children) out.addAll(leavesUnder(c));
            return out;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, Object> struct(Object o) {
        if (!(o instanceof Map<?, ?>)) throw new Malformed("a required metadata structure is missing");
        return (Map<Integer, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<Integer, Object>> structs(Object o) {
        if (!(o instanceof List<?>)) throw new Malformed("a required metadata list is missing");
        return (List<Map<Integer, Object>>) o;
    }

    private static int intOf(Object o, int otherwise) {
        return o instanceof Long l ? (int) (long) l : otherwise;
    }

    private static long longOf(Object o) {
        if (!(o instanceof Long l)) throw new Malformed("a required number is missing from the metadata");
        return l;
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : "";
    }

    /** A cursor over bytes, little-endian. */
    private static final class Bytes {
        final byte[] bytes;
        int pos;

        Bytes(byte[] bytes) {
            this.bytes = bytes;
        }

        int u8() {
            return bytes[pos++] & 0xff;
        }

        int intLe() {
            int v = (bytes[pos] & 0xff) | (bytes[pos + 1] & 0xff) << 8 | (bytes[pos + 2] & 0xff) << 16 | (bytes[pos + 3] & 0xff) << 24;
            pos += 4;
            return v;
        }

        long longLe() {
            long lo = intLe() & 0xffffffffL;
            long hi = intLe() & 0xffffffffL;
            return lo | hi << 32;
        }

        String text(int length) {
            String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7f) << shift;
                if (b < 0x80) return v;
            }
        }
    }

    /**
     * Thrift's compact protocol, read into field id to value maps: integers as longs (zigzag decoded), binaries as
     * byte arrays, lists as lists, structs as maps. Enough for parquet.thrift's metadata, which has no maps or sets
     * that Jack needs (they are read and dropped).
     */
    private static final class Thrift {
        private final byte[] bytes;
        int pos;

        Thrift(byte[] bytes, int pos) {
            this.bytes = bytes;
            this.pos = pos;
        }

        private int u8() {
            return bytes[pos++] & 0xff;
        }

        private long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int b = u8();
                v |= (long) (b & 0x7f) << shift;
                if (b < 0x80) return v;
            }
        }

        private long zigzag() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        Map<Integer, Object> struct() {
            Map<Integer, Object> fields = new HashMap<>();
            int id = 0;
            while (true) {
                int header = u8();
                if (header == 0) return fields;
                int type = header & 0x0f;
                int delta = header >>> 4;
                id = delta != 0 ? id + delta : (int) zigzag();
                fields.put(id, type == 1 ? Boolean.TRUE : type == 2 ? Boolean.FALSE : value(type));
            }
        }

        private Object value(int type) {
            return switch (type) {
                case 1, 2 -> u8() == 1;
                case 3 -> (long) (byte) u8();
                case 4, 5, 6 -> zigzag();
                case 7 -> {
                    long bits = 0;
                    for (int i = 0; i < 8; i++) bits |= (long) u8() << (8 * i);
                    yield Double.longBitsToDouble(bits);
                }
                case 8 -> {
                    int length = (int) varint();
                    byte[] b = java.util.Arrays.copyOfRange(bytes, pos, pos + length);
                    pos += length;
                    yield b;
                }
                case 9, 10 -> {
                    int header = u8();
                    int size = header >>> 4;
                    if (size == 15) size = (int) varint();
                    int element = header & 0x0f;
                    List<Object> list = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) list.add(value(element));
                    yield list;
                }
                case 11 -> {
                    int size = (int) varint();
                    if (size > 0) {
                        int types = u8();
                        for (int i = 0; i < size; i++) {
                            value(types >>> 4);
                            value(types & 0x0f);
                        }
                    }
                    yield null;
                }
                case 12 -> struct();
                default -> throw new Malformed("unknown Thrift type " + type + " in the metadata");
            };
        }
    }

    /** Snappy's raw block format (literals and back-references after the uncompressed length). */
    private static final class Snappy {
        static byte[] decompress(byte[] in, int start, int length) {
            Bytes src = new Bytes(in);
            src.pos = start;
            int end = start + length;
            byte[] out = new byte[(int) src.varint()];
            int o = 0;
            while (src.pos < end) {
                int tag = src.u8();
                int kind = tag & 3;
                if (kind == 0) {
                    int len = tag >>> 2;
                    if (len >= 60) {
                        int extra = len - 59;
                        len = 0;
                        for (int b = 0; b < extra; b++) len |= src.u8() << (8 * b);
                    }
                    len++;
                    System.arraycopy(in, src.pos, out, o, len);
                    src.pos += len;
                    o += len;
                    continue;
                }
                int len;
                int offset;
                if (kind == 1) {
                    len = 4 + ((tag >>> 2) & 7);
                    offset = (tag >>> 5) << 8 | src.u8();
                } else if (kind == 2) {
                    len = (tag >>> 2) + 1;
                    offset = src.u8() | src.u8() << 8;
                } else {
                    len = (tag >>> 2) + 1;
                    offset = src.intLe();
                }
                if (offset <= 0 || offset > o) throw new Malformed("a Snappy back-reference points before the start");
                for (int i = 0; i < len; i++, o++) out[o] = out[o - offset];
            }
            if (o != out.length) throw new Malformed("a Snappy block is shorter than it says");
            return out;
        }
    }
}
