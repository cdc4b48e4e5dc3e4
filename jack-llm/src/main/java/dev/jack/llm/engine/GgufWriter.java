package dev.jack.llm.engine;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF v3 files: metadata and tensors of any supported type. Metadata values map as the reader reads
 * them back: String, Long (uint32 when it fits, else int64), Double (float32), Boolean, and lists of those.
 * The file is written beside its target and moved into place, so a reader never sees half a file.
 */
public final class GgufWriter {
    private static final int ALIGNMENT = 32;

    private record Entry(String name, GgmlType type, long[] dims, byte[] data) {}

    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final List<Entry> tensors = new ArrayList<>();

    public GgufWriter put(String key, Object value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds a tensor; dims are ggml's order (the row length first), data its raw bytes in that type. */
    public GgufWriter tensor(String name, GgmlType type, long[] dims, byte[] data) {
        long elements = 1;
        for (long d : dims) elements *= d;
        long expected = type.bytes(elements, "tensor " + name);
        if (data.length != expected) throw new IllegalArgumentException("tensor " + name + " needs " + expected + " bytes, got " + data.length);
        tensors.add(new Entry(name, type, dims.clone(), data));
        return this;
    }

    public void write(Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            Sink sink = new Sink(out);
            sink.i32(0x46554747);
            sink.i32(3);
            sink.i64(tensors.size());
            sink.i64(metadata.size());
            for (Map.Entry<String, Object> e : metadata.entrySet()) {
                sink.string(e.getKey());
                sink.i32(typeOf(e.getValue(), e.getKey()));
                sink.value(e.getValue(), e.getKey());
            }
            long offset = 0;
            for (Entry t : tensors) {
                sink.string(t.name());
                sink.i32(t.dims().length);
                for (long d : t.dims()) sink.i64(d);
                sink.i32(t.type().id());
                sink.i64(offset);
                offset = align(offset + t.data().length);
            }
            sink.pad();
            for (Entry t : tensors) {
                sink.bytes(t.data());
                sink.pad();
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static int typeOf(Object value, String key) {
        return switch (value) {
            case String s -> 8;
            case Long l -> l >= 0 && l <= 0xffffffffL ? 4 : 11;
            case Integer i -> 5;
            case Double d -> 6;
            case Boolean b -> 7;
            case List<?> list -> 9;
            default -> throw new IllegalArgumentException("metadata " + key + ": cannot write a " + value.getClass().getSimpleName());
        };
    }

    /** Little-endian output that counts its position, for alignment. */
    private static final class Sink {
        private final OutputStream out;
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        private long position;

        Sink(OutputStream out) {
            this.out = out;
        }

        void bytes(byte[] b) throws IOException {
            out.write(b);
            position += b.length;
        }

        void i32(int v) throws IOException {
            scratch.clear().putInt(v);
            out.write(scratch.array(), 0, 4);
            position += 4;
        }

        void i64(long v) throws IOException {
            scratch.clear().putLong(v);
            out.write(scratch.array(), 0, 8);
            position += 8;
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            bytes(b);
        }

        void pad() throws IOException {
            bytes(new byte[(int) (align(position) - position)]);
        }

        void value(Object value, String key) throws IOException {
            switch (value) {
                case String s -> string(s);
                case Long l when l >= 0 && l <= 0xffffffffL -> i32((int) (long) l);
                case Long l -> i64(l);
                case Integer i -> i32(i);
                case Double d -> i32(Float.floatToIntBits(d.floatValue()));
                case Boolean b -> bytes(new byte[] {(byte) (b ? 1 : 0)});
                case List<?> list -> {
                    int elementType = list.isEmpty() ? 8 : typeOf(list.getFirst(), key);
                    i32(elementType);
                    i64(list.size());
                    for (Object o : list) {
                        if (typeOf(o, key) != elementType) throw new IllegalArgumentException("metadata " + key + ": mixed array element types");
                        value(o, key);
                    }
                }
                default -> throw new IllegalArgumentException("metadata " + key + ": cannot write a " + value.getClass().getSimpleName());
            }
        }
    }
}
