package dev.applog.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.applog.AppLog;
import dev.applog.AppLogger;
import dev.applog.lambda.LambdaLogging;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each scenario of the annotation's promise, run twice: through a handler the build wove with the
 * aspect, and through the functional twin wrapping the same handler. Both write to a local CloudWatch
 * Logs endpoint through the real SDK.
 */
class InvocationScenariosTest {

    /** The two ways a handler gets the behaviour. */
    enum Way {
        WOVEN {
            @Override Made make(ScenarioHandler.Body body) {
                WovenHandlers.Scenario handler = new WovenHandlers.Scenario(body);
                return new Made(handler, handler);
            }
        },
        TWIN {
            @Override Made make(ScenarioHandler.Body body) {
                ScenarioHandler handler = new ScenarioHandler(body);
                return new Made(LambdaLogging.wrap(ScenarioHandler.SETTINGS, handler), handler);
            }
        };

        abstract Made make(ScenarioHandler.Body body);
    }

    /** What a test calls, and the object whose fields are injected. */
    record Made(RequestHandler<Map<String, Object>, String> handler, ScenarioHandler target) {}

    static final String GROUP = "/test/shop";

    private LogsFixture logs;

    @BeforeEach
    void start() {
        logs = new LogsFixture();
        logs.createStream(GROUP, stream("orders"));
        ScenarioHandler.staticLog = null;
    }

    @AfterEach
    void stop() {
        logs.close();
    }

    static String stream(String function) {
        return function + "-" + LocalDate.now(ZoneOffset.UTC);
    }

