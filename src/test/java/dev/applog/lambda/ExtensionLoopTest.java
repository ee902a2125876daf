package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.applog.AppLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The after-response extension's event loop: Lambda freezes the environment only once the extension waits in
 * {@code event/next} again, so a connection that fails is asked again (a loop that stopped would hold each later
 * invocation until its timeout); a failure that persists ends the extension, and delivery goes back to before-return,
 * saying so once.
 */
class ExtensionLoopTest {

    private static final String PRINT = "{\"class\": \"#print\"}";
    private static final LoggingSettings SETTINGS = LoggingSettings.builder().group("/test/loop").stream("s").build();
    private static final String NOTICE = "applog: APPLOG_DELIVERY=after-response needs Lambda's Extensions API";

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureStdout() {
        AfterResponseDelivery.resetForTests();
        originalOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        AfterResponseDelivery.resetForTests();
    }

    private LambdaLogging logging(FakeExtensionsApi api) {
        return LambdaLogging.builder().environment(Map.of("AWS_LAMBDA_RUNTIME_API", api.address(),
                        "APPLOG_CONFIG", PRINT, "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"))
                .loggerConfig(b -> b.out(new PrintStream(printed, true, StandardCharsets.UTF_8))).build();
    }

    @Test
    void aCutConnectionIsAskedAgainAndTheNextInvocationIsStillDeliveredAfterTheResponse() throws Throwable {
        // two cuts: the JDK's HttpURLConnection may itself retry a GET once over a cut connection, the loop the other
        try (FakeExtensionsApi api = new FakeExtensionsApi(List.of(FakeExtensionsApi.CUT, FakeExtensionsApi.CUT,
                FakeExtensionsApi.invoke("r-1")))) {
            LambdaLogging logging = logging(api);
            logging.registerExtensionAtInit();
            assertTrue(AfterResponseDelivery.active());

            logging.run(SETTINGS, null, null, "h", context("r-1"), null, () -> {
                AppLog.current().info("after the cut");
                return null;
            });
            awaitPrinted("after the cut");

            assertTrue(AfterResponseDelivery.active(), "the extension still works: " + stdout);
            assertFalse(stdout.toString(StandardCharsets.UTF_8).contains(NOTICE), stdout.toString(StandardCharsets.UTF_8));
            awaitNextCalls(api, 4);  // the two cut, the INVOKE, and the wait for the one after it
        }
    }

    @Test
    void aConnectionThatKeepsFailingEndsTheExtensionAndDeliveryIsBeforeReturnSayingSoOnce() throws Throwable {
        // twice as many cuts as attempts: the JDK's HttpURLConnection may itself retry a GET once over a cut connection
        try (FakeExtensionsApi api = new FakeExtensionsApi(Collections.nCopies(2 * AfterResponseDelivery.NEXT_ATTEMPTS,
                FakeExtensionsApi.CUT))) {
            LambdaLogging logging = logging(api);
            logging.registerExtensionAtInit();
            long until = System.nanoTime() + 30_000_000_000L;
            while (AfterResponseDelivery.active() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertFalse(AfterResponseDelivery.active(), "given up after " + api.nextCalls.get() + " calls");
            assertTrue(api.nextCalls.get() >= AfterResponseDelivery.NEXT_ATTEMPTS
                    && api.nextCalls.get() <= 2 * AfterResponseDelivery.NEXT_ATTEMPTS, api.nextCalls.get() + " calls");

            logging.run(SETTINGS, null, null, "h", context("r-2"), null, () -> {
                AppLog.current().info("before the return");
                return null;
            });
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("before the return"), "purged before the return");
            assertEquals(1, stdout.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(NOTICE)).count(),
                    stdout.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitPrinted(String text) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        while (!printed.toString(StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("never delivered: " + text + "; stdout: " + stdout);
            }
            Thread.sleep(5);
        }
    }

    private static void awaitNextCalls(FakeExtensionsApi api, int calls) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        while (api.nextCalls.get() < calls) {
            if (System.nanoTime() > until) {
                throw new AssertionError("event/next asked " + api.nextCalls.get() + " times, expected " + calls);
            }
            Thread.sleep(5);
        }
    }

    private static Context context(String requestId) {
        return new Context() {
            @Override public String getAwsRequestId() { return requestId; }
            @Override public String getLogGroupName() { return "/aws/lambda/loop"; }
            @Override public String getLogStreamName() { return "s"; }
            @Override public String getFunctionName() { return "loop"; }
            @Override public String getFunctionVersion() { return "$LATEST"; }
            @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:loop"; }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return 60_000; }
            @Override public int getMemoryLimitInMB() { return 512; }
            @Override public LambdaLogger getLogger() { return null; }
        };
    }
}
