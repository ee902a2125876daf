package dev.applog.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.layer.function.FunctionWithItsOwnLibraries;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda's Java runtime puts a function's own jars on the classpath before the layer's. A function that
 * bundles an older AWS SDK and Jackson (target/function-libs, fetched by the build) must not break the
 * logger, and the logger must not change which versions the function sees. The layer's relocated jar is
 * what makes that hold: the same function with the library's plain, unrelocated jars after its own is run
 * too, to show the test can tell the difference (there the SDK clash stops delivery, and every event
 * goes to stdout as fallback).
 */
class LayerClasspathIT {

    private static final int EVENTS = 25;

    @TempDir
    Path work;

    @Test
    void functionWithOlderSdkAndJacksonLogsThroughTheRelocatedLayer() throws Exception {
        Path layerLib = unzipLayer();
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            Run run = runFunction(logs, classpath(functionLibs(), List.of(layerLib.toFile().listFiles())));
            assertEquals(0, run.exitCode, run.output);
            assertTrue(run.output.contains("function jackson 2.12.7"), run.output);
            assertTrue(run.output.contains("function sdk 2.20.0"), run.output);
            assertTrue(run.output.contains("purge stored everything: true"), run.output);
            List<StoredEvent> stored = logs.events("/app/layer-mix", "mix");
            assertEquals(EVENTS, stored.size(), run.output);
            assertTrue(stored.get(0).message().contains("\"event\":0"), stored.get(0).message());
        }
    }

    @Test
    void theSameFunctionWithTheUnrelocatedLibraryDoesNotDeliver() throws Exception {
        List<File> plainLibrary = new ArrayList<>();
        for (String path : System.getProperty("plain.library.classpath").split(File.pathSeparator)) {
            plainLibrary.add(new File(path));
        }
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            Run run = runFunction(logs, classpath(functionLibs(), plainLibrary));
            assertTrue(run.output.contains("function jackson 2.12.7"), "the function did not start:\n" + run.output);
            Files.writeString(Path.of(System.getProperty("function.classes", "target/test-classes"))
                    .resolveSibling("unrelocated-run.txt"), run.output);
            boolean delivered = logs.streamExists("/app/layer-mix", "mix")
                    && logs.events("/app/layer-mix", "mix").size() == EVENTS;
            assertTrue(!delivered, "without relocation the older SDK first on the classpath was expected to"
                    + " break delivery; if it no longer does, this control no longer shows anything:\n" + run.output);
            // even then nothing is lost: every event is on stdout, marked as fallback
            long fallbackLines = run.output.lines().filter(l -> l.startsWith("{\"applog\":\"fallback\"")).count();
            assertEquals(EVENTS, fallbackLines, run.output);
            assertTrue(run.output.contains("Use the applog layer's jar, whose SDK is relocated"),
                    "the diagnostic should name the version clash:\n" + run.output);
        }
    }

    private static List<File> functionLibs() throws IOException {
        Path dir = Path.of(System.getProperty("function.libs", "target/function-libs"));
        try (Stream<Path> jars = Files.list(dir)) {
            List<File> files = jars.map(Path::toFile).sorted().collect(Collectors.toList());
            assertTrue(files.size() >= 4, "the build did not fetch the function's own libraries into " + dir);
            return files;
        }
    }

    private Path unzipLayer() throws IOException {
        Path lib = Files.createDirectories(work.resolve("opt/java/lib"));
        try (ZipFile zip = new ZipFile(System.getProperty("layer.zip", "target/applog-layer.zip"))) {
            for (ZipEntry entry : zip.stream().collect(Collectors.toList())) {
                if (entry.getName().startsWith("java/lib/") && entry.getName().endsWith(".jar")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, lib.resolve(entry.getName().substring("java/lib/".length())),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return lib;
    }

    /** The function's class first, then its own jars, then the given library jars: Lambda's order. */
    private static String classpath(List<File> functionJars, List<File> libraryJars) {
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("function.classes", "target/test-classes"));
        functionJars.forEach(f -> entries.add(f.getAbsolutePath()));
        libraryJars.forEach(f -> entries.add(f.getAbsolutePath()));
        return String.join(File.pathSeparator, entries);
    }

    private Run runFunction(LocalLogsServer logs, String classpath) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", classpath,
                FunctionWithItsOwnLibraries.class.getName(), String.valueOf(EVENTS));
        builder.environment().put("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", logs.endpoint().toString());
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().remove("AWS_SESSION_TOKEN");
        builder.environment().remove("AWS_ENDPOINT_URL");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), output);
    }

    private static final class Run {
        final int exitCode;
        final String output;

        Run(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
