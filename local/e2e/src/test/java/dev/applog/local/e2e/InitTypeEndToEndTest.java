package dev.applog.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample's woven handler with the layer, its init phase run ahead: under provisioned concurrency and SnapStart
 * (the local Lambda's snap-start mode, the runtime interface client running the library's org.crac hooks) its first
 * invocation says {@code cold_start: false} and its {@code init_type}; under SnapStart nothing is sent with the
 * credentials of the snapshot, every request after the restore is signed with the restored environment's.
 */
class InitTypeEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> run(String initType, LocalLogsServer logs, String work) throws Exception {
        return run(initType, logs, work, Map.of("APP_LOG_GROUP", "/app/shop"));
    }

    private static List<JsonNode> run(String initType, LocalLogsServer logs, String work, Map<String, String> variables)
            throws Exception {
        assertTrue(Files.isRegularFile(WovenHandlerEndToEndTest.EXAMPLES_JAR));
        FunctionConfig orders = new FunctionConfig("OrderFunction", "OrderFunction",
                "dev.applog.examples.shop.OrderHandler::handleRequest", WovenHandlerEndToEndTest.EXAMPLES_JAR,
                List.of(ShopFunctions.LAYER_ZIP), variables, 10, 512, "java21");
        // the invocation's whole effect: the events are stored after the response by default (after-response)
        try (LocalLambda lambda = LocalLambda.builder().function(orders).logsEndpoint(logs.endpoint())
                .initType(initType).awaitExtensions(true).workDirectory(ShopFunctions.ROOT.resolve(work)).start()) {
            assertNotNull(lambda.initAhead("OrderFunction"));
            InvocationResult result = lambda.invoke("OrderFunction",
                    "{\"orderId\":\"o-1\",\"customer\":\"ada\",\"items\":[],\"correlationId\":\"corr-1\"}");
            assertNull(result.functionError(), result.payloadText());
            assertNull(result.initDuration());
            List<JsonNode> events = new ArrayList<>();
            for (StoredEvent event : logs.events("/app/shop", "shop-" + LocalDate.now(ZoneOffset.UTC))) {
                events.add(JSON.readTree(event.message()));
            }
            assertEquals(2, events.size(), events.toString() + lambda.output("OrderFunction"));
            return events;
        }
    }

    @Test
    void provisionedConcurrencysFirstInvocationIsNoColdStartAndSaysItsInitType() throws Exception {
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            for (JsonNode event : run("provisioned-concurrency", logs, "work-provisioned")) {
                assertFalse(event.path("cold_start").asBoolean(true), event.toString());
                assertEquals("provisioned-concurrency", event.path("init_type").asText(), event.toString());
            }
        }
    }

    @Test
    void underSnapStartTheRestoredEnvironmentSignsWithItsOwnCredentialsAndNothingWithTheSnapshots() throws Exception {
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            for (JsonNode event : run("snap-start", logs, "work-snapstart")) {
                assertFalse(event.path("cold_start").asBoolean(true), event.toString());
                assertEquals("snap-start", event.path("init_type").asText(), event.toString());
            }
            List<String> keys = logs.accessKeyIds();
            assertFalse(keys.isEmpty());
            assertTrue(keys.stream().allMatch("ASIALOCALRESTORED"::equals), keys.toString());
        }
    }

    /**
     * The same with the SDK's client (`APPLOG_TRANSPORT=sdk`): its dry run before the checkpoint is signed with made-up
     * credentials, its client is closed before the checkpoint and built again after the restore, so every request is
     * signed with the restored environment's credentials and no connection of the snapshot is left.
     */
    @Test
    void underSnapStartTheSdkClientTransportSignsWithTheRestoredEnvironmentsCredentialsOnly() throws Exception {
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            for (JsonNode event : run("snap-start", logs, "work-snapstart-sdk",
                    Map.of("APP_LOG_GROUP", "/app/shop", "APPLOG_TRANSPORT", "sdk"))) {
                assertEquals("snap-start", event.path("init_type").asText(), event.toString());
            }
            List<String> keys = logs.accessKeyIds();
            assertFalse(keys.isEmpty());
            assertTrue(keys.stream().allMatch("ASIALOCALRESTORED"::equals), keys.toString());
        }
    }
}
