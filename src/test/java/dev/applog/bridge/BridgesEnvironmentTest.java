package dev.applog.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.delivery.Environment;
import dev.applog.Level;
import dev.applog.lambda.LambdaLogging;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridges read the environment injected through {@code LambdaLogging.Builder} (made the aspect's with
 * {@code useShared}), not the process environment: the first printer's levels and whether this is a Lambda runtime's
 * init phase come from it.
 */
class BridgesEnvironmentTest {

    private final PrintStream stdout = System.out;

    @AfterEach
    void restore() {
        System.setOut(stdout);
        LambdaLogging.useShared(LambdaLogging.builder().build());
        Bridges.reset(false);
    }

    @Test
    void theInjectedEnvironmentSetsTheLevelsAndTheInitPhase() {
        Bridges.reset(false);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        Function<String, String> injected = Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001",
                "APPLOG_LEVEL", "WARNING", "APPLOG_LEVELS", "com.example.chatty=ERROR")::get;

        LambdaLogging.useShared(LambdaLogging.builder().environment(injected).build());

        assertEquals(injected, Environment.current());
        assertFalse(Bridges.isEnabled("com.example.Init", Level.INFO), "APPLOG_LEVEL of the injected environment");
        assertTrue(Bridges.isEnabled("com.example.Init", Level.WARNING));
        assertFalse(Bridges.isEnabled("com.example.chatty", Level.WARNING), "APPLOG_LEVELS of the injected environment");
        Bridges.log("com.example.Init", Level.WARNING, "logged in the init phase", null, null);
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "held for the first invocation: a Lambda runtime's init");

        // back to the process environment (no Lambda runtime here): the held line prints, nothing is lost
        LambdaLogging.useShared(LambdaLogging.builder().build());
        assertEquals(Environment.PROCESS, Environment.current());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("logged in the init phase"), printed.toString());
        assertTrue(Bridges.isEnabled("com.example.Init", Level.INFO), "INFO again, the default");
    }

    @Test
    void aNullEnvironmentIsRefusedWithTheFix() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Environment.use(null));
        assertTrue(e.getMessage().contains("Environment.PROCESS"), e.getMessage());
    }
}
