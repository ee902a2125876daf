package dev.applog.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the built layer zips and checks them against what Maven resolved as the library's run-time
 * dependencies. Lambda adds /opt/java/lib/*.jar to the classpath after the function's own jars, so the
 * base zip must hold java/lib/applog-VERSION.jar (the library with every dependency relocated under
 * dev.applog.shaded, so nothing in it can clash with a function's own copies) and aspectjrt, and nothing
 * for tests or local tools; the add-on zip (applog-sdk-client-layer.zip) holds, relocated the same way, the
 * artifacts only the SDK's generated client needs ({@link #SDK_CLIENT_ONLY}), which the base leaves out.
 */
class LayerZipIT {

    /** A line of `dependency:list`: "   group:artifact:type[:classifier]:version:scope:/path/to.jar" (maybe "-- module x"). */
    private static final Pattern LISTED = Pattern.compile(
            "^\\s*([^:\\s]+):([^:\\s]+):([^:\\s]+)(?::([^:\\s]+))?:([^:\\s]+):(compile|runtime):(\\S+).*$");

    /** The layer pom's relocations, as class-file path prefixes. */
    private static final Map<String, String> RELOCATED = Map.of(
            "software/amazon/awssdk/", "dev/applog/shaded/awssdk/",
            "com/fasterxml/jackson/", "dev/applog/shaded/jackson/",
            "org/reactivestreams/", "dev/applog/shaded/reactivestreams/",
            "org/slf4j/", "dev/applog/shaded/slf4j/",
            "io/burt/jmespath/", "dev/applog/shaded/jmespath/",
            "dev/applog/", "dev/applog/");

    /**
     * Supplied outside the relocated jar: aspectjrt, the SLF4J provider and org-crac (whose real names SnapStart's
     * runtime calls) as jars of their own, aws-lambda-java-core by Lambda's runtime.
     */
    private static final List<String> NOT_RELOCATED = List.of("org.aspectj:aspectjrt", "com.amazonaws:aws-lambda-java-core",
            "dev.applog:applog-slf4j", "io.github.crac:org-crac");

    /** The artifacts only APPLOG_TRANSPORT=sdk needs: in the add-on's jar, not in the base's (layer/pom.xml). */
    static final List<String> SDK_CLIENT_ONLY = List.of("software.amazon.awssdk:cloudwatchlogs",
            "software.amazon.awssdk:aws-core", "software.amazon.awssdk:aws-json-protocol",
            "software.amazon.awssdk:protocol-core", "software.amazon.awssdk:utils-lite");

    /** The issue's goal for the base layer: at most 5 MB zipped. */
    static final long BASE_LAYER_LIMIT = 5_000_000;

    private static String version;
    private static List<String> zipEntries;
    /** "group:artifact" -> version, of the run-time dependencies Maven resolved for the layer. */
    private static Map<String, String> resolved;
    /** "group:artifact" -> the resolved jar. */
    private static Map<String, Path> resolvedJars;
    /** Entry names inside java/lib/applog-VERSION.jar, and their contents for the small text files. */
    private static List<String> libraryEntries;
    private static Map<String, String> libraryTextFiles;
    /** Entry names inside the add-on's java/lib/applog-sdk-client-VERSION.jar, and the add-on zip's own entries. */
    private static List<String> addOnEntries;
    private static List<String> addOnZipEntries;
    /** Compression methods of the entries of the two relocated jars. */
    private static TreeSet<Integer> innerMethods;

