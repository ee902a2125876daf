package dev.applog.local.e2e;

import dev.applog.local.lambda.FunctionConfig;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The three shop functions (src/test/functions) built as a user builds a function: compiled against the
 * library (here, the jar in the layer zip) and aws-lambda-java-core, packaged without them into shop.jar.
 * At run time the library comes from the layer zip, as in Lambda.
 */
final class ShopFunctions {

    static final Path ROOT = Path.of("target", "shop").toAbsolutePath();
    static final Path JAR = ROOT.resolve("shop.jar");
    static final Path LAYER_ZIP = Path.of(System.getProperty("applog.layer.zip", "../../layer/target/applog-layer.zip"))
            .toAbsolutePath().normalize();
    static final Path RUNTIME = Path.of(System.getProperty("applog.lambda.runtime", "../target/lambda-runtime"))
            .toAbsolutePath().normalize();

    private static boolean built;

    private ShopFunctions() {
    }

    static synchronized void build() throws IOException {
        if (built) {
            return;
        }
        if (!Files.isRegularFile(LAYER_ZIP)) {
            throw new IllegalStateException("the layer zip " + LAYER_ZIP + " is not built (./mvnw -B -ntp verify "
                    + "from the root builds it before these tests)");
        }
        Path layer = ROOT.resolve("layer");
        unzip(LAYER_ZIP, layer);
        List<Path> classpath = new ArrayList<>(jars(layer.resolve("java/lib")));
        classpath.addAll(jars(RUNTIME).stream().filter(j -> j.getFileName().toString()
                .startsWith("aws-lambda-java-core")).toList());
        Path classes = ROOT.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp",
                String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList())));
        try (Stream<Path> sources = Files.walk(Path.of("src/test/functions"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        if (compiler.run(null, errors, errors, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the shop functions do not compile:\n"
                    + errors.toString(StandardCharsets.UTF_8));
        }
        try (OutputStream out = Files.newOutputStream(JAR); JarOutputStream jar = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        built = true;
    }

    /** One of the shop's functions, with the layer zip and the application's settings. */
    static FunctionConfig function(String name, Map<String, String> environment) throws IOException {
        build();
        return new FunctionConfig(name, name, "shop." + name + "::handleRequest", JAR, List.of(LAYER_ZIP),
                environment, 20, 256, "java21");
    }

    private static List<Path> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry outside the zip's root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entries, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
