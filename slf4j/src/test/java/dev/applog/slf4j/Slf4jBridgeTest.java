package dev.applog.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.applog.AppLogConfigException;
import dev.applog.local.logs.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * SLF4J calls in a woven handler, through the provider, into the invocation's stream on the local endpoint,
 * through the real SDK client.
 */
class Slf4jBridgeTest extends HandlerAgainstLocalEndpoint {

    private static final Logger ORDERS = LoggerFactory.getLogger("com.example.Orders");

    /** An argument that counts how often it is written. */
    private static final class Counted {
        final AtomicInteger written = new AtomicInteger();
        @Override public String toString() { written.incrementAndGet(); return "counted"; }
    }

    @Test
    void levelsMessagesThrowablesMdcAndKeyValuesBecomeOneEventEach() throws Exception {
        Counted hidden = new Counted();
        invoke(() -> {
            MDC.put("tenant", "t-1");
            MDC.put("cart", "c-9");
            MDC.put("channel", "web");
            ORDERS.trace("trace {}", hidden);
            ORDERS.debug("debug {} {}", hidden, hidden);
            ORDERS.info("order {} for {}", "o-1", "ada");
            ORDERS.atInfo().addKeyValue("amount", 42).addKeyValue("currency", "EUR").log("paid {}", "o-1");
            ORDERS.warn("retrying {}", "o-1", new IllegalStateException("boom"));
            ORDERS.error("failed");
            Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.services.s3.S3Client");
            sdk.info("library chatter at INFO");
            sdk.warn("library warning");
        });
        assertEquals(0, hidden.written.get(), "arguments below the level are never written");
        List<JsonNode> records = records();
        assertEquals(5, records.size(), records.toString());

        JsonNode order = records.get(0);
        assertEquals("INFO", order.get("level").asText());
        assertEquals("order o-1 for ada", order.get("message").asText());
        assertEquals("com.example.Orders", order.get("logger").asText());
        assertEquals("t-1", order.get("tenant").asText());
        assertEquals("c-9", order.get("cart").asText());
        assertEquals("web", order.get("channel").asText());
        assertTrue(order.hasNonNull("function_request_id"), order.toString());

        JsonNode paid = records.get(1);
        assertEquals("paid o-1", paid.get("message").asText());
        assertEquals(42, paid.get("amount").asInt());
        assertTrue(paid.get("amount").isInt(), "a number stays a number");
        assertEquals("EUR", paid.get("currency").asText());
        assertEquals("t-1", paid.get("tenant").asText());

        JsonNode retry = records.get(2);
        assertEquals("WARNING", retry.get("level").asText());
        assertEquals("retrying o-1", retry.get("message").asText());
        assertEquals(IllegalStateException.class.getName(), retry.get("error").get("name").asText());
        assertEquals("boom", retry.get("error").get("message").asText());
        assertTrue(retry.get("error").get("stack").asText().contains("at dev.applog.slf4j.Slf4jBridgeTest"),
                retry.toString());

        assertEquals("ERROR", records.get(3).get("level").asText());
        assertEquals("library warning", records.get(4).get("message").asText());
        assertEquals("software.amazon.awssdk.services.s3.S3Client", records.get(4).get("logger").asText());
    }

    @Test
    void aMarkerIsAFieldAndAFluentThrowableIsTheEventsThrowable() throws Exception {
        invoke(() -> {
            ORDERS.info(org.slf4j.MarkerFactory.getMarker("AUDIT"), "marked {}", "o-1");
            ORDERS.atWarn().setCause(new IllegalStateException("cause")).addKeyValue("k", "v").log("fluent");
            ORDERS.atError().log("with a trailing throwable {}", "o-2", new IllegalArgumentException("last"));
        });
        List<JsonNode> records = records();
        assertEquals(3, records.size(), records.toString());
        assertEquals("marked o-1", records.get(0).get("message").asText());
        assertEquals("AUDIT", records.get(0).get("marker").asText());
        assertEquals("cause", records.get(1).get("error").get("message").asText());
        assertEquals("v", records.get(1).get("k").asText());
        assertEquals("with a trailing throwable o-2", records.get(2).get("message").asText());
        assertEquals("last", records.get(2).get("error").get("message").asText());
    }

    @Test
    void levelsPerLoggerNameComeFromApplogLevels() throws Exception {
        environment.put("APPLOG_LEVELS", "com.example=DEBUG,com.example.noisy=ERROR");
        install();
        invoke(() -> {
            ORDERS.trace("trace line");
            ORDERS.debug("debug line");
            LoggerFactory.getLogger("com.other.Thing").debug("not this one");
            LoggerFactory.getLogger("com.example.noisy.Poller").warn("nor this one");
            LoggerFactory.getLogger("com.examples.Other").debug("a prefix only counts at a dot");
        });
        List<JsonNode> records = records();
        assertEquals(2, records.size(), records.toString());
        assertEquals("trace line", records.get(0).get("message").asText());
        assertEquals("DEBUG", records.get(0).get("level").asText(), "TRACE is logged as DEBUG");
        assertEquals("debug line", records.get(1).get("message").asText());
    }

