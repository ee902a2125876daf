package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.AppLog;
import dev.applog.LoggerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The environment given to {@link LambdaLogging} reaches the logger as it was given: the formats read the function
 * name from it, and an empty variable stays empty (the SDK client tells an empty endpoint variable from an unset one).
 */
class InjectedEnvironmentTest {

    @Test
    void theLoggerReadsTheEnvironmentLambdaLoggingWasGivenUnchanged() {
        Map<String, String> variables = new HashMap<>();
        variables.put("APPLOG_CONFIG", "{\"class\": \"#print\", \"format\": \"#json\"}");
        variables.put("AWS_LAMBDA_FUNCTION_NAME", "injected-fn");
        variables.put("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "");
        Function<String, String> environment = variables::get;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AtomicReference<LoggerConfig> built = new AtomicReference<>();
        LambdaLogging logging = LambdaLogging.builder().environment(environment)
                .loggerConfig(b -> {
                    b.out(new PrintStream(printed, true, StandardCharsets.UTF_8));
                    built.set(b.build());
                    return b;
                })
                .build();
        logging.run(LoggingSettings.builder().where("Handler").build(), null, null, "test", null, null, () -> {
            AppLog.current().info("hello");
            return null;
        });
        assertSame(environment, built.get().environment());
        assertEquals("", built.get().environment().apply("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"function_name\":\"injected-fn\""), text);
    }
}
