package dev.applog.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.SamTemplate;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
}