    @Test
    void levelsPerLoggerNameComeFromApplogConfigToo() throws Exception {
        environment.put("APPLOG_CONFIG", "{\"logging\": {\"class\": \"cloud-watch\", \"format\": \"#json\","
                + " \"levels\": {\"com.example\": \"DEBUG\", \"software.amazon.awssdk\": \"ERROR\"}}}");
        install();
        invoke(() -> {
            ORDERS.debug("debug line");
            LoggerFactory.getLogger("software.amazon.awssdk.core").warn("not at WARNING any more");
        });
        List<JsonNode> records = records();
        assertEquals(1, records.size(), records.toString());
        assertEquals("debug line", records.get(0).get("message").asText());
    }

    @Test
    void aBadLevelsEntryFailsTheInvocationNamingTheVariableAndTheRule() {
        environment.put("APPLOG_LEVELS", "com.example=LOUD");
        install();
        AppLogConfigException error = assertThrows(AppLogConfigException.class, () -> invoke(() -> { }));
        assertTrue(error.getMessage().contains("APPLOG_LEVELS=\"com.example=LOUD\""), error.getMessage());
        assertTrue(error.getMessage().contains("logger.name=LEVEL"), error.getMessage());
    }

    @Test
    void textFormatsCarryTheLoggerNameAndTheFieldsAfterTheMessage() {
        environment.put("TEST_FORMAT", "{level} {logger}: ");
        install();
        invoke(() -> {
            MDC.put("tenant", "t-1");
            ORDERS.atInfo().addKeyValue("amount", 42).log("paid {}", "o-1");
            ORDERS.error("failed", new IllegalArgumentException("bad"));
        });
        List<StoredEvent> events = stored();
        assertEquals(2, events.size());
        assertEquals("INFO com.example.Orders: paid o-1 tenant=t-1 amount=42", events.get(0).message());
        String failed = events.get(1).message();
        assertTrue(failed.startsWith("ERROR com.example.Orders: failed tenant=t-1\njava.lang.IllegalArgumentException: bad"),
                failed);
    }

    @Test
    void aThreadTheHandlerDidNotStartPrintsInTheConfiguredFormat() throws Exception {
        invoke(() -> ORDERS.info("inside"));   // resolves the settings: #json
        Thread outsider = new Thread(() -> ORDERS.info("from a thread of its own"));
        outsider.start();
        outsider.join();
        assertEquals(1, stored().size());
        String line = printed.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("from a thread of its own")).findFirst().orElseThrow();
        JsonNode record = JSON.readTree(line);
        assertEquals("com.example.Orders", record.get("logger").asText());
        assertEquals("INFO", record.get("level").asText());
    }

    @Test
    void aThreadTheHandlerStartsLogsIntoItsInvocation() throws Exception {
        invoke(() -> {
            Thread worker = new Thread(() -> ORDERS.info("from the handler's worker"));
            worker.start();
            try {
                worker.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(List.of("from the handler's worker"),
                records().stream().map(r -> r.get("message").asText()).toList());
    }

    /**
     * The library's own SDK client and HTTP connection log while sending; at DEBUG through SLF4J (the SDK's
     * request logger) and java.util.logging (the JDK's HttpURLConnection, which the SDK's URL connection client
     * uses). Those lines go to stdout, never into the stream being sent: no recursion, no growth, no deadlock.
     */
    @Test
    void theLibrarysOwnSdkNeverLogsIntoTheStreamItIsSending() throws Exception {
        environment.put("APPLOG_LEVELS", "software.amazon.awssdk=DEBUG,org.apache.http.wire=DEBUG,"
                + "sun.net.www.protocol.http=DEBUG");
        install();
        java.util.logging.Logger http = java.util.logging.Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");
        java.util.logging.Level before = http.getLevel();
        http.setLevel(java.util.logging.Level.ALL);  // JUL's own check comes first
        try {
            for (int round = 1; round <= 2; round++) {
                int r = round;
                invoke(() -> {
                    for (int i = 1; i <= 3; i++) {
                        ORDERS.info("line {} of round {}", i, r);
                    }
                });
            }
        } finally {
            http.setLevel(before);
        }
        List<String> messages = records().stream().map(r -> r.get("message").asText()).toList();
        assertEquals(List.of("line 1 of round 1", "line 2 of round 1", "line 3 of round 1",
                "line 1 of round 2", "line 2 of round 2", "line 3 of round 2"), messages);
        String stdout = printed.toString(StandardCharsets.UTF_8);
        assertTrue(stdout.contains("\"logger\":\"software.amazon.awssdk.request\""),
                "the SDK's DEBUG lines were logged, and printed: " + stdout);
        assertTrue(stdout.contains("\"logger\":\"sun.net.www.protocol.http.HttpURLConnection\""),
                "the HTTP connection's FINE lines came through java.util.logging, and were printed: " + stdout);
    }

    @Test
    void theProviderIsTheOneSlf4jUses() {
        assertEquals(AppLogLoggerFactory.class, LoggerFactory.getILoggerFactory().getClass());
        assertFalse(ORDERS.isDebugEnabled(), "outside an invocation the printer's INFO applies");
    }
}
