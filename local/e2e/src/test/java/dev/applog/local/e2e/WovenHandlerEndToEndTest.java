package dev.applog.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.ProcessState;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample's woven {@code @AppLogging} handler, from examples/target/shop-functions.jar, with the layer
 * zip, in the local Lambda: its events, with Lambda's context in the JSON keys, are stored once its invocation
 * has ended. In the default delivery (after the response) that is after the answer, before the freeze: the local
 * Lambda here returns each invocation only once its environment has settled.
 */
class WovenHandlerEndToEndTest {

    static final Path EXAMPLES_JAR = Path.of(System.getProperty("applog.examples.jar",
            "../../examples/target/shop-functions.jar")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theWovenHandlersEventsAreInTheStreamOnceItsInvocationHasEnded() throws Exception {
        assertTrue(Files.isRegularFile(EXAMPLES_JAR), EXAMPLES_JAR + " is built by the root build before this module");
        FunctionConfig orders = new FunctionConfig("OrderFunction", "OrderFunction",
                "dev.applog.examples.shop.OrderHandler::handleRequest", EXAMPLES_JAR, List.of(ShopFunctions.LAYER_ZIP),
                Map.of("APP_LOG_GROUP", "/app/shop"), 10, 512, "java21");
        String stream = "shop-" + LocalDate.now(ZoneOffset.UTC);
        try (LocalLogsServer logs = LocalLogsServer.start();
                LocalLambda lambda = LocalLambda.builder().function(orders).logsEndpoint(logs.endpoint())
                        .awaitExtensions(true).workDirectory(ShopFunctions.ROOT.resolve("work")).start()) {
            for (int i = 1; i <= 2; i++) {
                // an order without items: the handler answers alone (the shop's others are ApplicationEndToEndTest's)
                InvocationResult result = lambda.invoke("OrderFunction", "{\"orderId\":\"o-" + i + "\",\"customer\":"
                        + "\"ada\",\"items\":[],\"correlationId\":\"corr-" + i + "\"}");
                assertNull(result.functionError(), result.payloadText());
                assertEquals("REJECTED", JSON.readTree(result.payloadText()).path("status").asText(),
                        result.payloadText());
                assertEquals('T', ProcessState.of(result.pid()));
                List<JsonNode> events = new java.util.ArrayList<>();
                for (StoredEvent event : logs.events("/app/shop", stream)) {
                    JsonNode json = JSON.readTree(event.message());
                    if (json.path("correlation_id").asText().equals("corr-" + i)) {
                        events.add(json);
                    }
                }
                assertEquals(2, events.size(), logs.events("/app/shop", stream).toString());
                for (JsonNode event : events) {
                    assertEquals("OrderFunction", event.path("function_name").asText());
                    assertEquals(result.requestId(), event.path("function_request_id").asText());
                    assertEquals(i == 1, event.path("cold_start").asBoolean(), event.toString());
                }
                assertEquals("INFO", events.get(0).path("level").asText());
                assertEquals("WARNING", events.get(1).path("level").asText());
                assertEquals("order o-" + i + " rejected: no items", events.get(1).path("message").asText());
            }
        }
    }
}
