package dev.jack.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.DataInputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's build step (jack-cli/src/main/build/UpgradeClassFiles.java), run as the launcher runs it. */
class UpgradeClassFilesTest {
    @Test
    void picocliGetsStackMapsThatVerifyAndASecondRunChangesNothing(@TempDir Path lib) throws Exception {
        Path jar = lib.resolve("picocli.jar");
        Files.copy(Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI()), jar);
        List<String> before = versions(jar);
        assertTrue(before.stream().anyMatch(v -> v.startsWith("49 ")), "picocli ships Java 5 class files: " + before.getFirst());

        assertEquals(0, upgrade(lib));
        List<String> after = versions(jar);
        assertEquals(before.size(), after.size(), "every entry kept");
        for (String v : after) assertTrue(Integer.parseInt(v.split(" ")[0]) >= 50, "upgraded: " + v);
        // Every class passes the verifier of stack maps (the JVM would fall back to the old verifier for version 50
        // files whose stack maps are wrong, and the AOT cache would skip them again), and loads and initializes.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             JarFile file = new JarFile(jar.toFile())) {
            ClassFile verifier = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
            for (String v : after) {
                String name = v.split(" ")[1];
                byte[] bytes = file.getInputStream(file.getEntry(name.replace('.', '/') + ".class")).readAllBytes();
                assertEquals(List.of(), verifier.verify(bytes), name);
                Class.forName(name, true, loader);
            }
        }
        assertEquals(50, version(jar, "picocli/CommandLine.class"));

        byte[] upgraded = Files.readAllBytes(jar);
        assertEquals(0, upgrade(lib));
        assertArrayEquals(upgraded, Files.readAllBytes(jar), "a second run leaves the jar as it is");
    }

    /** Runs the step on the folder as the launcher does (source-file mode); returns its exit status. */
    private static int upgrade(Path lib) throws IOException, InterruptedException {
        Path source = Path.of("src/main/build/UpgradeClassFiles.java").toAbsolutePath();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), source.toString(), lib.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.out);
        return p.waitFor();
    }

    /** "MAJOR CLASSNAME" of each class file in the jar but module-info. */
    private static List<String> versions(Path jar) throws IOException {
        List<String> versions = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(file.entries())) {
                String name = e.getName();
                if (!name.endsWith(".class") || name.endsWith("module-info.class")) continue;
                versions.add(version(jar, name) + " " + name.substring(0, name.length() - 6).replace('/', '.'));
            }
        }
        return versions;
    }

    private static int version(Path jar, String entry) throws IOException {
        try (JarFile file = new JarFile(jar.toFile()); DataInputStream in = new DataInputStream(file.getInputStream(file.getEntry(entry)))) {
            in.readInt();  // magic
            in.readUnsignedShort();  // minor
            return in.readUnsignedShort();
        }
    }
}
