package dev.jack.core.json;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link JsonObject} behaves as the LinkedHashMap that {@link Json} made before, and as Python's dict. */
class JsonObjectTest {
    /** Python: json.loads('{"a": 1, "b": 2, "a": 3}') is {'a': 3, 'b': 2}, 'a' first. */
    @Test
    void aRepeatedKeyKeepsItsFirstPlaceAndTakesTheLastValue() {
        Map<?, ?> m = (Map<?, ?>) Json.parse("{\"a\": 1, \"b\": 2, \"a\": 3}");
        assertEquals(List.of("a", "b"), new ArrayList<>(m.keySet()));
        assertEquals(List.of(3L, 2L), new ArrayList<>(m.values()));
        assertEquals("{a=3, b=2}", m.toString());
        // Past the linear look-up's reach too, and from bytes.
        StringBuilder json = new StringBuilder("{");
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            String key = "k" + (i * 7 % 23);
            json.append(i == 0 ? "" : ", ").append('"').append(key).append("\": ").append(i);
            expected.put(key, (long) i);
        }
        String text = json.append('}').toString();
        Map<?, ?> parsed = (Map<?, ?>) Json.parse(text);
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(parsed.entrySet()));
        int[] end = new int[1];
        Map<?, ?> fromBytes = (Map<?, ?>) Json.parseLine(text.getBytes(), 0, text.length(), end);
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(fromBytes.entrySet()));
    }

    /** Random puts, removes, iterator removes, entry writes, clears: the entries, in order, of a LinkedHashMap. */
    @Test
    void behavesAsALinkedHashMap() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            JsonObject m = new JsonObject();
            Map<String, Object> expected = new LinkedHashMap<>();
            int keys = 1 + random.nextInt(round % 2 == 0 ? 6 : 40);
            for (int op = 0; op < 200; op++) {
                String key = random.nextInt(10) == 0 ? null : "k" + random.nextInt(keys);
                Object value = random.nextInt(8) == 0 ? null : (Object) (long) random.nextInt(5);
                switch (random.nextInt(12)) {
                    case 0, 1, 2, 3, 4 -> assertEquals(expected.put(key, value), m.put(key, value));
                    case 5, 6 -> assertEquals(expected.remove(key), m.remove(key));
                    case 7 -> {
                        Iterator<Map.Entry<String, Object>> a = expected.entrySet().iterator();
                        Iterator<Map.Entry<String, Object>> b = m.entrySet().iterator();
                        while (a.hasNext()) {
                            Map.Entry<String, Object> x = a.next();
                            Map.Entry<String, Object> y = b.next();
                            assertEquals(x, y);
                            if (random.nextInt(3) == 0) {
                                a.remove();
                                b.remove();
                            } else if (random.nextInt(3) == 0) {
                                assertEquals(x.setValue(value), y.setValue(value));
                            }
                        }
                        assertEquals(false, b.hasNext());
                    }
                    case 8 -> {
                        if (random.nextInt(10) == 0) {
                            expected.clear();
                            m.clear();
                        }
                    }
                    default -> {
                        assertEquals(expected.get(key), m.get(key));
                        assertEquals(expected.containsKey(key), m.containsKey(key));
                    }
                }
                assertEquals(expected.size(), m.size());
                assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(m.entrySet()));
                List<Object> walked = new ArrayList<>();
                m.forEach((k, v) -> {
                    walked.add(k);
                    walked.add(v);
                });
                List<Object> expectedWalk = new ArrayList<>();
                expected.forEach((k, v) -> {
                    expectedWalk.add(k);
                    expectedWalk.add(v);
                });
                assertEquals(expectedWalk, walked);
                assertEquals(expected, m);
                assertEquals(m, expected);
                assertEquals(expected.hashCode(), m.hashCode());
                assertEquals(expected.toString(), m.toString());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(m);
            }
            Object back = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
            assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(((Map<?, ?>) back).entrySet()));
            for (String key : expected.keySet()) assertEquals(expected.get(key), ((Map<?, ?>) back).get(key));
        }
    }

    @Test
    void iteratorsFailFast() {
        JsonObject m = new JsonObject();
        m.put("a", 1L);
        m.put("b", 2L);
        Iterator<String> keys = m.keySet().iterator();
        keys.next();
        m.put("c", 3L);
        assertThrows(ConcurrentModificationException.class, keys::next);
        assertThrows(ConcurrentModificationException.class, () -> m.forEach((k, v) -> m.remove("a")));
    }

    /**
     * Parsed objects are read by several threads at once (eval's chunks share the prompts' kwargs), so a look-up must not
     * write: an index made by the first look-up of a 9-key object (or of a deserialized one) was seen half made by the
     * other thread, some 140 wrong look-ups in 100,000 trials of two threads. Fresh objects, both threads let go at once.
     */
    @Test
    void readsFromTwoThreadsAtOnceFindEveryKey() throws Exception {
        StringBuilder nine = new StringBuilder("{");
        StringBuilder twenty = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            if (i < 9) nine.append(i == 0 ? "" : ", ").append("\"key").append(i).append("\": ").append(i);
            twenty.append(i == 0 ? "" : ", ").append("\"key").append(i).append("\": ").append(i);
        }
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
            out.writeObject(Json.parse(twenty.append("}").toString()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int trial = 0; trial < 10_000; trial++) {
                Map<?, ?> m = (Map<?, ?>) Json.parse(nine + "}");
                assertEquals(0, wrongLookUps(pool, m, 9), "9 parsed keys, trial " + trial);
            }
            for (int trial = 0; trial < 5_000; trial++) {
                Map<?, ?> m = (Map<?, ?>) new ObjectInputStream(new ByteArrayInputStream(serialized.toByteArray())).readObject();
                assertEquals(0, wrongLookUps(pool, m, 20), "20 deserialized keys, trial " + trial);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two threads look up every key of {@code {"key0": 0, ...}} at once, from different keys; the misses they saw. */
    private static int wrongLookUps(ExecutorService pool, Map<?, ?> m, int keys) throws Exception {
        String[] names = new String[keys];
        for (int i = 0; i < keys; i++) names[i] = "key" + i;
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Integer>> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int offset = t * 5;
            threads.add(pool.submit(() -> {
                start.await();
                int wrong = 0;
                for (int i = 0; i < keys; i++) {
                    int k = (i + offset) % keys;
                    if (!Long.valueOf(k).equals(m.get(names[k]))) wrong++;
                }
                return wrong;
            }));
        }
        return threads.get(0).get() + threads.get(1).get();
    }

    @Test
    void notEqualToAMapThatRefusesItsKeys() {
        JsonObject withNull = new JsonObject();
        withNull.put(null, 1L);
        assertEquals(false, withNull.equals(Map.of("a", 1L)), "Map.of refuses a null key: false, as AbstractMap gives");
        JsonObject a = new JsonObject();
        a.put("a", 1L);
        assertEquals(false, a.equals(new java.util.TreeMap<>(Map.of(1, 1L))), "a key of another type: false");
    }
}
