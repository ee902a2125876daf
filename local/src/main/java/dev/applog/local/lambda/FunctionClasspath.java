package dev.applog.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The classpath of a function JVM, in Lambda's order: the function's code (its jar or classes, then its
 * {@code lib/*.jar}), then each layer's {@code java/lib/*.jar} (unzipped from the same zip SAM deploys),
 * then the runtime's own jars (the runtime interface client), last, as Lambda's Java runtime has them.
 */
final class FunctionClasspath {

    private FunctionClasspath() {
    }

    /** The function's code entries; also tells where LAMBDA_TASK_ROOT is. */
    record Code(Path taskRoot, List<Path> entries) {}

    static Code code(FunctionConfig function, Path workDirectory) throws IOException {
        Path code = function.code();
        String where = function.logicalId() + " CodeUri " + code;
        if (Files.isRegularFile(code)) {
            String name = code.getFileName().toString();
            if (name.endsWith(".jar")) {
                return new Code(code.getParent(), List.of(code));
            }
            if (name.endsWith(".zip")) {
                Path unzipped = unzip(code, workDirectory.resolve("code-" + function.name()));
                return new Code(unzipped, folderWithLib(unzipped));
            }
            throw new IllegalArgumentException(where + ": a file must be a .jar or a .zip deployment package");
        }
        if (!Files.isDirectory(code)) {
            throw new IllegalArgumentException(where + " does not exist");
        }
        if (Files.isRegularFile(code.resolve("pom.xml"))) {
            // a Maven function project: its packaged jar, and the dependencies a build copied next to it
            Path target = code.resolve("target");
            List<Path> jars = jars(target).stream().filter(FunctionClasspath::isMainJar).toList();
            if (jars.size() != 1) {
                throw new IllegalArgumentException(where + " is a Maven project " + (jars.isEmpty()
                        ? "without a packaged jar in target/: build it first (./mvnw -q -B -ntp -DskipTests package"
                        + " from the repository's root)"
                        : "with several jars in target/ " + jars + ": point CodeUri at the one to run"));
            }
            List<Path> entries = new ArrayList<>(jars);
            entries.addAll(jars(target.resolve("lib")));
            entries.addAll(jars(target.resolve("dependency")));
            return new Code(target, entries);
        }
        return new Code(code, folderWithLib(code));
    }

    private static boolean isMainJar(Path jar) {
        String name = jar.getFileName().toString();
        return !name.startsWith("original-") && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")
                && !name.endsWith("-tests.jar") && !name.endsWith("-test-sources.jar");
    }

    /** A layer's {@code java/lib/*.jar}. */
    static List<Path> layer(Path layer, Path workDirectory, int index) throws IOException {
        Path root;
        if (Files.isRegularFile(layer) && layer.getFileName().toString().endsWith(".zip")) {
            root = unzip(layer, workDirectory.resolve("layer-" + index + "-"
                    + layer.getFileName().toString().replace(".zip", "")));
        } else if (Files.isDirectory(layer)) {
            root = layer;
        } else {
            throw new IllegalArgumentException("layer " + layer + " does not exist (a layer zip or a folder holding"
                    + " java/lib; build the layer with ./mvnw -q -B -ntp -DskipTests package)");
        }
        List<Path> jars = jars(root.resolve("java").resolve("lib"));
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("layer " + layer + " has no java/lib/*.jar: a Java layer puts its "
                    + "jars there");
        }
        return jars;
    }

    static List<Path> runtime(Path runtimeDirectory) throws IOException {
        List<Path> jars = jars(runtimeDirectory);
        if (jars.stream().noneMatch(jar -> jar.getFileName().toString()
                .startsWith("aws-lambda-java-runtime-interface-client"))) {
            throw new IllegalStateException("the Lambda runtime interface client is not in " + runtimeDirectory
                    + ": build the local tools (./mvnw -q -B -ntp -pl local -am -DskipTests package)");
        }
        return jars;
    }

    /**
     * The runtime client's native library, unpacked once for all function JVMs. Left to itself the client
     * unpacks it to the fixed path /tmp/.libaws-lambda-jni.so in every JVM (in Lambda each environment has
     * its own /tmp); two JVMs starting at once on one machine then rewrite the file under each other and one
     * dies of SIGBUS. The client loads the file named by a system property instead.
     */
    static Path nativeClient(List<Path> runtimeJars, Path workDirectory) throws IOException {
        Path ric = runtimeJars.stream().filter(jar -> jar.getFileName().toString()
                .startsWith("aws-lambda-java-runtime-interface-client")).findFirst().orElseThrow();
        String arch = System.getProperty("os.arch").toLowerCase(java.util.Locale.ROOT);
        boolean arm = arch.equals("aarch64") || arch.equals("arm64");
        boolean musl;
        try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
            musl = lib.anyMatch(f -> f.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            musl = false;
        }
        String name = "libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + (arm ? "aarch_64" : "x86_64") + ".so";
        Path target = workDirectory.resolve("native").resolve(ric.getFileName().toString().replace(".jar", "")
                + "-" + name);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(ric.toFile())) {
            ZipEntry entry = zip.getEntry("jni/" + name);
            if (entry == null) {
                throw new IllegalStateException(ric + " has no native client for this machine (jni/" + name + ")");
            }
            Path partial = Files.createTempFile(target.getParent(), "jni", ".so");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static List<Path> folderWithLib(Path folder) throws IOException {
        List<Path> entries = new ArrayList<>();
        entries.add(folder);
        entries.addAll(jars(folder.resolve("lib")));
        return entries;
    }

    private static List<Path> jars(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    /** Unzips once per zip version (the zip's time and size name the copy). */
    private static Path unzip(Path zip, Path baseName) throws IOException {
        Path target = baseName.resolveSibling(baseName.getFileName() + "-" + Files.getLastModifiedTime(zip).toMillis()
                + "-" + Files.size(zip));
        if (Files.isDirectory(target)) {
            return target;
        }
        Path partial = Files.createTempDirectory(target.getParent(), "unzip");
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                Path out = partial.resolve(entry.getName()).normalize();
                if (!out.startsWith(partial)) {
                    throw new IOException(zip + " holds an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entries, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
        }
        return target;
    }
}
