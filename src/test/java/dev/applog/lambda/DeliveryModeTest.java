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
import java.util.Arrays;
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
 * default says nothing). The after-response mode itself runs in the local Lambda
 * (local/e2e AfterResponseEndToEndTest).
 */
class DeliveryModeTest {

    private static final String PRINT = "{\"class\": \"#print\"}";
    private static final LoggingSettings SETTINGS = LoggingSettings.builder().group("/test/delivery").stream("s").build();

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

    private long notices() {
        return Arrays.stream(stdout.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> line.startsWith("applog: APPLOG_DELIVERY=after-response needs Lambda's Extensions API"))
                .count();
    }
}
