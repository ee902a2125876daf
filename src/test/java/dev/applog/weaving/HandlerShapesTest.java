package dev.applog.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.applog.AppLog;
import dev.applog.AppLogger;
import dev.applog.lambda.LambdaLogging;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Handler shapes besides RequestHandler, and logging outside or after an invocation. */
class HandlerShapesTest {

    private static final String GROUP = "/test/shop";

    private LogsFixture logs;

    @BeforeEach
    void start() { logs = new LogsFixture(); }

    @AfterEach
    void stop() { logs.close(); }

    private static String today() { return LocalDate.now(ZoneOffset.UTC).toString(); }

    @ParameterizedTest(name = "woven: {0}")
    @ValueSource(booleans = {true, false})
    void aStreamHandlersCheckedExceptionIsLoggedAndRethrownUnchanged(boolean woven) {
        RequestStreamHandler handler = woven ? new WovenHandlers.Stream()
                : LambdaLogging.wrap(ScenarioHandler.SETTINGS, (input, output, context) -> {
                    AppLog.current().info("stream handler read " + input.readAllBytes().length + " bytes");
                    throw new IOException("disk on fire");
                });

        IOException thrown = assertThrows(IOException.class, () -> handler.handleRequest(
                new ByteArrayInputStream("{\"order\":1}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                new FakeContext("req-s", "stock", 60_000)));

        assertEquals("disk on fire", thrown.getMessage());
        List<JsonNode> records = logs.records(GROUP, "stock-" + today());
        assertEquals(List.of("stream handler read 11 bytes", "ERROR"),
                List.of(records.get(0).get("message").asText(), records.get(1).get("level").asText()));
        assertTrue(records.get(1).get("error").get("stack").asText().contains("disk on fire"));
    }

    @ParameterizedTest(name = "woven: {0}")
    @ValueSource(booleans = {true, false})
    void withoutAContextTheFunctionNameComesFromTheEnvironment(boolean woven) {
        logs.env("AWS_LAMBDA_FUNCTION_NAME", "nightly");
        String result = woven ? new WovenHandlers.NoContext().work("reindex")
                : LambdaLogging.handle(ScenarioHandler.SETTINGS.toBuilder().stream("jobs-{function}").build(), null, null, () -> {
                    AppLog.current().info("working on reindex");
                    return "reindex done";
                });

        assertEquals("reindex done", result);
        List<JsonNode> records = logs.records(GROUP, "jobs-nightly");
        assertEquals(1, records.size());
        assertEquals("working on reindex", records.get(0).get("message").asText());
        assertEquals("nightly", records.get(0).get("function_name").asText());
        assertFalse(records.get(0).has("function_request_id"));
    }

    @ParameterizedTest(name = "woven: {0}")
    @ValueSource(booleans = {true, false})
    void aContextThatThrowsDoesNotFailTheHandler(boolean woven) {
        FakeContext base = new FakeContext("req-odd", "orders", 60_000);
        Context broken = (Context)
                Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Context.class}, (proxy, method, args) -> {
                            if (method.getName().equals("getRemainingTimeInMillis")) {
                                throw new UnsupportedOperationException("no deadline in this context");
                            }
                            return method.invoke(base, args);
                        });
        ScenarioHandler.Body body = (self, event, context) -> {
            AppLog.current().info("still logged");
            return "fine";
        };
        String result = woven ? new WovenHandlers.Scenario(body).handleRequest(Map.of(), broken)
                : LambdaLogging.wrap(ScenarioHandler.SETTINGS, new ScenarioHandler(body)).handleRequest(Map.of(), broken);

        assertEquals("fine", result);
        List<JsonNode> records = logs.records(GROUP, "orders-" + today());
        assertEquals(List.of("still logged"), records.stream().map(r -> r.get("message").asText()).collect(Collectors.toList()));
        assertEquals("req-odd", records.get(0).get("function_request_id").asText(), "the fields it could read are kept");
    }

    @Test
    void withoutAConfiguredMarginTheWatchdogFiresATenthOfTheTimeoutBeforeTheDeadline() throws Exception {
        // a 3 s function: the margin is 300 ms, so the watchdog flushes 2.7 s in
        AtomicReference<List<String>> storedBeforeTheMargin = new AtomicReference<>();
        AtomicBoolean storedBeforeReturn = new AtomicBoolean();
        new WovenHandlers.Scenario((self, event, context) -> {
            self.log.info("early");
            Thread.sleep(1_500);
            storedBeforeTheMargin.set(messages("orders"));
            storedBeforeReturn.set(InvocationScenariosTest.waitUntil(() -> messages("orders").contains("early")));
            return "slow";
        }).handleRequest(Map.of(), new FakeContext("req-margin", "orders", 3_000));

        assertEquals(List.of(), storedBeforeTheMargin.get(), "nothing is sent before the margin");
        assertTrue(storedBeforeReturn.get(), "the watchdog sent it while the handler still ran");
    }

    private List<String> messages(String function) {
        return logs.records(GROUP, function + "-" + today()).stream().map(r -> r.get("message").asText())
                .collect(Collectors.toList());
    }

    @Test
    void outsideAnInvocationTheAccessorPrintsAndIsNeverNull() {
        AppLogger outside = AppLog.current();
        assertNotNull(outside);
        assertEquals("#print", outside.classCode());
        assertFalse(AppLog.inInvocation());
        assertFalse(AppLog.setCorrelationId("nothing to set"));
        assertSame(outside, AppLog.current());
    }

    @Test
    void aThreadStillLoggingAfterTheHandlerReturnedSendsEachEventAtOnce() throws Exception {
        CountDownLatch returned = new CountDownLatch(1);
        CountDownLatch logged = new CountDownLatch(1);
        new WovenHandlers.Scenario((self, event, context) -> {
            Thread straggler = new Thread(() -> {
                try {
                    returned.await(10, TimeUnit.SECONDS);
                    self.log.info("logged after the handler returned");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    logged.countDown();
                }
            });
            straggler.start();
            return "returned";
        }).handleRequest(Map.of(), new FakeContext("req-late", "orders", 60_000));
        returned.countDown();
        assertTrue(logged.await(10, TimeUnit.SECONDS));

        List<String> messages = logs.records(GROUP, "orders-" + today()).stream()
                .map(r -> r.get("message").asText()).collect(Collectors.toList());
        assertEquals(List.of("logged after the handler returned"), messages);
    }
}
