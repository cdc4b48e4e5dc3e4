package dev.jack.core.data;

import dev.jack.core.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What keeps the user's files safe: outputs that are inputs refused, outputs locked against a second process, sets of
 * files replaced together, temporaries of killed processes cleaned up, journals that are not Jack's left untouched, and
 * user files read with errors that name the line.
 */
class FileSafetyTest {
    @TempDir
    Path dir;

    /** A process id that no process has. */
    private static final String DEAD = "999999999";

    @Test
    void anOutputThatIsAnInputByAnyNameIsRefused() throws IOException {
        Path input = Files.writeString(dir.resolve("prompts.jsonl"), "{}\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), input);
        Path relative = Path.of("").toAbsolutePath().relativize(input);
        for (Path out : List.of(input, link, relative, dir.resolve("sub/../prompts.jsonl"))) {
            var e = assertThrows(UserException.class, () -> OutputPaths.check(List.of(input), List.of(out), List.of()), out.toString());
            assertTrue(e.getMessage().contains("is both an input and an output"), e.getMessage());
        }
        var inside = assertThrows(UserException.class, () -> OutputPaths.check(List.of(input), List.of(), List.of(dir)));
        assertTrue(inside.getMessage().contains("is inside the output folder"), inside.getMessage());
        var twice = assertThrows(UserException.class, () -> OutputPaths.check(List.of(), List.of(dir.resolve("a"), dir.resolve("./a")), List.of()));
        assertTrue(twice.getMessage().contains("is given for two outputs"), twice.getMessage());
        OutputPaths.check(List.of(input), List.of(dir.resolve("out.jsonl")), List.of(dir.resolve("variants")));
    }

    @Test
    void foldersAndFilesInTheWrongPlaceAreRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path folder = Files.createDirectory(dir.resolve("folder"));
        assertTrue(assertThrows(UserException.class, () -> OutputPaths.check(List.of(folder), List.of(), List.of())).getMessage()
                .endsWith("folder: is a folder; expected a file"));
        assertTrue(assertThrows(UserException.class, () -> OutputPaths.check(List.of(), List.of(folder), List.of())).getMessage()
                .contains("is a folder; give a file path"));
        assertTrue(assertThrows(UserException.class, () -> OutputPaths.check(List.of(), List.of(file.resolve("x/out.jsonl")), List.of())).getMessage()
                .contains(file + " is a file, not a folder"));
        assertTrue(assertThrows(UserException.class, () -> OutputPaths.check(List.of(), List.of(), List.of(file))).getMessage()
                .contains("is a file; expected a folder"));
    }

    @Test
    void aDatasetFolderIsReadAsOneFile() throws IOException {
        Path dataset = Files.createDirectory(dir.resolve("samples.jsonl"));
        Files.writeString(dataset.resolve("part-00001.jsonl"), "{\"key\": 2}\n");
        Files.writeString(dataset.resolve("part-00000.jsonl"), "{\"key\": 1}\n");
        Files.writeString(dataset.resolve("failed-00000.jsonl"), "{\"key\": 3}\n");
        Files.writeString(dataset.resolve("_SUCCESS"), "");
        OutputPaths.check(List.of(dataset), List.of(dir.resolve("out.jsonl")), List.of());
        List<Long> keys = JsonlReader.readAll(dataset, row -> row.integer("key"));
        assertEquals(List.of(1L, 2L), keys, "its part files in name order, nothing else");
    }

