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
                LocalLambda lambda = LocalLambda.builder().function(function).logsEndpoint(logs.endpoint())
                        .workDirectory(PROJECT.getParent().resolveSibling("work")).start()) {
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