    @BeforeAll
    static void readZipAndDependencyList() throws IOException {
        version = System.getProperty("project.version");
        Path zipPath = Path.of(System.getProperty("layer.zip", "target/applog-layer.zip"));
        Path listPath = Path.of(System.getProperty("layer.dependencies", "target/runtime-dependencies.txt"));
        assertTrue(version != null && !version.isEmpty(), "the build passes project.version to this test");
        assertTrue(Files.isRegularFile(zipPath), "layer zip not built: " + zipPath);
        assertTrue(Files.isRegularFile(listPath), "dependency list not written: " + listPath);

        resolved = new LinkedHashMap<>();
        resolvedJars = new LinkedHashMap<>();
        for (String line : Files.readAllLines(listPath)) {
            Matcher m = LISTED.matcher(line);
            if (m.matches()) {
                resolved.put(m.group(1) + ":" + m.group(2), m.group(5));
                resolvedJars.put(m.group(1) + ":" + m.group(2), Path.of(m.group(7)));
            }
        }

        zipEntries = new ArrayList<>();
        innerMethods = new TreeSet<>();
        libraryEntries = new ArrayList<>();
        libraryTextFiles = new LinkedHashMap<>();
        long unzipped = 0;
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                zipEntries.add(entry.getName());
                unzipped += Math.max(0, entry.getSize());
                if (entry.getName().equals(libraryJar())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        readLibraryJar(in.readAllBytes());
                    }
                }
            }
        }
        Path addOnPath = addOnZip();
        assertTrue(Files.isRegularFile(addOnPath), "add-on layer zip not built: " + addOnPath);
        addOnEntries = new ArrayList<>();
        addOnZipEntries = new ArrayList<>();
        long addOnUnzipped = 0;
        try (ZipFile zip = new ZipFile(addOnPath.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                addOnZipEntries.add(entry.getName());
                addOnUnzipped += Math.max(0, entry.getSize());
                if (entry.getName().equals(addOnJar())) {
                    try (ZipInputStream in = new ZipInputStream(zip.getInputStream(entry))) {
                        for (ZipEntry inner; (inner = in.getNextEntry()) != null; ) {
                            addOnEntries.add(inner.getName());
                            innerMethods.add(inner.getMethod());
                        }
                    }
                }
            }
        }
        String sizes = String.format("layer zip %s: %,d bytes zipped, %,d bytes unzipped%n"
                        + "add-on layer zip %s: %,d bytes zipped, %,d bytes unzipped%n",
                zipPath.getFileName(), Files.size(zipPath), unzipped,
                addOnPath.getFileName(), Files.size(addOnPath), addOnUnzipped);
        System.out.print(sizes);
        Files.writeString(zipPath.resolveSibling("layer-size.txt"), sizes);
        zippedBytes = Files.size(zipPath);
        unzippedBytes = unzipped;
        addOnZippedBytes = Files.size(addOnPath);
        addOnUnzippedBytes = addOnUnzipped;
    }

    private static long zippedBytes;
    private static long unzippedBytes;
    private static long addOnZippedBytes;
    private static long addOnUnzippedBytes;

    private static Path addOnZip() {
        return Path.of(System.getProperty("layer.addon.zip", "target/applog-sdk-client-layer.zip"));
    }

    private static String addOnJar() {
        return "java/lib/applog-sdk-client-" + version + ".jar";
    }

    @Test
    void theBaseLayerIsAtMostFiveMegabytesZipped() {
        assertTrue(zippedBytes <= BASE_LAYER_LIMIT, String.format("the base layer zip has %,d bytes, over the goal's"
                + " %,d: find what the light transport never loads (a class-load log, -Xlog:class+load) and move it to"
                + " the add-on (layer/pom.xml, sdk.client.only)", zippedBytes, BASE_LAYER_LIMIT));
    }

    /**
     * Both relocated jars store their entries uncompressed: the zip around them then compresses each jar as one
     * stream, which is what keeps the base under its limit (layer/pom.xml says why).
     */
    @Test
    void theRelocatedJarsAreStoredForTheZipToCompressWhole() {
        assertEquals(new TreeSet<>(List.of(ZipEntry.STORED)), innerMethods);
    }

    @Test
    void theAddOnZipHoldsOnlyItsRelocatedJar() {
        TreeSet<String> files = new TreeSet<>();
        for (String name : addOnZipEntries) {
            if (!name.endsWith("/")) {
                files.add(name);
            } else {
                assertTrue(name.equals("java/") || name.equals("java/lib/"), "unexpected folder in the add-on: " + name);
            }
        }
        assertEquals(new TreeSet<>(List.of(addOnJar())), files);
        List<String> outside = addOnEntries.stream()
                .filter(n -> n.endsWith(".class") && !n.startsWith("dev/applog/shaded/awssdk/")).toList();
        assertTrue(outside.isEmpty(), "the add-on holds only the relocated SDK's classes: " + outside);
        assertTrue(addOnEntries.contains("dev/applog/shaded/awssdk/services/cloudwatchlogs/CloudWatchLogsClient.class"),
                "the add-on must hold the SDK's client");
    }

    /**
     * What a Java layer has on the class path is the union of every attached layer's java/lib: a class in both jars
     * would be loaded from whichever comes first; a service file in the base naming an add-on class would make
     * ServiceLoader fail without the add-on.
     */
    @Test
    void noClassIsInBothJarsAndTheBasesServiceFilesNameOnlyItsOwnClasses() {
        TreeSet<String> both = new TreeSet<>(libraryEntries);
        both.retainAll(new TreeSet<>(addOnEntries));
        both.removeIf(n -> n.endsWith("/") || n.equals("META-INF/MANIFEST.MF"));
        assertTrue(both.isEmpty(), "in both jars: " + both);
        TreeSet<String> baseClasses = new TreeSet<>(libraryEntries);
        for (Map.Entry<String, String> file : libraryTextFiles.entrySet()) {
            if (!file.getKey().startsWith("META-INF/services/") || file.getKey().endsWith("/")) {
                continue;
            }
            for (String line : file.getValue().split("\n")) {
                String provider = line.replaceAll("#.*", "").trim();
                assertTrue(provider.isEmpty() || baseClasses.contains(provider.replace('.', '/') + ".class"),
                        file.getKey() + " in the base names " + provider + ", which is not in the base's jar");
            }
        }
    }

    @Test
    void theReadmesAddOnSizeIsWithinItsStatedMarginOfTheBuiltOne() throws IOException {
        String text = Files.readString(Path.of(System.getProperty("readme", "../README.md")));
        Matcher size = Pattern.compile("Add-on size: ([\\d,]+) bytes zipped, ([\\d,]+) bytes unzipped").matcher(text);
        assertTrue(size.find(), "README.md states the add-on's size as 'Add-on size: N bytes zipped, M bytes unzipped'");
        long readmeZipped = Long.parseLong(size.group(1).replace(",", ""));
        long readmeUnzipped = Long.parseLong(size.group(2).replace(",", ""));
        String update = String.format("README.md says %,d bytes zipped and %,d unzipped for the add-on; the build made"
                + " %,d and %,d (target/layer-size.txt): update the README's figures", readmeZipped, readmeUnzipped,
                addOnZippedBytes, addOnUnzippedBytes);
        assertTrue(Math.abs(readmeZipped - addOnZippedBytes) <= README_SIZE_MARGIN * addOnZippedBytes, update);
        assertTrue(Math.abs(readmeUnzipped - addOnUnzippedBytes) <= README_SIZE_MARGIN * addOnUnzippedBytes, update);
    }

    /** How far the README's layer size may drift from the built one before this test asks for an update. */
    static final double README_SIZE_MARGIN = 0.10;

    @Test
    void theReadmesLayerSizeIsWithinItsStatedMarginOfTheBuiltOne() throws IOException {
        Path readme = Path.of(System.getProperty("readme", "../README.md"));
        String text = Files.readString(readme);
        Matcher size = Pattern.compile("Size: ([\\d,]+) bytes zipped, ([\\d,]+) bytes unzipped").matcher(text);
        assertTrue(size.find(), "README.md states the layer's size as 'Size: N bytes zipped, M bytes unzipped'");
        assertTrue(text.contains("within " + Math.round(README_SIZE_MARGIN * 100) + "%"),
                "README.md states the margin this test allows");
        long readmeZipped = Long.parseLong(size.group(1).replace(",", ""));
        long readmeUnzipped = Long.parseLong(size.group(2).replace(",", ""));
        String update = String.format("README.md says %,d bytes zipped and %,d unzipped; the build made %,d and %,d "
                + "(target/layer-size.txt): update the README's figures", readmeZipped, readmeUnzipped, zippedBytes,
                unzippedBytes);
        assertTrue(Math.abs(readmeZipped - zippedBytes) <= README_SIZE_MARGIN * zippedBytes, update);
        assertTrue(Math.abs(readmeUnzipped - unzippedBytes) <= README_SIZE_MARGIN * unzippedBytes, update);
    }

    private static void readLibraryJar(byte[] jar) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                libraryEntries.add(entry.getName());
                innerMethods.add(entry.getMethod());
                String name = entry.getName();
                if (name.endsWith("pom.properties") || name.startsWith("META-INF/services/")
                        || name.equals("META-INF/applog/layer.properties")) {
                    libraryTextFiles.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static String libraryJar() {
        return "java/lib/applog-" + version + ".jar";
    }

    @Test
    void holdsTheRelocatedLibraryAndAspectjrtUnderJavaLibAndNothingElse() {
        TreeSet<String> files = new TreeSet<>();
        for (String name : zipEntries) {
            if (!name.endsWith("/")) {
                files.add(name);
            } else {
                assertTrue(name.equals("java/") || name.equals("java/lib/"), "unexpected folder in the zip: " + name);
            }
        }
        String aspectjrt = "java/lib/aspectjrt-" + resolved.get("org.aspectj:aspectjrt") + ".jar";
        String provider = "java/lib/applog-slf4j-" + version + ".jar";
        String slf4jApi = "java/lib/slf4j-api-" + System.getProperty("layer.slf4j.version") + ".jar";
        String crac = "java/lib/org-crac-" + resolved.get("io.github.crac:org-crac") + ".jar";
        assertEquals(new TreeSet<>(List.of(libraryJar(), aspectjrt, provider, slf4jApi, crac)), files);
    }

    /**
     * The SLF4J provider keeps the real org.slf4j names (the function's slf4j-api finds it by them) and registers
     * itself for ServiceLoader; slf4j-api 2 beside it is the real one too. The relocated jar registers no provider
     * under the real name: the library's own SDK logs only to its relocated slf4j-nop.
     */
    @Test
    void theSlf4jProviderAndApiAreUnrelocatedAndTheLibrarysOwnSlf4jIsNot() throws IOException {
        Path zipPath = Path.of(System.getProperty("layer.zip", "target/applog-layer.zip"));
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            ZipEntry provider = zip.getEntry("java/lib/applog-slf4j-" + version + ".jar");
            assertTrue(provider != null, "no provider jar");
            Map<String, String> services = new LinkedHashMap<>();
            List<String> classes = new ArrayList<>();
            try (ZipInputStream in = new ZipInputStream(zip.getInputStream(provider))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    if (entry.getName().startsWith("META-INF/services/") && !entry.isDirectory()) {
                        services.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
                    } else if (entry.getName().endsWith(".class")) {
                        classes.add(entry.getName());
                    }
                }
            }
            assertEquals(Map.of("META-INF/services/org.slf4j.spi.SLF4JServiceProvider",
                    "dev.applog.slf4j.AppLogServiceProvider"), services);
            assertTrue(classes.stream().allMatch(c -> c.startsWith("dev/applog/slf4j/")), classes.toString());
            ZipEntry api = zip.getEntry("java/lib/slf4j-api-" + System.getProperty("layer.slf4j.version") + ".jar");
            assertTrue(api != null, "no slf4j-api jar");
            boolean spi = false;
            try (ZipInputStream in = new ZipInputStream(zip.getInputStream(api))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    spi |= entry.getName().equals("org/slf4j/spi/SLF4JServiceProvider.class");
                }
            }
            assertTrue(spi, "slf4j-api 2 with its ServiceLoader interface");
        }
        assertFalse(libraryTextFiles.containsKey("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"),
                "the relocated jar must not register a provider under the real SLF4J name");
        assertTrue(libraryEntries.contains("dev/applog/shaded/slf4j/impl/StaticLoggerBinder.class"),
                "the relocated SDK's SLF4J 1.7 binds to the relocated slf4j-nop");
    }

    /**
     * Every class of every run-time dependency is in one of the two relocated jars: the artifacts only the SDK's client
     * needs in the add-on's and nowhere in the base's, every other one in the base's.
     */
    @Test
    void relocatedJarHoldsEveryClassOfEveryResolvedRuntimeDependency() throws IOException {
        assertFalse(resolved.isEmpty(), "the dependency list was empty: its format may have changed");
        assertTrue(resolved.keySet().containsAll(SDK_CLIENT_ONLY), "list: " + resolved.keySet());
        TreeSet<String> inBase = new TreeSet<>(libraryEntries);
        TreeSet<String> inAddOn = new TreeSet<>(addOnEntries);
        for (Map.Entry<String, Path> dependency : resolvedJars.entrySet()) {
            if (NOT_RELOCATED.contains(dependency.getKey())) {
                continue;
            }
            int classes = 0;
            try (ZipFile jar = new ZipFile(dependency.getValue().toFile())) {
                for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                        continue;
                    }
                    String relocated = relocate(name);
                    assertTrue(relocated != null, dependency.getKey() + " has " + name
                            + ", which no relocation covers: add one to layer/pom.xml");
                    boolean addOn = SDK_CLIENT_ONLY.contains(dependency.getKey());
                    assertTrue((addOn ? inAddOn : inBase).contains(relocated), dependency.getKey() + ": " + relocated
                            + " missing from " + (addOn ? addOnJar() : libraryJar()));
                    assertFalse((addOn ? inBase : inAddOn).contains(relocated), dependency.getKey() + ": " + relocated
                            + " must not be in " + (addOn ? libraryJar() : addOnJar()));
                    classes++;
                }
            }
            assertTrue(classes > 0 || dependency.getKey().startsWith("dev.applog:"),
                    dependency.getKey() + " has no classes: " + dependency.getValue());
        }
    }

    private static String relocate(String classFile) {
        for (Map.Entry<String, String> rule : RELOCATED.entrySet()) {
            if (classFile.startsWith(rule.getKey())) {
                return rule.getValue() + classFile.substring(rule.getKey().length());
            }
        }
        return null;
    }

    @Test
    void relocatedJarHasNoClassOutsideTheLibrarysOwnPackages() {
        List<String> outside = new ArrayList<>();
        for (String name : libraryEntries) {
            if (name.endsWith(".class") && !name.startsWith("dev/applog/")) {
                outside.add(name);
            }
        }
        assertTrue(outside.isEmpty(), "classes that could clash with a function's own jars: "
                + outside.subList(0, Math.min(10, outside.size())));
        for (String required : List.of("dev/applog/AppLogger.class",
                "dev/applog/shaded/awssdk/http/auth/aws/signer/AwsV4HttpSigner.class",
                "dev/applog/shaded/awssdk/auth/credentials/DefaultCredentialsProvider.class",
                "dev/applog/shaded/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                "dev/applog/shaded/jackson/databind/ObjectMapper.class",
                "dev/applog/shaded/slf4j/impl/StaticLoggerBinder.class",
                "dev/applog/shaded/jmespath/jackson/JacksonRuntime.class")) {
            assertTrue(libraryEntries.contains(required), "missing from the relocated jar: " + required);
        }
    }

    @Test
    void serviceFilesNameOnlyRelocatedClasses() {
        int serviceFiles = 0;
        for (Map.Entry<String, String> file : libraryTextFiles.entrySet()) {
            if (!file.getKey().startsWith("META-INF/services/") || file.getKey().endsWith("/")) {
                continue;
            }
            serviceFiles++;
            assertTrue(file.getKey().startsWith("META-INF/services/dev.applog."), "service not relocated: " + file.getKey());
            for (String line : file.getValue().split("\n")) {
                String provider = line.replaceAll("#.*", "").trim();
                assertTrue(provider.isEmpty() || provider.startsWith("dev.applog."),
                        file.getKey() + " names an unrelocated provider: " + provider);
            }
        }
        assertTrue(serviceFiles > 0, "the SDK's HTTP client is found through a service file: none found");
    }

    @Test
    void holdsNothingForTestsOrLocalToolsAndNoOtherHttpClient() {
        for (String name : libraryEntries) {
            for (String banned : List.of("org/junit/", "dev/applog/local/", "dev/applog/shaded/awssdk/http/apache",
                    "dev/applog/shaded/awssdk/http/nio/", "org/apache/", "org/aspectj/", "com/amazonaws/", "org/crac/")) {
                assertFalse(name.startsWith(banned), "the relocated jar must not hold " + name);
            }
        }
    }

    @Test
    void namesItsVersion() {
        String properties = libraryTextFiles.get("META-INF/applog/layer.properties");
        assertTrue(properties != null && properties.contains("applog.version=" + version), String.valueOf(properties));
    }
}
