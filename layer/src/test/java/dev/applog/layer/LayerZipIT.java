package dev.applog.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the built layer zip and checks it against what Maven resolved as the library's run-time
 * dependencies: Lambda adds /opt/java/lib/*.jar to the classpath, so the zip must hold exactly those jars
 * under java/lib, one version each, and nothing for tests or local tools.
 */
class LayerZipIT {

    /** A line of `dependency:list`: "   group:artifact:type[:classifier]:version:scope" (maybe "-- module x"). */
    private static final Pattern LISTED =
            Pattern.compile("^\\s*([^:\\s]+):([^:\\s]+):([^:\\s]+)(?::([^:\\s]+))?:([^:\\s]+):(compile|runtime)\\b.*$");

    private static Path zipPath;
    private static List<String> entries;
    private static TreeSet<String> expectedJars;

    @BeforeAll
    static void readZipAndDependencyList() throws IOException {
        zipPath = Path.of(System.getProperty("layer.zip", "target/applog-layer.zip"));
        Path listPath = Path.of(System.getProperty("layer.dependencies", "target/runtime-dependencies.txt"));
        assertTrue(Files.isRegularFile(zipPath), "layer zip not built: " + zipPath);
        assertTrue(Files.isRegularFile(listPath), "dependency list not written: " + listPath);

        entries = new ArrayList<>();
        long unzipped = 0;
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                entries.add(entry.getName());
                unzipped += Math.max(0, entry.getSize());
            }
        }
        expectedJars = new TreeSet<>();
        for (String line : Files.readAllLines(listPath)) {
            Matcher m = LISTED.matcher(line);
            if (m.matches()) {
                String classifier = m.group(4) == null ? "" : "-" + m.group(4);
                expectedJars.add("java/lib/" + m.group(2) + "-" + m.group(5) + classifier + "." + m.group(3));
            }
        }
        String sizes = String.format("layer zip %s: %,d bytes zipped, %,d bytes unzipped, %d jars%n",
                zipPath.getFileName(), Files.size(zipPath), unzipped, jars().size());
        System.out.print(sizes);
        Files.writeString(zipPath.resolveSibling("layer-size.txt"), sizes);
    }

    private static TreeSet<String> jars() {
        TreeSet<String> jars = new TreeSet<>();
        for (String name : entries) {
            if (name.endsWith(".jar")) {
                jars.add(name);
            }
        }
        return jars;
    }

    @Test
    void holdsOnlyJarsUnderJavaLib() {
        for (String name : entries) {
            boolean allowed = name.equals("java/") || name.equals("java/lib/")
                    || (name.startsWith("java/lib/") && name.endsWith(".jar") && name.indexOf('/', 9) < 0);
            assertTrue(allowed, "unexpected entry in the layer zip: " + name);
        }
    }

    @Test
    void holdsExactlyTheLibraryAndItsRuntimeDependencies() {
        assertFalse(expectedJars.isEmpty(), "the dependency list was empty: its format may have changed");
        TreeSet<String> expected = new TreeSet<>(expectedJars);
        expected.add(libraryJar());
        assertEquals(expected, jars());
    }

    @Test
    void holdsWhatTheLibraryNeedsAtRunTime() {
        TreeSet<String> artifactIds = artifactIds();
        for (String needed : List.of("applog", "cloudwatchlogs", "url-connection-client", "aspectjrt",
                "jackson-databind", "aws-lambda-java-core")) {
            assertTrue(artifactIds.contains(needed), "the layer lacks " + needed + ": " + artifactIds);
        }
    }

    @Test
    void holdsNothingForTestsOrLocalToolsAndNoOtherHttpClient() {
        for (String artifactId : artifactIds()) {
            for (String banned : List.of("junit", "opentest4j", "apiguardian", "applog-local", "apache-client", "apache5-client", "httpclient",
                    "netty-nio-client", "aws-crt-client", "aspectjtools", "aspectjweaver")) {
                if (artifactId.startsWith(banned)) {
                    fail("the layer must not ship " + artifactId);
                }
            }
        }
    }

    @Test
    void holdsOneVersionOfEachJar() {
        Map<String, String> seen = new HashMap<>();
        for (String jar : jars()) {
            String artifactId = artifactIdOf(jar);
            String previous = seen.put(artifactId, jar);
            if (previous != null) {
                fail("two versions of " + artifactId + " in the layer: " + previous + " and " + jar);
            }
        }
    }

    private static String libraryJar() {
        return "java/lib/applog-" + System.getProperty("project.version", projectVersionFromJars()) + ".jar";
    }

    private static String projectVersionFromJars() {
        for (String jar : jars()) {
            String file = jar.substring("java/lib/".length());
            if (file.startsWith("applog-") && Character.isDigit(file.charAt("applog-".length()))) {
                return file.substring("applog-".length(), file.length() - ".jar".length());
            }
        }
        return "missing";
    }

    private static TreeSet<String> artifactIds() {
        TreeSet<String> ids = new TreeSet<>();
        for (String jar : jars()) {
            ids.add(artifactIdOf(jar));
        }
        return ids;
    }

    /** "java/lib/jackson-databind-2.23.0.jar" -> "jackson-databind": the name up to the first "-digit". */
    private static String artifactIdOf(String jar) {
        String file = jar.substring(jar.lastIndexOf('/') + 1, jar.length() - ".jar".length());
        Matcher m = Pattern.compile("-\\d").matcher(file);
        return m.find() ? file.substring(0, m.start()) : file;
    }
}
