package dev.applog.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.OutputLine;
import dev.applog.local.lambda.ProcessState;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three functions that log through the real library from the layer zip, each in its own JVM on the Lambda
 * runtime interface client, the entry one calling the other two through the local Invoke API: every event
 * each function logged is in the one application stream, joined by the request's correlation id, already
 * when the invocation answers (the JVMs are frozen then), and still all there once the JVMs are killed.
 */
class SharedStreamEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "/app/shop";

    private record Logged(String function, String message) {}

    @Test
    void everyEventOfEveryFunctionIsInTheOneStreamWhenEachInvocationAnswers() throws Exception {
        String stream = "shop-" + LocalDate.now(ZoneOffset.UTC);
        Map<String, String> environment = Map.of("APP_GROUP", GROUP, "APP_STREAM", "shop-{date}",
                "PAYMENT_FUNCTION", "Payments", "INVENTORY_FUNCTION", "Inventory");
        List<Logged> stored;
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            try (LocalLambda lambda = LocalLambda.builder()
                    .function(ShopFunctions.function("Orders", environment))
                    .function(ShopFunctions.function("Payments", environment))
                    .function(ShopFunctions.function("Inventory", environment))
                    .logsEndpoint(logs.endpoint()).workDirectory(ShopFunctions.ROOT.resolve("work")).start()) {
                int requests = 3;
                for (int i = 1; i <= requests; i++) {
                    String correlationId = "order-" + i;
                    InvocationResult result = lambda.invoke("Orders", "{\"correlationId\":\"" + correlationId
                            + "\",\"count\":" + (i + 1) + ",\"item\":\"book " + i + "\"}");
                    assertNull(result.functionError(), result.payloadText());
                    assertEquals("\"order " + correlationId + " done\"", result.payloadText());

                    // every JVM is frozen now, and the stream already holds this request's events
                    for (String function : List.of("Orders", "Payments", "Inventory")) {
                        for (long pid : lambda.pids(function)) {
                            assertEquals('T', ProcessState.of(pid), function + " is frozen");
                        }
                    }
                    List<Logged> events = events(logs, stream, correlationId);
                    assertEquals(3, events.stream().filter(e -> e.function().equals("Orders")).count(), events.toString());
                    assertEquals(i + 1, events.stream().filter(e -> e.function().equals("Payments")).count());
                    assertEquals(i + 1, events.stream().filter(e -> e.function().equals("Inventory")).count());
                    assertEquals(1, lambda.pids("Orders").size(), "one request at a time: one JVM per function");
                }
                stored = events(logs, stream, null);
                List<Logged> printed = printed(lambda.output());
                assertEquals(sorted(printed), sorted(stored), "what the functions logged is what the stream holds");
                assertEquals(3 * 3 + 2 * (2 + 3 + 4), stored.size());
            }
            // the JVMs are killed now: nothing was left behind in a buffer, nothing arrives late
            assertEquals(sorted(stored), sorted(events(logs, stream, null)));
        }
    }

    private static List<Logged> events(LocalLogsServer logs, String stream, String correlationId) throws IOException {
        List<Logged> events = new ArrayList<>();
        for (StoredEvent event : logs.events(GROUP, stream)) {
            JsonNode json = JSON.readTree(event.message());
            if (correlationId == null || correlationId.equals(json.path("correlation_id").asText())) {
                assertTrue(json.path("correlation_id").asText().startsWith("order-"), event.message());
                events.add(new Logged(json.path("function_name").asText(), json.path("message").asText()));
            }
        }
        return events;
    }

    private static List<Logged> printed(List<OutputLine> output) {
        String marker = "shop logged: ";
        return output.stream().filter(line -> !line.stderr() && line.text().startsWith(marker))
                .map(line -> new Logged(line.function(), line.text().substring(marker.length()))).toList();
    }

    private static List<Logged> sorted(List<Logged> events) {
        return events.stream().sorted((a, b) -> (a.function() + a.message()).compareTo(b.function() + b.message()))
                .toList();
    }
}
