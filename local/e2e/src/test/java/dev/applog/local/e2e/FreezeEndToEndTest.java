package dev.applog.local.e2e;

import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.ProcessState;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The freeze is real: a function that leaves its events to the logger's background sender (100 ms) instead
 * of purging before it answers gets none of them out while its JVM is frozen; they leave only once the next
 * invocation thaws it. This is why the handler must purge before returning.
 */
class FreezeEndToEndTest {

    @Test
    void aFrozenJvmSendsNothingUntilTheNextInvocationThawsIt() throws Exception {
        try (LocalLogsServer logs = LocalLogsServer.start();
                LocalLambda lambda = LocalLambda.builder()
                        .function(ShopFunctions.function("Lazy", Map.of("APP_GROUP", "/app/lazy", "APP_STREAM", "lazy")))
                        .logsEndpoint(logs.endpoint()).workDirectory(ShopFunctions.ROOT.resolve("work")).start()) {
            InvocationResult first = lambda.invoke("Lazy", "{\"n\":1}");
            assertEquals("\"ok\"", first.payloadText());
            assertEquals('T', ProcessState.of(first.pid()));
            // ten times the sender's age limit: a running JVM would have sent the event long ago
            Thread.sleep(1000);
            assertEquals('T', ProcessState.of(first.pid()));
            assertEquals(0, logs.requests("PutLogEvents"), "a frozen JVM sends nothing");

            InvocationResult second = lambda.invoke("Lazy", "{\"n\":2,\"purge\":true}");
            assertEquals(first.pid(), second.pid());
            List<String> messages = logs.events("/app/lazy", "lazy").stream().map(StoredEvent::message).toList();
            assertTrue(messages.stream().anyMatch(m -> m.endsWith("lazy 1")), messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.endsWith("lazy 2")), messages.toString());
        }
    }
}
