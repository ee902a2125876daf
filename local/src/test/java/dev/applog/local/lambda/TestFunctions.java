package dev.applog.local.lambda;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the test functions the way a user's are built, outside the test's own classpath: the handlers in
 * src/test/functions into target/test-functions/functions.jar (compiled against aws-lambda-java-core only),
 * and their helper in src/test/functions-lib into a layer zip (java/lib/testlib.jar). Built once per run.
 */
final class TestFunctions {

    static final Path ROOT = Path.of("target", "test-functions").toAbsolutePath();
    static final Path FUNCTIONS_JAR = ROOT.resolve("functions.jar");
    static final Path LAYER_ZIP = ROOT.resolve("test-layer.zip");

    private static boolean built;

    private TestFunctions() {
    }

    static synchronized void build() throws IOException {
        if (built) {
            return;
        }
        Path runtime = runtimeDirectory();
        Path core;
        try (Stream<Path> jars = Files.list(runtime)) {
            core = jars.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-core")).findFirst()
                    .orElseThrow();
        }
        Path libClasses = ROOT.resolve("lib-classes");
        Path fnClasses = ROOT.resolve("fn-classes");
        compile(Path.of("src", "test", "functions-lib"), libClasses, List.of());
        // org.crac, for the functions' SnapStart hooks: the jar the test classpath has
        Path crac;
        try {
            crac = Path.of(org.crac.Core.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        compile(Path.of("src", "test", "functions"), fnClasses, List.of(core, libClasses, crac));
        Path libJar = ROOT.resolve("testlib.jar");
        jar(libClasses, libJar);
        jar(fnClasses, FUNCTIONS_JAR);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(LAYER_ZIP))) {
            zip.putNextEntry(new ZipEntry("java/"));
            zip.putNextEntry(new ZipEntry("java/lib/"));
            zip.putNextEntry(new ZipEntry("java/lib/testlib.jar"));
            Files.copy(libJar, zip);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("java/lib/org-crac.jar"));
            Files.copy(crac, zip);
            zip.closeEntry();
        }
        built = true;
    }

    static Path runtimeDirectory() {
        return Path.of(System.getProperty("applog.lambda.runtime", "target/lambda-runtime"));
    }

    /** A function from functions.jar with the test layer; 3 s, 256 MB. */
    static FunctionConfig function(String name, String handlerClass) throws IOException {
        build();
        return new FunctionConfig(name, name, "fn." + handlerClass + "::handleRequest", FUNCTIONS_JAR,
                List.of(LAYER_ZIP), java.util.Map.of(), 3, 256, "java21");
    }

    private static void compile(Path sources, Path classes, List<Path> classpath) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString()));
        if (!classpath.isEmpty()) {
            args.add("-cp");
            args.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        }
        args.addAll(files);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, errors, errors, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("test functions do not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }
}
