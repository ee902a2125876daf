package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.delivery.Environment;
import dev.applog.delivery.ScriptedTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One settings pipeline: the function name by one rule, the environment read only through the source a
 * configuration is given, the configuration map read once with the path of each value taken.
 */
class SettingsPipelineTest {

    @Test
    void theFunctionNameIsTheSettingThenTheContextsThenTheEnvironmentsElseNone() {
        Map<String, String> environment = Map.of("AWS_LAMBDA_FUNCTION_NAME", "from-env");
        assertEquals("configured", Environment.functionName("configured", "from-context", environment::get));
        assertEquals("from-context", Environment.functionName(null, "from-context", environment::get));
        assertEquals("from-context", Environment.functionName("", "from-context", environment::get));
        assertEquals("from-env", Environment.functionName(null, " ", environment::get));
        assertNull(Environment.functionName(null, null, Map.of("AWS_LAMBDA_FUNCTION_NAME", "")::get));
        assertNull(Environment.functionName(null, null, name -> null));
    }

    @Test
    void theFormatReadsTheFunctionAndServiceFromTheInjectedEnvironment() {
        Captured out = new Captured();
        Map<String, String> environment = Map.of("AWS_LAMBDA_FUNCTION_NAME", "injected-fn",
                "POWERTOOLS_SERVICE_NAME", "injected-svc");
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind(LoggerKind.PRINT).format("#json")
                .environment(environment::get).out(out.out).build());
        log.info("hello");
        String line = out.lines().get(0);
        assertTrue(line.contains("\"service\":\"injected-svc\""), line);
        assertTrue(line.contains("\"function_name\":\"injected-fn\""), line);
    }

    @Test
    void aStreamsFunctionPlaceholderIsFilledFromTheInjectedEnvironmentElseUnnamedFunction() {
        ScriptedTransport transport = new ScriptedTransport();
        LoggerConfig.Builder config = LoggerConfig.builder().group("/app/settings").stream("s-{function}")
                .out(new Captured().out);
        try (CloudWatchLogger named = new CloudWatchLogger(
                config.environment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders")::get).build(), transport);
             CloudWatchLogger unnamed = new CloudWatchLogger(config.environment(name -> null).build(), transport)) {
            assertEquals("s-orders", named.currentStream());
            assertEquals("s-" + Environment.UNNAMED_FUNCTION, unnamed.currentStream());
        }
    }

    @Test
    void theConfigurationMapIsReadOnceAndEachValueTakenIsToldWithItsPath() {
        Map<String, Object> read = new LinkedHashMap<>();
        LoggerConfig config = LoggerConfig.parseMap(Map.of("logging", Map.of("class", "cloud-watch", "level", "INFO",
                "cloud-watch", Map.of("group", "/app/g", "stream", "s", "function", "fn"))), read::put).build();
        assertEquals("/app/g", config.group());
        assertEquals("fn", config.function());
        assertEquals(List.of("class", "level", "cloud-watch.group", "cloud-watch.stream", "cloud-watch.function"),
                List.copyOf(read.keySet()));
        assertEquals("/app/g", read.get("cloud-watch.group"));
    }
}
