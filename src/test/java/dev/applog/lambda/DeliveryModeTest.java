package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.AppLog;
import dev.applog.AppLogConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import dev.applog.weaving.FakeContext;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * APPLOG_DELIVERY outside Lambda's Extensions API: a bad value fails the invocation naming the rule; where no
 * extension can be registered (not in Lambda, Lambda Managed Instances, SAM CLI's local emulator) each invocation
 * purges before it returns, and one line says so, once per JVM, when after-response was asked for by name (the
 * default says nothing); the extension's event loop asks again over a cut connection (a fake Extensions API). The
 * after-response mode itself runs in the local Lambda (local/e2e AfterResponseEndToEndTest).
 */
class DeliveryModeTest {

    private static final String PRINT = "{\"class\": \"#print\"}";
    private static final LoggingSettings SETTINGS = LoggingSettings.builder().group("/test/delivery").stream("s").build();
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

    private LambdaLogging logging(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("APPLOG_CONFIG", PRINT);
        return LambdaLogging.builder().environment(env)
                .loggerConfig(b -> b.out(new PrintStream(printed, true, StandardCharsets.UTF_8))).build();
    }

    @Test
    void anUnknownModeFailsTheInvocationNamingTheSettingAndTheModes() {
        AtomicBoolean ran = new AtomicBoolean();
        AppLogConfigException error = assertThrows(AppLogConfigException.class, () -> logging(
                Map.of("APPLOG_DELIVERY", "after-return")).run(SETTINGS, null, null, "h", null, null, () -> {
                    ran.set(true);
                    return null;
                }));
        assertTrue(error.getMessage().startsWith("APPLOG_DELIVERY (environment): delivery mode 'after-return' is invalid"),
                error.getMessage());
        assertTrue(error.getMessage().contains("before-return") && error.getMessage().contains("after-response"),
                error.getMessage());
        assertFalse(ran.get(), "the handler's body does not run with a bad setting");
    }

    @Test
    void theTwoModesAreReadWhateverTheirCaseAndUnsetIsTheDefault() {
        assertEquals(AfterResponseDelivery.Mode.DEFAULT, AfterResponseDelivery.mode(name -> null));
        assertEquals(AfterResponseDelivery.Mode.DEFAULT, AfterResponseDelivery.mode(name -> " "));
        assertEquals(AfterResponseDelivery.Mode.BEFORE_RETURN, AfterResponseDelivery.mode(name -> "Before-Return"));
        assertEquals(AfterResponseDelivery.Mode.AFTER_RESPONSE, AfterResponseDelivery.mode(name -> " AFTER-RESPONSE "));
        assertTrue(AfterResponseDelivery.Mode.DEFAULT.afterResponse(), "the default hands over where it can");
        assertFalse(AfterResponseDelivery.Mode.BEFORE_RETURN.afterResponse());
    }

    @Test
    void byDefaultOutsideLambdaEachInvocationPurgesBeforeReturningWithoutAWord() throws Throwable {
        LambdaLogging logging = logging(Map.of());
        logging.registerExtensionAtInit();
        for (int i = 1; i <= 2; i++) {
            int n = i;
            logging.run(SETTINGS, null, null, "h", null, null, () -> {
                AppLog.current().info("default " + n);
                return null;
            });
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("default " + n), "delivered before the return");
        }
        assertFalse(AfterResponseDelivery.active());
        assertEquals("", stdout.toString(StandardCharsets.UTF_8), "the default says nothing where it cannot apply");
    }

    @Test
    void byDefaultUnderManagedInstancesSamLocalOrAnUnreachableApiNothingIsSaid() throws Throwable {
        for (Map<String, String> environment : java.util.List.of(
                Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1", "AWS_LAMBDA_MAX_CONCURRENCY", "8"),
                Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1", "AWS_SAM_LOCAL", "true"),
                Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1"))) {
            AfterResponseDelivery.resetForTests();
            LambdaLogging logging = logging(environment);
            logging.registerExtensionAtInit();
            logging.run(SETTINGS, null, null, "h", null, null, () -> {
                AppLog.current().info("quiet " + environment.size());
                return null;
            });
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("quiet " + environment.size()));
            assertFalse(AfterResponseDelivery.active(), environment.toString());
        }
        assertEquals("", stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void samClisLocalEmulatorStopsTheFunctionAtTheResponseSoAfterResponseAskedForByNameSaysItIsNotInEffect()
            throws Throwable {
        // no Extensions API is reached: the port below has nothing listening, and is never called
        LambdaLogging logging = logging(Map.of("APPLOG_DELIVERY", "after-response",
                "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1", "AWS_SAM_LOCAL", "true"));
        logging.registerExtensionAtInit();
        logging.run(SETTINGS, null, null, "h", null, null, () -> {
            AppLog.current().info("sam local");
            return null;
        });
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("sam local"), "delivered before the return");
        assertFalse(AfterResponseDelivery.active());
        assertEquals(1, notices());
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("AWS_SAM_LOCAL=true"),
                stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void outsideLambdaAfterResponsePurgesBeforeReturningAndSaysSoOnce() throws Throwable {
        LambdaLogging logging = logging(Map.of("APPLOG_DELIVERY", "after-response"));
        for (int i = 1; i <= 3; i++) {
            int n = i;
            logging.run(SETTINGS, null, null, "h", null, null, () -> {
                AppLog.current().info("event " + n);
                return null;
            });
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("event " + n), "delivered before the return");
        }
        assertFalse(AfterResponseDelivery.active());
        assertEquals(1, notices(), stdout.toString(StandardCharsets.UTF_8));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("not in Lambda (no AWS_LAMBDA_RUNTIME_API)"));
    }

    @Test
    void lambdaManagedInstancesRunManyInvocationsAtOnceAndDeliverBeforeReturn() throws Throwable {
        // no Extensions API is reached: the port below has nothing listening, and is never called
        LambdaLogging logging = logging(Map.of("APPLOG_DELIVERY", "after-response",
                "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1", "AWS_LAMBDA_MAX_CONCURRENCY", "8"));
        logging.registerExtensionAtInit();
        logging.run(SETTINGS, null, null, "h", null, null, () -> {
            AppLog.current().info("concurrent");
            return null;
        });
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("concurrent"));
        assertFalse(AfterResponseDelivery.active());
        assertEquals(1, notices());
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("AWS_LAMBDA_MAX_CONCURRENCY=8"),
                stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anExtensionsApiThatCannotBeReachedLeavesBeforeReturnAndSaysSo() throws Throwable {
        LambdaLogging logging = logging(Map.of("APPLOG_DELIVERY", "after-response",
                "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:1"));
        logging.registerExtensionAtInit();
        logging.registerExtensionAtInit();
        assertFalse(AfterResponseDelivery.active());
        assertEquals(1, notices(), stdout.toString(StandardCharsets.UTF_8));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("cannot be reached"));
    }

    // ---- the extension's event loop: Lambda freezes the environment only once the extension waits in event/next
    // again, so a connection that fails is asked again (a loop that stopped would hold each later invocation until its
    // timeout); a failure that persists ends the extension, and delivery goes back to before-return, saying so once

    @Test
    void aCutConnectionIsAskedAgainAndTheNextInvocationIsStillDeliveredAfterTheResponse() throws Throwable {
        // two cuts: the JDK's HttpURLConnection may itself retry a GET once over a cut connection, the loop the other
        try (FakeExtensionsApi api = new FakeExtensionsApi(List.of(FakeExtensionsApi.CUT, FakeExtensionsApi.CUT,
                FakeExtensionsApi.invoke("r-1")))) {
            LambdaLogging logging = logging(Map.of("AWS_LAMBDA_RUNTIME_API", api.address(), "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"));
            logging.registerExtensionAtInit();
            assertTrue(AfterResponseDelivery.active());

            logging.run(SETTINGS, null, null, "h", new FakeContext("r-1", "loop", 60_000), null, () -> {
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
            LambdaLogging logging = logging(Map.of("AWS_LAMBDA_RUNTIME_API", api.address(), "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"));
            logging.registerExtensionAtInit();
            long until = System.nanoTime() + 30_000_000_000L;
            while (AfterResponseDelivery.active() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertFalse(AfterResponseDelivery.active(), "given up after " + api.nextCalls.get() + " calls");
            assertTrue(api.nextCalls.get() >= AfterResponseDelivery.NEXT_ATTEMPTS
                    && api.nextCalls.get() <= 2 * AfterResponseDelivery.NEXT_ATTEMPTS, api.nextCalls.get() + " calls");

            logging.run(SETTINGS, null, null, "h", new FakeContext("r-2", "loop", 60_000), null, () -> {
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

    private long notices() {
        return Arrays.stream(stdout.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> line.startsWith("applog: APPLOG_DELIVERY=after-response needs Lambda's Extensions API"))
                .count();
    }
}
