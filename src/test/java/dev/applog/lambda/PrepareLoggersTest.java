package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.AppLog;
import dev.applog.AppLogging;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loggers of a handler class built ahead of its first invocation: only in Lambda, once, quietly; on demand with
 * delivery after the response, not at all.
 */
class PrepareLoggersTest {

    static class TwoHandlers {
        @AppLogging(group = "/test/prepare", stream = "a")
        public String first(String event) {
            AppLog.current().info("first " + event);
            return event;
        }

        @AppLogging(group = "/test/prepare", stream = "b")
        public String second(String event) { return event; }

        public String notAnnotated(String event) { return event; }
    }

    /** Loggers that print, so that these tests need no endpoint. */
    private static final String PRINT = "{\"class\": \"#print\"}";

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private LambdaLogging logging(Map<String, String> environment) {
        return LambdaLogging.builder().environment(environment)
                .loggerConfig(b -> b.out(new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .build();
    }

    @BeforeEach
    @AfterEach
    void forgetTheExtension() {
        AfterResponseDelivery.resetForTests();
    }

    /**
     * On demand with delivery after the response (the default where the extension registers), the init phase builds
     * nothing: the response needs none of it, and the work would compete with the runtime's own init.
     */
    @Test
    void onDemandWithDeliveryAfterTheResponseTheInitPhaseRegistersTheExtensionAndBuildsNothing() throws Exception {
        try (FakeExtensionsApi api = new FakeExtensionsApi(java.util.List.of())) {
            LambdaLogging logging = logging(Map.of("AWS_LAMBDA_RUNTIME_API", api.address(),
                    "AWS_LAMBDA_FUNCTION_NAME", "orders", "APPLOG_CONFIG", PRINT,
                    "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"));
            assertNull(logging.prepareLoggers(TwoHandlers.class));
            assertEquals(1, api.registrations.get());
            assertTrue(AfterResponseDelivery.active());
            assertEquals(0, logging.loggersBuilt());
        }
    }

    /** Run ahead (provisioned concurrency, SnapStart), the init phase builds and warms the loggers, and waits for them. */
    @Test
    void initRunAheadBuildsTheLoggersEvenWithDeliveryAfterTheResponse() throws Exception {
        try (FakeExtensionsApi api = new FakeExtensionsApi(java.util.List.of())) {
            LambdaLogging logging = logging(Map.of("AWS_LAMBDA_RUNTIME_API", api.address(),
                    "AWS_LAMBDA_FUNCTION_NAME", "orders", "APPLOG_CONFIG", PRINT,
                    "AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency"));
            Thread preparing = logging.prepareLoggers(TwoHandlers.class);
            assertNotNull(preparing);
            assertTrue(AfterResponseDelivery.active());
            assertFalse(preparing.isAlive(), "the init phase waited for it");
            assertEquals(2, logging.loggersBuilt());
        }
    }

    @Test
    void outsideLambdaNothingIsBuilt() {
        LambdaLogging logging = logging(Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "APPLOG_CONFIG", PRINT));
        assertNull(logging.prepareLoggers(TwoHandlers.class));
        assertEquals(0, logging.loggersBuilt());
    }

    @Test
    void inLambdaEachAnnotatedMethodsLoggerIsBuiltOnceAndTheInvocationReusesIt() throws Throwable {
        LambdaLogging logging = logging(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001",
                "AWS_LAMBDA_FUNCTION_NAME", "orders", "APPLOG_CONFIG", PRINT, "APPLOG_DELIVERY", "before-return"));
        Thread preparing = logging.prepareLoggers(TwoHandlers.class);
        assertNotNull(preparing);
        preparing.join();
        assertEquals(2, logging.loggersBuilt());

        Method first = TwoHandlers.class.getMethod("first", String.class);
        Object answer = logging.runAnnotated(first, null, new Object[] {"o-1"}, () -> new TwoHandlers().first("o-1"));

        assertEquals("o-1", answer);
        assertEquals(2, logging.loggersBuilt(), "the invocation built another logger");
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("first o-1"), printed.toString(StandardCharsets.UTF_8));
    }
}