    @Test
    void aSecondProcessIsToldWhoHoldsTheOutput() throws IOException, InterruptedException {
        Path out = dir.resolve("new/samples.jsonl");
        Process holder = LockHolder.start(out);
        try {
            var e = assertThrows(UserException.class, () -> OutputLock.acquire(List.of(out)));
            assertEquals(out + ": is being written by another process (pid " + holder.pid() + "); wait for it to finish, or stop it, then rerun",
                    e.getMessage());
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        try (OutputLock lock = OutputLock.acquire(List.of(out))) {
            assertTrue(Files.exists(OutputLock.lockFile(out)));
            var again = assertThrows(UserException.class, () -> OutputLock.acquire(List.of(dir.resolve("other"), out)));
            assertTrue(again.getMessage().contains("this process"), again.getMessage());
            assertFalse(Files.exists(OutputLock.lockFile(dir.resolve("other"))), "a failed acquire holds nothing");
        }
        assertFalse(Files.exists(OutputLock.lockFile(out)), "the lock file goes with the lock");
        assertFalse(Files.exists(out.getParent()), "a folder made only for the lock goes too");
    }

    @Test
    void aFileSetReplacesAllItsFilesOrNone() throws IOException {
        Path a = Files.writeString(dir.resolve("a.jsonl"), "old a");
        Path b = Files.writeString(dir.resolve("b.json"), "old b");
        try (FileSet set = new FileSet()) {
            AtomicFiles.write(set.stage(a), "new a");
            AtomicFiles.write(set.stage(b), "new b");
        }
        assertEquals("old a", Files.readString(a), "not committed: nothing changes");
        assertEquals(List.of("a.jsonl", "b.json"), names(), "and nothing is left behind");
        try (FileSet set = new FileSet()) {
            AtomicFiles.write(set.stage(a), "new a");
            AtomicFiles.write(set.stage(b), "new b");
            set.commit();
        }
        assertEquals("new a", Files.readString(a));
        assertEquals("new b", Files.readString(b));
        assertEquals(List.of("a.jsonl", "b.json"), names());
    }

    @Test
    void aSetAKilledProcessWasMovingIsFinishedAndItsTemporariesRemoved() throws IOException {
        Path a = Files.writeString(dir.resolve("eval_results_strict.jsonl"), "new strict\n");
        Path b = Files.writeString(dir.resolve("summary.json"), "old summary\n");
        // Killed after moving the first file of the set: the second is still staged, the manifest names both moves.
        Path stagedB = Files.writeString(dir.resolve(".summary.json." + DEAD + ".1.tmp"), "new summary\n");
        Path stagedA = dir.resolve(".eval_results_strict.jsonl." + DEAD + ".2.tmp");
        Files.writeString(dir.resolve(".jack-set." + DEAD + ".3.json"),
                "{\"moves\": [[\"" + stagedA + "\", \"" + a + "\"], [\"" + stagedB + "\", \"" + b + "\"]]}\n");
        Path stale = Files.writeString(dir.resolve(".other.jsonl." + DEAD + ".4.tmp"), "half");
        Path legacy = Files.writeString(dir.resolve(".other.jsonl8123456789.tmp"), "half");
        Path live = Files.writeString(dir.resolve(".other.jsonl." + ProcessHandle.current().pid() + ".5.tmp"), "being written");
        AtomicFiles.write(dir.resolve("other.jsonl"), "next run\n");
        assertEquals("new summary\n", Files.readString(b), "the set was finished");
        assertEquals("new strict\n", Files.readString(a));
        assertFalse(Files.exists(stale) || Files.exists(legacy), "a dead process's temporaries are removed");
        assertTrue(Files.exists(live), "a live one's are not");
        assertEquals(List.of(live.getFileName().toString(), "eval_results_strict.jsonl", "other.jsonl", "summary.json"), names());
    }

    @Test
    void aJournalThatIsNotJacksIsRefusedUntouched() throws IOException {
        for (String foreign : List.of("hello world", "first line\nsecond", "{\"a\": 1}")) {
            Path file = Files.writeString(dir.resolve("foreign.jsonl"), foreign);
            if (foreign.startsWith("{")) {
                Journal j = Journal.open(file);
                assertEquals(List.of(foreign), j.existingLines(), "complete JSON without its newline is a line for the stage to check");
            } else {
                var e = assertThrows(DataFileException.class, () -> Journal.open(file));
                assertTrue(e.getMessage().contains("not a row this command writes"), e.getMessage());
            }
            assertEquals(foreign, Files.readString(file), "untouched");
        }
    }

    @Test
    void aJournalCutMidRowLosesOnlyThatRowWhenAppendingBegins() throws IOException {
        Path file = Files.writeString(dir.resolve("samples.jsonl"), "{\"key\": 1}\n{\"key\": 2, \"resp");
        try (Journal j = Journal.open(file)) {
            assertEquals(List.of("{\"key\": 1}"), j.existingLines());
            assertEquals("{\"key\": 1}\n{\"key\": 2, \"resp", Files.readString(file), "opening changes nothing");
            j.append("{\"key\": 3}");
        }
        assertEquals("{\"key\": 1}\n{\"key\": 3}\n", Files.readString(file));
        Files.writeString(file, "{\"key\": 1}");
        try (Journal j = Journal.open(file)) {
            j.append("{\"key\": 2}");
        }
        assertEquals("{\"key\": 1}\n{\"key\": 2}\n", Files.readString(file), "a complete last row keeps its place");
    }

    @Test
    void userFilesNameTheLineThatIsNotUtf8() throws IOException {
        Path jsonl = dir.resolve("rows.jsonl");
        Files.write(jsonl, bytes("{\"a\": 1}\n{\"a\": 2}\n{\"a\": \"", new byte[] {(byte) 0xff}, "\"}\n"));
        assertEquals(jsonl + ":3: not valid UTF-8 (save the file as UTF-8)",
                assertThrows(DataFileException.class, () -> JsonlReader.forEach(jsonl, row -> { })).getMessage());
        Path json = dir.resolve("hardness.json");
        Files.write(json, bytes("{\n\"a\":\n\"", new byte[] {(byte) 0xc3}, "\"}"));
        assertEquals(json + ":3: not valid UTF-8 (save the file as UTF-8)", assertThrows(DataFileException.class, () -> TextFiles.read(json)).getMessage());
        assertEquals(dir + ": is a folder; expected a file", assertThrows(DataFileException.class, () -> JsonlReader.forEach(dir, row -> { })).getMessage());
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), TextFiles.read(Files.writeString(json, "\uFEFFé")).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void largeFilesAreReadLineByLineAsBufferedReaderSplitsThemAndTheFirstBadLineStopsThem() throws IOException {
        // Several batches of whole lines, ended by \n, \r\n and \r, with blank lines and non-ASCII text between.
        StringBuilder text = new StringBuilder("\uFEFF");
        String pad = "é€😀 ".repeat(60);
        String[] ends = {"\n", "\r\n", "\r", "\n \t\n"};
        for (int i = 0; i < 6000; i++) text.append("{\"i\": ").append(i).append(", \"s\": \"a\\nb").append(pad).append("\"}").append(ends[i % ends.length]);
        text.append("{\"i\": 6000, \"s\": \"last line without an end\"}");
        Path jsonl = Files.writeString(dir.resolve("rows.jsonl"), text);
        assertTrue(Files.size(jsonl) > 3 << 20, "more than three batches");
        List<String> expected = new java.util.ArrayList<>();
        try (var in = Files.newBufferedReader(jsonl)) {
            long line = 0;
            for (String l; (l = in.readLine()) != null; ) {
                line++;
                if (!l.isBlank()) expected.add(line + " " + dev.jack.core.json.PyJson.dumps(dev.jack.core.json.Json.parse(line == 1 ? l.substring(1) : l)));
            }
        }
        List<String> seen = new java.util.ArrayList<>();
        JsonlReader.forEach(jsonl, row -> seen.add(row.line() + " " + dev.jack.core.json.PyJson.dumps(row.fields())));
        assertEquals(expected, seen);

        int bad = 4001;
        Files.writeString(jsonl, text.toString().replace("{\"i\": " + bad + ",", "{\"i\" " + bad + ","));
        List<Long> before = new java.util.ArrayList<>();
        var e = assertThrows(DataFileException.class, () -> JsonlReader.forEach(jsonl, row -> before.add(row.integer("i"))));
        assertEquals(bad, before.size());
        String lineOfBad = expected.get(bad).substring(0, expected.get(bad).indexOf(' '));
        assertTrue(e.getMessage().startsWith(jsonl + ":" + lineOfBad + ": malformed JSON"), e.getMessage());

        String all = text.toString();
        byte[] broken = all.getBytes(StandardCharsets.UTF_8);
        broken[all.substring(0, all.indexOf("{\"i\": 5000,")).getBytes(StandardCharsets.UTF_8).length + 3] = (byte) 0xff;  // row 5000's "i"
        Files.write(jsonl, broken);
        // The UTF-8 check names the line as it counts them: by '\n'.
        long lineOf5000 = 1 + all.substring(0, all.indexOf("{\"i\": 5000,")).chars().filter(c -> c == '\n').count();
        assertEquals(jsonl + ":" + lineOf5000 + ": not valid UTF-8 (save the file as UTF-8)",
                assertThrows(DataFileException.class, () -> JsonlReader.forEach(jsonl, row -> { })).getMessage());
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    private List<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