    private List<String> messages(String function) {
        return logs.records(GROUP, stream(function)).stream().map(r -> r.get("message").asText()).collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void everyEventIsStoredBeforeTheHandlerReturns(Way way) {
        AtomicReference<String> kindInside = new AtomicReference<>();
        Made made = way.make((self, event, context) -> {
            self.log.info("order received");
            AppLog.current().debug("order " + event.get("order") + " has 2 lines");
            ScenarioHandler.staticLog.warning("stock low");
            kindInside.set(self.log.classCode());
            return "accepted";
        });

        String result = made.handler().handleRequest(Map.of("order", "A1"),
                new FakeContext("req-1", "orders", 60_000, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));

        assertEquals("accepted", result);
        assertEquals(List.of("order received", "order A1 has 2 lines", "stock low"), messages("orders"));
        JsonNode first = logs.records(GROUP, stream("orders")).get(0);
        assertEquals("INFO", first.get("level").asText());
        assertEquals("orders", first.get("function_name").asText());
        assertEquals("$LATEST", first.get("function_version").asText());
        assertEquals("req-1", first.get("function_request_id").asText());
        assertEquals("req-1", first.get("correlation_id").asText());
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", first.get("xray_trace_id").asText());
        assertTrue(first.has("cold_start"));
        assertEquals("cloud-watch", kindInside.get());
        assertNotNull(made.target().log, "instance field injected");
        assertNotNull(ScenarioHandler.staticLog, "static field injected");
        assertEquals(1, logs.server.requests("PutLogEvents"), "one request for the whole invocation");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void eventsOfLoggersMadeWithWithContextAreStoredBeforeTheHandlerReturns(Way way) {
        Made made = way.make((self, event, context) -> {
            self.log.withContext(Map.of("order", "A1")).info("from the field's context logger");
            AppLog.current().withContext(Map.of("order", "A2")).withContext(Map.of("line", 1)).info("from a nested one");
            return "accepted";
        });

        made.handler().handleRequest(Map.of(), new FakeContext("req-9", "orders", 60_000));

        assertEquals(List.of("from the field's context logger", "from a nested one"), messages("orders"));
        JsonNode nested = logs.records(GROUP, stream("orders")).get(1);
        assertEquals("A2", nested.get("order").asText());
        assertEquals("req-9", nested.get("function_request_id").asText(), "the invocation's fields are kept");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void anEscapingExceptionIsLoggedStoredAndRethrownUnchanged(Way way) {
        IllegalStateException boom = new IllegalStateException("payment service unreachable");
        Made made = way.make((self, event, context) -> {
            self.log.info("charging");
            throw boom;
        });

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> made.handler().handleRequest(Map.of(), new FakeContext("req-2", "orders", 60_000)));

        assertSame(boom, thrown);
        List<JsonNode> records = logs.records(GROUP, stream("orders"));
        assertEquals(2, records.size());
        JsonNode error = records.get(1);
        assertEquals("ERROR", error.get("level").asText());
        assertTrue(error.get("message").asText().contains("payment service unreachable"), error.toString());
        assertTrue(error.get("error").get("stack").asText().contains("IllegalStateException"), error.toString());
        assertEquals("req-2", error.get("function_request_id").asText());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void pastTheWatchdogMarginEverythingLoggedIsAlreadyStored(Way way) throws Exception {
        // a 3 s function with a 2.5 s margin: the watchdog fires half a second in
        logs.env("APPLOG_FLUSH_MARGIN_MS", "2500");
        AtomicReference<Boolean> storedWhileRunning = new AtomicReference<>(false);
        AtomicReference<Boolean> lateStoredWhileRunning = new AtomicReference<>(false);
        Made made = way.make((self, event, context) -> {
            self.log.info("before the margin");
            storedWhileRunning.set(waitUntil(() -> messages("orders").contains("before the margin")));
            self.log.info("after the margin");
            lateStoredWhileRunning.set(messages("orders").contains("after the margin"));
            return "slow";
        });

        made.handler().handleRequest(Map.of(), new FakeContext("req-3", "orders", 3_000));

        assertTrue(storedWhileRunning.get(), "the watchdog flushed while the handler still ran");
        assertTrue(lateStoredWhileRunning.get(), "past the margin each event is sent as it is logged");
        assertEquals(List.of("before the margin", "after the margin"), messages("orders"));
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void threadsTheHandlerStartsOrHandsWorkToLogIntoItsInvocation(Way way) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        pool.submit(() -> { }).get(); // the pool's thread exists before the invocation
        try {
            Made made = way.make((self, event, context) -> {
                Thread worker = new Thread(() -> {
                    self.log.info("from a new thread");
                    AppLog.current().info("from a new thread, via AppLog");
                });
                worker.start();
                worker.join();
                pool.submit(AppLog.wrap(() -> AppLog.current().info("from the pool"))).get();
                return "done";
            });

            made.handler().handleRequest(Map.of(), new FakeContext("req-4", "orders", 60_000));

            List<JsonNode> records = logs.records(GROUP, stream("orders"));
            assertEquals(List.of("from a new thread", "from a new thread, via AppLog", "from the pool"),
                    records.stream().map(r -> r.get("message").asText()).collect(Collectors.toList()));
            records.forEach(r -> assertEquals("req-4", r.get("function_request_id").asText()));
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void concurrentInvocationsKeepTheirEventsApartAndPurgeOnlyTheirOwn(Way way) throws Exception {
        CountDownLatch secondHasLogged = new CountDownLatch(1);
        CountDownLatch firstHasReturned = new CountDownLatch(1);
        Made made = way.make((self, event, context) -> {
            String me = context.getAwsRequestId();
            for (int i = 0; i < 20; i++) {
                self.log.info(me + " event " + i);
            }
            if (me.equals("req-second")) {
                secondHasLogged.countDown();
                assertTrue(firstHasReturned.await(10, TimeUnit.SECONDS));
                self.log.info(me + " last");
            } else {
                assertTrue(secondHasLogged.await(10, TimeUnit.SECONDS));
            }
            return me;
        });
        ExecutorService runtime = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> second = runtime.submit(() -> {
                made.handler().handleRequest(Map.of(), new FakeContext("req-second", "orders", 60_000));
                return messages("orders");
            });
            Future<List<String>> first = runtime.submit(() -> {
                made.handler().handleRequest(Map.of(), new FakeContext("req-first", "orders", 60_000));
                List<String> stored = messages("orders");
                firstHasReturned.countDown();
                return stored;
            });

            List<String> whenFirstReturned = first.get(20, TimeUnit.SECONDS);
            List<String> whenSecondReturned = second.get(20, TimeUnit.SECONDS);

            assertEquals(20, whenFirstReturned.stream().filter(m -> m.startsWith("req-first")).count());
            assertEquals(0, whenFirstReturned.stream().filter(m -> m.startsWith("req-second")).count(),
                    "the first invocation's purge did not send the second's events");
            assertEquals(21, whenSecondReturned.stream().filter(m -> m.startsWith("req-second")).count());
            for (JsonNode record : logs.records(GROUP, stream("orders"))) {
                String message = record.get("message").asText();
                assertEquals(message.substring(0, message.indexOf(' ')), record.get("function_request_id").asText());
            }
        } finally {
            runtime.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void nestedHandlersPurgeOnceAtTheOutermostExit(Way way) {
        AtomicReference<List<String>> storedAfterInner = new AtomicReference<>();
        Made made = way.make((self, event, context) -> {
            self.log.info("outer start");
            String inner = self.nested(context, () -> {
                AppLog.current().info("inner step");
                return "inner result";
            });
            storedAfterInner.set(messages("orders"));
            self.log.info("outer end after " + inner);
            return inner;
        });

        assertEquals("inner result", made.handler().handleRequest(Map.of(), new FakeContext("req-5", "orders", 60_000)));

        assertEquals(List.of(), storedAfterInner.get(), "the inner exit did not purge");
        assertEquals(List.of("outer start", "inner step", "outer end after inner result"), messages("orders"));
        assertEquals(1, logs.server.requests("PutLogEvents"));
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aFieldTheHandlerFilledItselfIsLeftAlone(Way way) {
        AppLogger own = AppLog.current(); // the printing logger, outside an invocation
        Made made = way.make((self, event, context) -> {
            self.ownLogger().info("to my own logger");
            AppLog.current().info("to the invocation");
            return "ok";
        });
        made.target().withOwnLogger(own);
        made.target().log = own;

        made.handler().handleRequest(Map.of(), new FakeContext("req-6", "orders", 60_000));

        assertSame(own, made.target().log);
        assertEquals(List.of("to the invocation"), messages("orders"));
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void theCorrelationIdComesFromTheEventAndCanBeSet(Way way) {
        Made made = way.make((self, event, context) -> {
            self.log.info("with the caller's id");
            AppLog.setCorrelationId("order-77");
            self.log.info("with the order's id");
            return AppLog.correlationId();
        });
        Map<String, Object> event = new HashMap<>();
        event.put("headers", Map.of("X-Correlation-Id", "abc-123"));

        assertEquals("order-77", made.handler().handleRequest(event, new FakeContext("req-7", "orders", 60_000)));

        List<String> ids = logs.records(GROUP, stream("orders")).stream()
                .map(r -> r.get("correlation_id").asText()).collect(Collectors.toList());
        assertEquals(List.of("abc-123", "order-77"), ids);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void coldStartIsTrueOnlyForTheFirstInvocation(Way way) {
        Made made = way.make((self, event, context) -> {
            self.log.info(context.getAwsRequestId());
            return "ok";
        });
        made.handler().handleRequest(Map.of(), new FakeContext("req-8", "orders", 60_000));
        made.handler().handleRequest(Map.of(), new FakeContext("req-9", "orders", 60_000));

        List<String> coldStarts = logs.records(GROUP, stream("orders")).stream()
                .map(r -> r.get("cold_start").asText()).collect(Collectors.toList());
        assertEquals(List.of("true", "false"), coldStarts);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void theEnvironmentOverridesTheSettings(Way way) {
        logs.env("TEST_LOG_GROUP", "/test/from-variable").env("APPLOG_STREAM", "overridden-{function}")
                .env("APPLOG_LEVEL", "WARNING");
        logs.createStream("/test/from-variable", "overridden-orders");
        Made made = way.make((self, event, context) -> {
            self.log.info("below the environment's level");
            self.log.warning("kept");
            return "ok";
        });

        made.handler().handleRequest(Map.of(), new FakeContext("req-10", "orders", 60_000));

        assertEquals(List.of("kept"), logs.events("/test/from-variable", "overridden-orders").stream()
                .map(e -> LogsFixture.readMessage(e.message())).collect(Collectors.toList()));
        assertTrue(logs.events(GROUP, stream("orders")).isEmpty(), "nothing went to the annotation's group");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aFailingEndpointNeverReachesTheHandlerAndNothingIsLost(Way way) {
        logs.server.failNext("PutLogEvents", 100, dev.applog.local.logs.Fault.accessDenied());
        Made made = way.make((self, event, context) -> {
            self.log.info("kept somewhere");
            return "fine";
        });

        assertEquals("fine", made.handler().handleRequest(Map.of(), new FakeContext("req-11", "orders", 60_000)));

        assertTrue(logs.printed().lines().anyMatch(l -> l.startsWith("{\"applog\":\"fallback\"") && l.contains("kept somewhere")),
                "the event went to the fallback: " + logs.printed());
    }

    /** Polls for up to five seconds; the handler's own deadline is the real bound. */
    static boolean waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
