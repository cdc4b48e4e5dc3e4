import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * A build step of jack-cli, which the launcher ({@code ./jack}) runs in source-file mode after each build (Maven
 * offline has no plugin here that could run it): rewrites the class files older than Java 6 (version 50) in the
 * folder's jars as version 50 files with stack maps, the same bytecode otherwise.
 *
 * <p>Why: a JDK 25 AOT cache skips such classes ("Unlinked class not supported by AOTClassLinking": they are verified
 * by the old type-inferring verifier, which cannot run when the cache is made), so every start loaded picocli's (and
 * langdetect's) classes from their jars, parsing and verifying them on the main thread before the command could begin:
 * some 180 classes, 0.3 s of the first half second of {@code jack eval}. With the stack maps they are verified when the
 * cache is made and load from it (the 15-row example eval, 8 interleaved runs each on 2 loaded cores: median 0.61 s
 * CPU and 0.70 s wall against 0.74 s and 0.89 s). Version 50 rather than a later one: its only difference from 49 is
 * the stack maps (later versions change the rules for constant pool entries, interfaces and invokespecial that the
 * code was compiled against).
 *
 * <p>{@code java UpgradeClassFiles.java DIR}: each jar of DIR with such classes is replaced by its rewritten copy (its
 * other entries as they were); a jar without them is left alone, so a second run changes nothing, and so is a jar
 * with a class whose stack maps need classes that are not in the jar or the JDK.
 */
public final class UpgradeClassFiles {
    /** Java 6's class file version: the first with stack maps. */
    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of(args[0]), "*.jar")) {
            dir.forEach(jars::add);
        }
        Collections.sort(jars);
        for (Path jar : jars) {
            try {
                int upgraded = upgrade(jar);
                if (upgraded > 0) System.out.println("upgraded " + upgraded + " class files of " + jar.getFileName() + " to version " + JAVA_6);
            } catch (IllegalArgumentException e) {
                // A class whose code uses classes of a library that is not there (jsonic's servlet support): its stack
                // maps cannot be made, and the jar stays as it was (Jack does not load it from the cache then).
                System.out.println("left " + jar.getFileName() + " as it was: " + e.getMessage());
            }
        }
    }

    /** Rewrites the jar's old class files in place; returns how many there were. */
    private static int upgrade(Path jar) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        int upgraded = 0;
        // The stack maps name the common supertypes of the code's values: the JDK's classes, else the jar's own.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             JarFile in = new JarFile(jar.toFile(), false);
             OutputStream file = Files.newOutputStream(tmp);
             JarOutputStream out = new JarOutputStream(file)) {
            ClassFile classFiles = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(loader)).cached()));
            // Every method body rebuilt (not copied as it was), so that each gets its stack map.
            ClassTransform toJava6 = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                    .andThen(ClassTransform.dropping(e -> e instanceof ClassFileVersion))
                    .andThen(ClassTransform.endHandler(b -> b.withVersion(JAVA_6, 0)));
            for (JarEntry entry : Collections.list(in.entries())) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                String name = entry.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    ClassModel model = classFiles.parse(bytes);
                    if (model.majorVersion() < JAVA_6) {
                        bytes = classFiles.transformClass(model, toJava6);
                        upgraded++;
                    }
                }
                JarEntry copy = new JarEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (upgraded > 0) Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        else Files.delete(tmp);
        return upgraded;
    }
}
