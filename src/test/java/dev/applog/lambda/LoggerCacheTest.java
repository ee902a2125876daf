package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.AppLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One logger per JVM and per resolved settings, whichever handler or invocation asks for it. */
class LoggerCacheTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LambdaLogging logging = LambdaLogging.builder()
            .environment(Map.of("APPLOG_CONFIG", "{\"class\": \"#print\"}"))
            .loggerConfig(b -> b.out(new PrintStream(printed, true, StandardCharsets.UTF_8)))
            .build();

    private void invoke(LoggingSettings settings, String message) {
        logging.run(settings, null, null, "test", null, null, () -> {
            AppLog.current().info(message);
            return null;
        });
    }

    @Test
    void equalSettingsReuseOneLoggerAndOthersGetTheirOwn() {
        LoggingSettings orders = LoggingSettings.builder().stream("shop-{date}").where("OrderHandler").build();
        LoggingSettings payments = orders.toBuilder().where("PaymentHandler").build();
        LoggingSettings other = orders.toBuilder().stream("other").build();

        invoke(orders, "first");
        invoke(orders, "second");
        invoke(payments, "third");
        assertEquals(1, logging.loggersBuilt());

        invoke(other, "fourth");
        assertEquals(2, logging.loggersBuilt());
        String text = printed.toString(StandardCharsets.UTF_8);
        for (String message : new String[] {"first", "second", "third", "fourth"}) {
            assertTrue(text.contains(message), text);
        }
    }
}
