package dev.applog.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.SamTemplate;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The project archetype:integration-test generated and built (`mvn verify`, its unit test included): its parts are
 * there, and the function it built, run through the local Lambda from its own template.yaml with the layer its
 * build copied, stores its events in the stream its annotation names.
 */
class GeneratedFunctionIT {

    private static final Path PROJECT = Path.of(System.getProperty("generated.project",
            "target/test-classes/projects/basic/project/my-function")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGeneratedProjectHasEveryPartAndItsUnitTestsRan() throws Exception {
        for (String part : List.of("pom.xml", "template.yaml", "events/event.json", "README.md",
                "src/main/java/com/example/fn/FunctionHandler.java",
                "src/test/java/com/example/fn/FunctionHandlerTest.java",
                "target/my-function.jar", "target/applog-layer.zip")) {
            assertTrue(Files.isRegularFile(PROJECT.resolve(part)), PROJECT.resolve(part) + " is missing");
        }
        String report = Files.readString(PROJECT.resolve("target/surefire-reports/TEST-com.example.fn.FunctionHandlerTest.xml"));
        assertTrue(report.contains("tests=\"2\"") && report.contains("failures=\"0\"") && report.contains("errors=\"0\"")
                && report.contains("skipped=\"0\""), report);
        assertTrue(report.contains("name=\"theHandlerIsWoven\""), report);
    }

    @Test
    void theBuiltFunctionLogsIntoItsStreamThroughTheLayer() throws Exception {
        SamTemplate template = SamTemplate.load(PROJECT.resolve("template.yaml"), Map.of(), "us-east-1", "my-function");
        FunctionConfig function = template.function("Function");
        String event = Files.readString(PROJECT.resolve("events/event.json"));
        String stream = "my-function-" + LocalDate.now(ZoneOffset.UTC);
        try (LocalLogsServer logs = LocalLogsServer.start();
                // each invocation's whole effect: by default the events are stored after the response
                LocalLambda lambda = LocalLambda.builder().function(function).logsEndpoint(logs.endpoint())
                        .awaitExtensions(true).workDirectory(PROJECT.getParent().resolveSibling("work")).start()) {
            InvocationResult result = lambda.invoke("Function", event);
            assertNull(result.functionError(), result.payloadText());
            assertEquals("\"Hello, ada!\"", result.payloadText());
            List<StoredEvent> stored = logs.events("/app/my-function", stream);
            assertEquals(1, stored.size(), stored.toString());
            JsonNode json = JSON.readTree(stored.get(0).message());
            assertEquals("greeting ada", json.path("message").asText(), json.toString());
            assertEquals("INFO", json.path("level").asText(), json.toString());
            assertEquals(result.requestId(), json.path("function_request_id").asText(), json.toString());
        }
    }

    /**
     * A compile dependency added to the generated project is in the jar its build makes (the deployment package),
     * so the function finds it in Lambda: a copy of the project whose handler uses Jackson (not in the layer, which
     * holds only a relocated copy), built offline with the outer build's Maven and the project's repository, run
     * through the local Lambda.
     */
    @Test
    void aCompileDependencyAddedToTheProjectIsInItsDeploymentPackage() throws Exception {
        Path copy = PROJECT.getParent().resolveSibling("with-dependency").resolve("my-function");
        copyWithoutTarget(PROJECT, copy);
        Path pom = copy.resolve("pom.xml");
        String dependencies = "  <dependencies>\n";
        String original = Files.readString(pom);
        assertTrue(original.contains(dependencies), original);
        Files.writeString(pom, original.replace(dependencies, dependencies + "    <dependency>\n"
                + "      <groupId>com.fasterxml.jackson.core</groupId>\n"
                + "      <artifactId>jackson-databind</artifactId>\n"
                + "      <version>" + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION + "</version>\n"
                + "    </dependency>\n"));
        Path handler = copy.resolve("src/main/java/com/example/fn/FunctionHandler.java");
        String logCall = "log.info(\"greeting \" + (name == null ? \"the world\" : name));";
        String source = Files.readString(handler);
        assertTrue(source.contains(logCall), source);
        Files.writeString(handler, source.replace(logCall,
                "log.info(\"greeting \" + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(event));"));

        Path maven = Path.of(System.getProperty("maven.home", ""), "bin", "mvn");
        assumeTrue(Files.isExecutable(maven), "no Maven at maven.home (" + maven + "): run this test through the build");
        // the settings the archetype plugin gave the generated project's build: what that build took from the outer
        // build's repository is recorded as from there, and an offline build finds it only through the same settings
        Path settings = copy.getParent().resolve("settings.xml");
        Files.writeString(settings, Files.readString(Path.of(System.getProperty("it.settings", "src/it/settings.xml")))
                .replace("@localRepositoryUrl@", Path.of(System.getProperty("outer.repository",
                        System.getProperty("user.home") + "/.m2/repository")).toUri().toString()));
        Process build = new ProcessBuilder(maven.toString(), "-B", "-o", "-q", "package", "-DskipTests",
                "-s", settings.toString(), "-Dmaven.repo.local=" + System.getProperty("it.repository", "target/it-repo"))
                .directory(copy.toFile()).redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(build.waitFor(5, TimeUnit.MINUTES), "the copy's build did not finish");
        assertEquals(0, build.exitValue(), output);

        SamTemplate template = SamTemplate.load(copy.resolve("template.yaml"), Map.of(), "us-east-1", "my-function");
        try (LocalLogsServer logs = LocalLogsServer.start();
                LocalLambda lambda = LocalLambda.builder().function(template.function("Function"))
                        .logsEndpoint(logs.endpoint()).awaitExtensions(true).workDirectory(copy.getParent().resolve("work"))
                        .start()) {
            InvocationResult result = lambda.invoke("Function", Files.readString(copy.resolve("events/event.json")));
            assertNull(result.functionError(), result.payloadText());
            List<StoredEvent> stored = logs.events("/app/my-function", "my-function-" + LocalDate.now(ZoneOffset.UTC));
            assertEquals(1, stored.size(), stored.toString());
            assertEquals("greeting {\"name\":\"ada\"}", JSON.readTree(stored.get(0).message()).path("message").asText());
        }
    }

    /** Copies the project's sources (everything but its build output) to {@code to}, emptied first. */
    private static void copyWithoutTarget(Path from, Path to) throws java.io.IOException {
        if (Files.exists(to)) {
            try (java.util.stream.Stream<Path> old = Files.walk(to)) {
                for (Path file : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** cfn-lint (it applies the SAM transform itself) finds nothing in the generated template.yaml. */
    @Test
    void theGeneratedTemplateIsLintClean() throws Exception {
        Path cfnLint = null;
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "cfn-lint"))) {
                cfnLint = Path.of(directory, "cfn-lint");
                break;
            }
        }
        assumeTrue(cfnLint != null, "cfn-lint is not on the PATH: the generated template.yaml not linted (pip install cfn-lint)");
        Process process = new ProcessBuilder(cfnLint.toString(), "template.yaml").directory(PROJECT.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "cfn-lint did not finish");
        assertEquals("", output, "cfn-lint reports on " + PROJECT.resolve("template.yaml"));
        assertEquals(0, process.exitValue());
    }
}
