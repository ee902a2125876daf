package dev.applog.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogConfigException;
import dev.applog.AppLogger;
import dev.applog.AppLogging;
import dev.applog.lambda.LambdaLogging;
import dev.applog.local.logs.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lambda's runtime initializes the handler class in the init phase; the woven aspect then builds the loggers of
 * its annotated methods (and so the SDK client) at once, and the first invocation uses what was built.
 */
class PrepareAtInitTest {

    static final String GROUP = "/test/prepare";

    /** Initialized by the first test only: its static initializer is the join point under test. */
    public static class Prepared implements RequestHandler<String, String> {
        private AppLogger log;

        @AppLogging(group = GROUP, stream = "{function}", format = "#short")
        @Override
        public String handleRequest(String event, Context context) {
            log.info("handled " + event);
            return "ok";
        }
    }

    /** Initialized by the second test only; its group breaks the naming rule. */
    public static class PreparedBadGroup implements RequestHandler<String, String> {
        @AppLogging(group = "bad name")
        @Override
        public String handleRequest(String event, Context context) {
            return "ran";
        }
    }

    private final LogsFixture logs = new LogsFixture();
    private final AtomicInteger clientsAsked = new AtomicInteger();
    private final CountDownLatch clientAsked = new CountDownLatch(1);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void close() {
        logs.close();
    }

    /** A shared LambdaLogging as in Lambda (the runtime API variable set) that counts the clients its loggers ask for. */
    private void installInLambda() {
        LambdaLogging.useShared(LambdaLogging.builder()
                .environment(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001", "AWS_LAMBDA_FUNCTION_NAME", "orders"))
                .loggerConfig(b -> b.out(new PrintStream(printed, true, StandardCharsets.UTF_8)).clientSupplier(() -> {
                    clientsAsked.incrementAndGet();
                    clientAsked.countDown();
                    return logs.client;
                }))
                .build());
    }

    private static void initialize(Class<?> type) throws ClassNotFoundException {
        Class.forName(type.getName(), true, type.getClassLoader());
    }

    @Test
    void theHandlerClassInitializingBuildsItsLoggerAndTheFirstInvocationUsesIt() throws Exception {
        installInLambda();
        initialize(Prepared.class);
        assertTrue(clientAsked.await(30, TimeUnit.SECONDS), "initializing the handler class built no logger");

        String answer = new Prepared().handleRequest("o-1", new FakeContext("req-1", "orders", 10_000));

        assertEquals("ok", answer);
        assertEquals(1, clientsAsked.get(), "the invocation built a logger of its own instead of the prepared one");
        List<StoredEvent> stored = logs.events(GROUP, "orders");
        assertEquals(1, stored.size(), () -> "stored: " + stored + "; printed: " + printed);
        assertTrue(stored.get(0).message().endsWith("handled o-1"), stored.get(0).message());
    }

    @Test
    void aBadSettingFoundAtInitIsLeftForTheFirstInvocationToReport() throws Exception {
        installInLambda();
        initialize(PreparedBadGroup.class);  // must not throw: a failed static initializer would make the handler unusable

        AppLogConfigException error = assertThrows(AppLogConfigException.class,
                () -> new PreparedBadGroup().handleRequest("o-1", new FakeContext("req-1", "orders", 10_000)));

        assertTrue(error.getMessage().startsWith("@AppLogging(group = \"bad name\") on "
                + PreparedBadGroup.class.getName() + ".handleRequest: log group name 'bad name' is invalid"), error.getMessage());
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "the early start printed something");
    }
}
