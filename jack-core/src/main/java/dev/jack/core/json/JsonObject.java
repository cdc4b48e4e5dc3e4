package dev.jack.core.json;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A parsed JSON object ({@link Json}'s maps): Python's dict as {@code json.loads} makes it, with
 * {@link java.util.LinkedHashMap}'s behaviour as a {@link Map} (insertion order; a key put again keeps its first place
 * and takes the new value; null keys and values; mutable; iterators fail fast; equal to any map of the same entries).
 * Unlike it: keys are Strings (a raw put of another key type throws ClassCastException); an iterator's entry holds the
 * value it was given (its setValue writes through, a later put is not seen in it); removing many keys of a large object
 * one by one is quadratic (each removal shifts the keys after it), as no caller does.
 *
 * <p>Keys and values lie in two arrays in order, looked up linearly while there are at most {@link #LINEAR} keys (a
 * JSONL row's few fields, a kwargs object), through a hash index of the keys beyond, kept up to date by every change so
 * that reads never write: a parsed object is read by several threads at once (eval's prompts share their kwargs objects
 * across chunks), where an index made by the first look-up was seen half made by another thread (a reviewer's race
 * test: 142 wrong look-ups in 100,000 trials on a 9-key object). A LinkedHashMap per object (its table, an entry per
 * key and the map) was some 58 MB of the 438 MB that {@code jack eval} allocated on 54,100 rows, and its puts and gets
 * a tenth of the reading's CPU time; here an object is three small allocations.
 */
final class JsonObject extends AbstractMap<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The most keys looked up linearly; an object with more gets {@link #index}. */
    private static final int LINEAR = 8;
    private static final String[] NO_KEYS = {};
    private static final Object[] NO_VALUES = {};

    private String[] keys = NO_KEYS;
    private Object[] values = NO_VALUES;
    private int size;
    /** Each key's place while there are more than {@link #LINEAR} keys, else null; changed only by writes. */
    private transient HashMap<String, Integer> index;
    /** Structural changes (a key added or removed), for the iterators' fail-fast check. */
    private transient int modCount;

    JsonObject() {
    }

    @Override
    public int size() {
        return size;
    }

    /** The place of the key, or -1. */
    private int indexOf(Object key) {
        if (index == null) {
            for (int i = 0; i < size; i++) if (Objects.equals(keys[i], key)) return i;
            return -1;
        }
        Integer i = index.get(key);
        return i == null ? -1 : i;
    }

    /** Makes {@link #index} of the keys there are (more than {@link #LINEAR}). */
    private void index() {
        HashMap<String, Integer> places = HashMap.newHashMap(size);
        for (int i = 0; i < size; i++) places.put(keys[i], i);
        index = places;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    /** Python's dict assignment: a new key goes last, a known one keeps its place and takes the value. */
    @Override
    public Object put(String key, Object value) {
        int i = indexOf(key);
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) grow();
        keys[size] = key;
        values[size] = value;
        size++;
        if (index != null) index.put(key, size - 1);
        else if (size > LINEAR) index();
        modCount++;
        return null;
    }

    /**
     * Room for twice the keys (four at first): new arrays and a copy, as Arrays.copyOf of a String[] goes through
     * reflection (Array.newInstance) in C1's code: 20 of the 43 samples of the parser's puts in a profile.
     */
    private void grow() {
        int room = Math.max(4, size * 2);
        String[] k = new String[room];
        Object[] v = new Object[room];
        System.arraycopy(keys, 0, k, 0, size);
        System.arraycopy(values, 0, v, 0, size);
        keys = k;
        values = v;
    }

    @Override
    public Object remove(Object key) {
        int i = indexOf(key);
        if (i < 0) return null;
        Object old = values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        String removed = keys[i];
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        keys[size] = null;
        values[size] = null;
        if (size <= LINEAR) {
            index = null;
        } else {
            index.remove(removed);
            for (int j = i; j < size; j++) index.put(keys[j], j);  // the keys after i moved up one place
        }
        modCount++;
    }

    /** The index is not serialized: made again from the keys read. */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (size > LINEAR) index();
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        index = null;
        modCount++;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        int expected = modCount;
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
            if (modCount != expected) throw new ConcurrentModificationException();
        }
    }

    /**
     * {@link AbstractMap#equals}, without an entry made per key; false, as there, where the other map refuses one of
     * these keys (a null key, a key of another type: NullPointerException or ClassCastException).
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof Map<?, ?> m) || m.size() != size) return false;
        try {
            for (int i = 0; i < size; i++) {
                Object v = values[i];
                if (v == null ? m.get(keys[i]) != null || !m.containsKey(keys[i]) : !v.equals(m.get(keys[i]))) return false;
            }
        } catch (ClassCastException | NullPointerException e) {
            return false;
        }
        return true;
    }

    /** {@link AbstractMap#hashCode}: the sum of the entries' hashes, key's xor value's. */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < size; i++) h += Objects.hashCode(keys[i]) ^ Objects.hashCode(values[i]);
        return h;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Entries();
            }
        };
    }

    /** An entry given by {@link Entries}: its {@link #setValue} writes through while its key is in the map. */
    private final class Slot extends SimpleEntry<String, Object> {
        private static final long serialVersionUID = 1L;

        Slot(String key, Object value) {
            super(key, value);
        }

        @Override
        public Object setValue(Object value) {
            int i = indexOf(getKey());
            if (i >= 0) values[i] = value;
            return super.setValue(value);
        }
    }

    /** The entries in order; an entry's {@link Entry#setValue} writes through; {@link #remove} drops the last given. */
    private final class Entries implements Iterator<Entry<String, Object>> {
        private int next;
        private int last = -1;
        private int expected = modCount;

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public Entry<String, Object> next() {
            if (modCount != expected) throw new ConcurrentModificationException();
            if (next >= size) throw new NoSuchElementException();
            last = next++;
            return new Slot(keys[last], values[last]);
        }

        @Override
        public void remove() {
            if (last < 0) throw new IllegalStateException();
            if (modCount != expected) throw new ConcurrentModificationException();
            removeAt(last);
            next = last;
            last = -1;
            expected = modCount;
        }
    }
}
