package dev.applog.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.OutputLine;
import dev.applog.local.lambda.ProcessState;
import dev.applog.local.logs.Fault;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code APPLOG_DELIVERY=after-response} with the real library in the local Lambda: the woven sample handler and
 * a handler wrapped with {@code LambdaLogging.wrap} register an internal extension in the init phase; the
 * response does not wait for CloudWatch Logs (here answering PutLogEvents after 2 s), and the environment is
 * frozen only once the events are stored. {@code APPLOG_DELIVERY} unset (the default) is the same, saying nothing;
 * under SAM CLI's local emulator ({@code AWS_SAM_LOCAL=true}) unset is before-return, silently. Beside them, the same
 * handler with {@code APPLOG_DELIVERY=before-return}.
 */
class AfterResponseEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SLOW = Duration.ofSeconds(2);
    private static final String FALLBACK_NOTICE = "needs Lambda's Extensions API";

    private static LocalLogsServer logs;
    private static LocalLambda lambda;
    private static final String STREAM = "shop-" + LocalDate.now(ZoneOffset.UTC);

    @BeforeAll
    static void start() throws Exception {
        logs = LocalLogsServer.start();
        lambda = LocalLambda.builder()
                .function(order("OrderAfter", "after-response"))
                .function(order("OrderBefore", "before-return"))
                .function(order("OrderDefault", null))
                .function(order("OrderSamLocal", null, Map.of("AWS_SAM_LOCAL", "true")))
                .function(ShopFunctions.function("Wrapped", Map.of("APP_GROUP", "/app/wrapped", "APP_STREAM", "wrapped",
                        "APPLOG_DELIVERY", "after-response")))
                .function(ShopFunctions.function("Late", Map.of("APP_GROUP", "/app/late", "APP_STREAM", "late",
                        "APPLOG_DELIVERY", "after-response")))
                .logsEndpoint(logs.endpoint()).maxEnvironmentsPerFunction(1)
                .workDirectory(ShopFunctions.ROOT.resolve("work-after-response")).start();
    }

    private static FunctionConfig order(String name, String delivery) {
        return order(name, delivery, Map.of());
    }

    /** The woven sample handler; {@code delivery} null leaves APPLOG_DELIVERY unset. */
    private static FunctionConfig order(String name, String delivery, Map<String, String> more) {
        Map<String, String> environment = new java.util.LinkedHashMap<>(more);
        environment.put("APP_LOG_GROUP", "/app/" + name);
        if (delivery != null) {
            environment.put("APPLOG_DELIVERY", delivery);
        }
        return new FunctionConfig(name, name, "dev.applog.examples.shop.OrderHandler::handleRequest",
                WovenHandlerEndToEndTest.EXAMPLES_JAR, List.of(ShopFunctions.LAYER_ZIP), environment, 10, 512, "java21");
    }

    @AfterEach
    void clear() {
        logs.clearFaults();
    }

    @AfterAll
    static void stop() {
        if (lambda != null) {
            lambda.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void afterResponseTheResponseDoesNotWaitForCloudWatchLogsAndTheEventsAreStoredBeforeTheFreeze() throws Exception {
        for (int i = 1; i <= 2; i++) {
            String correlation = "after-" + i;
            logs.failRepeatedly("PutLogEvents", List.of(Fault.delay(SLOW)), 0);
            InvocationResult result = lambda.invoke("OrderAfter", order(correlation));
            assertNull(result.functionError(), result.payloadText());
            assertEquals(List.of(), events("/app/OrderAfter", correlation), "answered before the events were stored");
            assertFalse(lambda.idle("OrderAfter"), "the extension holds the environment while it delivers");

            awaitIdle("OrderAfter");
            assertEquals(2, events("/app/OrderAfter", correlation).size(), lambda.output("OrderAfter").toString());
            assertEquals('T', ProcessState.of(result.pid()), "frozen once the events are stored");
            assertEquals(i == 1, result.coldStart());
        }
        assertTrue(lambda.output("OrderAfter").stream().noneMatch(line -> line.text().contains(FALLBACK_NOTICE)),
                lambda.output("OrderAfter").toString());
        assertTrue(lambda.output("OrderAfter").stream().noneMatch(line -> line.text().contains("\"level\":\"ERROR\"")
                || (line.text().contains("applog:") && !line.text().startsWith("applog: SLF4J provider"))),
                "nothing went to the fallback (the one line naming the SLF4J provider aside): " + lambda.output("OrderAfter"));
    }

    @Test
    void beforeReturnTheEventsAreStoredWhenTheResponseArrives() throws Exception {
        logs.failRepeatedly("PutLogEvents", List.of(Fault.delay(SLOW)), 0);
        InvocationResult result = lambda.invoke("OrderBefore", order("before-1"));
        assertNull(result.functionError(), result.payloadText());
        assertEquals(2, events("/app/OrderBefore", "before-1").size());
        assertEquals('T', ProcessState.of(result.pid()));
    }

    @Test
    void unsetTheDeliveryIsAfterTheResponseAndNothingIsSaid() throws Exception {
        for (int i = 1; i <= 2; i++) {
            String correlation = "default-" + i;
            logs.failRepeatedly("PutLogEvents", List.of(Fault.delay(SLOW)), 0);
            InvocationResult result = lambda.invoke("OrderDefault", order(correlation));
            assertNull(result.functionError(), result.payloadText());
            assertEquals(List.of(), events("/app/OrderDefault", correlation), "answered before the events were stored");
            assertFalse(lambda.idle("OrderDefault"), "the extension holds the environment while it delivers");

            awaitIdle("OrderDefault");
            assertEquals(2, events("/app/OrderDefault", correlation).size(), lambda.output("OrderDefault").toString());
            assertEquals('T', ProcessState.of(result.pid()), "frozen once the events are stored");
            assertEquals(i == 1, result.coldStart());
        }
        assertTrue(lambda.output("OrderDefault").stream().noneMatch(line -> line.text().contains(FALLBACK_NOTICE)),
                lambda.output("OrderDefault").toString());
    }

    @Test
    void unsetUnderSamLocalTheDeliveryIsBeforeReturnAndNothingIsSaid() throws Exception {
        for (int i = 1; i <= 2; i++) {
            String correlation = "sam-" + i;
            logs.failRepeatedly("PutLogEvents", List.of(Fault.delay(SLOW)), 0);
            InvocationResult result = lambda.invoke("OrderSamLocal", order(correlation));
            assertNull(result.functionError(), result.payloadText());
            assertEquals(2, events("/app/OrderSamLocal", correlation).size(), "stored before the response: "
                    + lambda.output("OrderSamLocal"));
            assertEquals('T', ProcessState.of(result.pid()), "frozen as it answered: no extension holds it");
        }
        assertTrue(lambda.output("OrderSamLocal").stream().noneMatch(line -> line.text().contains(FALLBACK_NOTICE)),
                lambda.output("OrderSamLocal").toString());
    }

    @Test
    void theHandlerWrappedInTheInitPhaseRegistersToo() throws Exception {
        for (int n = 1; n <= 2; n++) {
            InvocationResult result = lambda.invoke("Wrapped", "{\"n\":" + n + ",\"count\":3}");
            assertEquals("\"ok\"", result.payloadText());
            awaitIdle("Wrapped");
            int each = n;
            List<String> stored = logs.events("/app/wrapped", "wrapped").stream().map(StoredEvent::message)
                    .filter(m -> m.contains("wrapped " + each + " ")).toList();
            assertEquals(3, stored.size(), stored + " " + lambda.output("Wrapped"));
            assertEquals('T', ProcessState.of(result.pid()));
        }
        assertTrue(lambda.output("Wrapped").stream().map(OutputLine::text).noneMatch(t -> t.contains(FALLBACK_NOTICE)),
                lambda.output("Wrapped").toString());
    }

    @Test
    void aRegistrationAfterTheInitPhaseIsRefusedAndDeliveryStaysBeforeReturnSayingSoOnce() throws Exception {
        for (int n = 1; n <= 2; n++) {
            logs.failRepeatedly("PutLogEvents", List.of(Fault.delay(SLOW)), 0);
            InvocationResult result = lambda.invoke("Late", "{\"n\":" + n + "}");
            assertEquals("\"ok\"", result.payloadText());
            int each = n;
            assertEquals(1, logs.events("/app/late", "late").stream().map(StoredEvent::message)
                    .filter(m -> m.endsWith("late " + each)).count(), "stored before the response");
        }
        List<String> notices = lambda.output("Late").stream().map(OutputLine::text)
                .filter(t -> t.contains(FALLBACK_NOTICE)).toList();
        assertEquals(1, notices.size(), lambda.output("Late").toString());
        assertTrue(notices.get(0).contains("refused the registration (HTTP 403"), notices.get(0));
    }

    private static String order(String correlation) {
        // an order without items: the handler answers alone, logging two events
        return "{\"orderId\":\"o-" + correlation + "\",\"customer\":\"ada\",\"items\":[],\"correlationId\":\""
                + correlation + "\"}";
    }

    private static List<JsonNode> events(String group, String correlation) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        if (!logs.streamExists(group, STREAM)) {
            return found;
        }
        for (StoredEvent event : logs.events(group, STREAM)) {
            JsonNode json = JSON.readTree(event.message());
            if (json.path("correlation_id").asText().equals(correlation)) {
                found.add(json);
            }
        }
        return found;
    }

    private static void awaitIdle(String function) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!lambda.idle(function)) {
            if (System.nanoTime() > until) {
                throw new AssertionError(function + " never settled: " + lambda.output(function));
            }
            Thread.sleep(5);
        }
    }
}
