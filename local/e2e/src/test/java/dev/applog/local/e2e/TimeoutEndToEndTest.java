package dev.applog.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A function that overruns its timeout is killed at the deadline, reported as Lambda reports a timeout, and
 * every event it logged before the watchdog's margin is in the stream: the library's watchdog sent them
 * while the JVM still ran. The next invocation starts a fresh JVM.
 */
class TimeoutEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eventsLoggedBeforeTheMarginSurviveTheKillAtTheDeadline() throws Exception {
        try (LocalLogsServer logs = LocalLogsServer.start();
                LocalLambda lambda = LocalLambda.builder()
                        .function(ShopFunctions.function("Overrun", Map.of("APP_GROUP", "/app/overrun",
                                "APP_STREAM", "overrun")).withTimeoutSeconds(2))
                        .logsEndpoint(logs.endpoint()).workDirectory(ShopFunctions.ROOT.resolve("work")).start()) {
            // a first, quick invocation: the JVM and its SDK client are warm, as in most of a function's life
            InvocationResult warm = lambda.invoke("Overrun", "{\"count\":1,\"overrun\":false,\"correlationId\":\"warm\"}");
            assertEquals("\"done\"", warm.payloadText());
            InvocationResult timedOut = lambda.invoke("Overrun", "{\"count\":4,\"correlationId\":\"late-1\"}");
            assertEquals(warm.pid(), timedOut.pid());
            assertEquals("Unhandled", timedOut.functionError());
            JsonNode error = JSON.readTree(timedOut.payloadText());
            assertTrue(error.at("/errorMessage").asText().endsWith(" " + timedOut.requestId()
                    + " Task timed out after 2.00 seconds"), timedOut.payloadText());
            assertFalse(ProcessHandle.of(timedOut.pid()).map(ProcessHandle::isAlive).orElse(false), "killed");

            List<String> printed = lambda.output("Overrun").stream()
                    .filter(line -> line.text().startsWith("shop logged: step") && line.text().endsWith(" of 4 before the deadline"))
                    .map(line -> line.text().substring("shop logged: ".length())).toList();
            assertEquals(4, printed.size(), lambda.output("Overrun").toString());
            List<String> stored = new ArrayList<>();
            for (StoredEvent event : logs.events("/app/overrun", "overrun")) {
                JsonNode json = JSON.readTree(event.message());
                if (json.path("correlation_id").asText().equals("warm")) {
                    continue;
                }
                assertEquals("late-1", json.path("correlation_id").asText(), event.message());
                assertEquals(timedOut.requestId(), json.path("function_request_id").asText());
                stored.add(json.path("message").asText());
            }
            assertEquals(printed, stored, () -> "every event logged before the margin is stored, in order; output: "
                    + lambda.output("Overrun"));

            InvocationResult next = lambda.invoke("Overrun", "{\"count\":1}");
            assertTrue(next.coldStart(), "the JVM was killed: the next invocation starts a new one");
            assertEquals("Unhandled", next.functionError());
        }
    }

    /**
     * A cold JVM whose first invocation overruns: its first flush also pays for the SDK client's start, so the
     * watchdog's margin is larger on a cold start. Every event logged before it is stored, or at worst on the
     * function's stdout as fallback (which Lambda keeps): none is lost.
     */
    @Test
    void aColdJvmWhoseFirstInvocationOverrunsLosesNothing() throws Exception {
        try (LocalLogsServer logs = LocalLogsServer.start();
                LocalLambda lambda = LocalLambda.builder()
                        .function(ShopFunctions.function("Overrun", Map.of("APP_GROUP", "/app/overrun-cold",
                                "APP_STREAM", "overrun")).withTimeoutSeconds(2))
                        .logsEndpoint(logs.endpoint()).workDirectory(ShopFunctions.ROOT.resolve("work-cold")).start()) {
            InvocationResult timedOut = lambda.invoke("Overrun", "{\"count\":3,\"correlationId\":\"cold-1\"}");
            assertTrue(timedOut.coldStart(), "the first invocation starts the JVM");
            assertEquals("Unhandled", timedOut.functionError(), timedOut.payloadText());

            List<String> kept = new ArrayList<>();
            for (StoredEvent event : logs.events("/app/overrun-cold", "overrun")) {
                kept.add(JSON.readTree(event.message()).path("message").asText());
            }
            for (var line : lambda.output("Overrun")) {
                if (line.text().startsWith("{\"applog\":\"fallback\"")) {
                    kept.add(JSON.readTree(JSON.readTree(line.text()).path("message").asText()).path("message").asText());
                }
            }
            for (int i = 1; i <= 3; i++) {
                String message = "step " + i + " of 3 before the deadline";
                assertTrue(kept.contains(message), () -> message + " was lost; stored or fallback: " + kept
                        + "; output: " + lambda.output("Overrun"));
            }
        }
    }
}
