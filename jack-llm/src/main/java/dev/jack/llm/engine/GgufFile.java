package dev.jack.llm.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A GGUF v2/v3 file, memory-mapped: its metadata (key → value) and its tensors (name, type, shape, data). Tensors of a
 * type whose kernels read a layout of their own ({@link Rows#repacks}: Q8_0, Q4_0, Q4_K, Q6_K) are read into memory the file's
 * {@link #close} frees ({@link Rows#repackedBytes} for each) and repacked when the file is opened, on every core (a 1.3
 * GB Q8_0 file in 4.2–4.3 s on this project's 2-core VM, whose fresh memory is slow to touch the first time: 1.3 GB of
 * it took 4.4–5.5 s to allocate on one thread, 2.9–3.0 s on two; mapping the file took 0.2 s; a 0.8 GB Q4_K_M file,
 * whose Q6_K tensors grow from 333 to 434 MB, in 2.1–2.5 s against 0.24–0.28 s mapped, its 280 MB output head repacked
 * on one core: repacking a tensor's 16 MB pieces on every core did no better, 2.1–2.5 s and 3.5–3.6 s for the Q8_0
 * file, since the head's memory is still zeroed by one (those figures on a quiet machine); with its Q4_K tensors
 * repacked too, 467 MB growing to 493, in 2.8–5.4 s, median 3.8, against 1.9–4.0, median 3.5, for the build that
 * repacked Q6_K alone, on loaded cores, one JVM per open, and 1.30–1.45 GB resident
 * after every matrix was multiplied once against 1.20–1.31 GB with them mapped); the others stay mapped from the file,
 * so their pages are read as they are used. Malformed or truncated files fail with a message naming the file and what
 * is wrong.
 */
public final class GgufFile implements AutoCloseable {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** One tensor: its ggml type, dimensions (innermost first, as GGUF stores them) and its bytes. */
    public record Tensor(String name, GgmlType type, long[] dims, MemorySegment data) {
        public long elements() {
            long n = 1;
            for (long d : dims) n *= d;
            return n;
        }
    }

    /** Thrown for files Jack cannot read; the message names the file. */
    public static final class FormatException extends RuntimeException {
        public FormatException(String message) {
            super(message);
        }
    }

    private final Path path;
    private final Arena arena;
    private final MemorySegment file;
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private long pos;

    private GgufFile(Path path, Arena arena, MemorySegment file) {
        this.path = path;
        this.arena = arena;
        this.file = file;
    }

    public static GgufFile open(Path path) {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            GgufFile g = new GgufFile(path, arena, channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena));
            g.read(channel);
            return g;
        } catch (NoSuchFileException e) {
            arena.close();
            throw new FormatException(path + ": no such file");
        } catch (IOException e) {
            arena.close();
            throw new FormatException(path + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new FormatException(path + ": no tensor named " + name);
        return t;
    }

    /** A metadata value, or an error naming the key. */
    public Object get(String key) {
        Object v = metadata.get(key);
        if (v == null) throw new FormatException(path + ": metadata key " + key + " is missing");
        return v;
    }

    private FormatException bad(String what) {
        return new FormatException(path + ": " + what + " (at byte " + pos + " of " + file.byteSize() + ")");
    }

    private void need(long bytes) {
        if (bytes < 0 || pos + bytes > file.byteSize()) throw bad("truncated file");
    }

    private int i32() {
        need(4);
        int v = file.get(INT, pos);
        pos += 4;
        return v;
    }

    private long i64() {
        need(8);
        long v = file.get(LONG, pos);
        pos += 8;
        return v;
    }

    private String string() {
        long length = i64();
        if (length > Integer.MAX_VALUE) throw bad("string too long");
        need(length);
        String s = new String(file.asSlice(pos, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    private Object value(int type) {
        return switch (type) {
            case 0, 1 -> {
                need(1);
                byte b = file.get(ValueLayout.JAVA_BYTE, pos++);
                yield type == 0 ? (long) (b & 0xff) : (long) b;
            }
            case 2, 3 -> {
                need(2);
                short s = file.get(SHORT, pos);
                pos += 2;
                yield type == 2 ? (long) (s & 0xffff) : (long) s;
            }
            case 4 -> i32() & 0xffffffffL;
            case 5 -> (long) i32();
            case 6 -> {
                need(4);
                float f = file.get(FLOAT, pos);
                pos += 4;
                yield (double) f;
            }
            case 7 -> {
                need(1);
                yield file.get(ValueLayout.JAVA_BYTE, pos++) != 0;
            }
            case 8 -> string();
            case 9 -> {
                int elementType = i32();
                long count = i64();
                if (count < 0 || count > file.byteSize()) throw bad("array too long");
                List<Object> list = new ArrayList<>((int) count);
                for (long i = 0; i < count; i++) list.add(value(elementType));
                yield list;
            }
            case 10, 11 -> i64();
            case 12 -> {
                need(8);
                double d = file.get(DOUBLE, pos);
                pos += 8;
                yield d;
            }
            default -> throw bad("unknown metadata value type " + type);
        };
    }

    private void read(FileChannel channel) throws IOException {
        if (file.byteSize() < 24 || i32() != 0x46554747) throw bad("not a GGUF file (no GGUF magic)");
        int version = i32();
        if (version != 2 && version != 3) throw bad("unsupported GGUF version " + version + " (2 and 3 are supported)");
        long tensorCount = i64();
        long kvCount = i64();
        for (long i = 0; i < kvCount; i++) {
            String key = string();
            metadata.put(key, value(i32()));
        }
        record Info(String name, int type, long[] dims, long offset) {}
        List<Info> infos = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            String name = string();
            int nDims = i32();
            if (nDims < 1 || nDims > 4) throw bad("tensor " + name + " has " + nDims + " dimensions");
            long[] dims = new long[nDims];
            for (int d = 0; d < nDims; d++) dims[d] = i64();
            infos.add(new Info(name, i32(), dims, i64()));
        }
        long alignment = metadata.get("general.alignment") instanceof Long a ? a : 32;
        long dataStart = (pos + alignment - 1) / alignment * alignment;
        List<Tensor> mapped = new ArrayList<>();
        for (Info info : infos) {
            long elements = 1;
            for (long d : info.dims()) elements *= d;
            GgmlType type = GgmlType.of(info.type(), path + ": tensor " + info.name());
            long bytes = type.bytes(elements, path + ": tensor " + info.name());
            // Kernels walk a row block by block, so a row must hold whole blocks (the total alone is not enough).
            if (info.dims()[0] % type.blockSize() != 0) {
                throw new FormatException(path + ": tensor " + info.name() + " has rows of " + info.dims()[0]
                        + " values, not a multiple of " + type + "'s block of " + type.blockSize());
            }
            long start = dataStart + info.offset();
            if (start < dataStart || start + bytes > file.byteSize()) {
                throw new FormatException(path + ": tensor " + info.name() + " lies past the end of the file (truncated?)");
            }
            mapped.add(new Tensor(info.name(), type, info.dims(), file.asSlice(start, bytes)));
        }
        // Tensors to repack are read on every core: most of their time is the first touch of fresh memory.
        Tensor[] all = mapped.toArray(Tensor[]::new);
        try {
            IntStream.range(0, all.length).parallel().filter(i -> all[i].type().rows().repacks()).forEach(i -> {
                Tensor t = all[i];
                try {
                    all[i] = new Tensor(t.name(), t.type(), t.dims(), repacked(channel, t.data(), t.type()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Tensor t : all) tensors.put(t.name(), t);
    }

    /**
     * The tensor whose bytes the file maps at {@code mapped}, read from the file in slices (not through the mapping:
     * mapped pages a copy was made from would count in the process's resident memory as long as the file stays open)
     * and repacked for its kernels.
     */
    private MemorySegment repacked(FileChannel channel, MemorySegment mapped, GgmlType type) throws IOException {
        long start = mapped.address() - file.address();
        long bytes = mapped.byteSize();
        // A shared arena's memory is not bounded by -XX:MaxDirectMemorySize (an automatic arena's would be).
        MemorySegment into = arena.allocate(type.rows().repackedBytes(bytes), 64);
        try (Arena slices = Arena.ofConfined()) {
            long sliceBytes = (1 << 20) / type.blockBytes() * type.blockBytes();
            MemorySegment slice = slices.allocate(sliceBytes, 64);
            for (long done = 0; done < bytes; done += sliceBytes) {
                ByteBuffer buffer = slice.asSlice(0, Math.min(sliceBytes, bytes - done)).asByteBuffer();
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, start + done + buffer.position()) < 0) throw new FormatException(path + ": truncated file");
                }
                type.rows().repack(slice.asSlice(0, buffer.capacity()), done / type.blockBytes(), into);
            }
        }
        return into;
    }

    @Override
    public void close() {
        arena.close();
    }
}
