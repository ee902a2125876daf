package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lines from the bridges: the logger's name and fields in JSON and in the text formats. */
class NamedEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long AT = 1_764_067_860_123L;

    private static EventFormatter formatter(String format, Map<String, Object> context) {
        return new EventFormatter(LoggerConfig.builder().kind(LoggerKind.PRINT).format(format).function("pay").build(),
                context);
    }

    @Test
    void jsonHasTheLoggerAndEachFieldAsATopLevelKey() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tenant", "t-1");
        fields.put("amount", 42);
        fields.put("ratio", 0.5);
        fields.put("items", List.of("a", "b"));
        fields.put("none", null);
        JsonNode record = JSON.readTree(formatter("#json", Map.of("correlation_id", "c-1"))
                .format(Level.INFO, "paid", null, AT, "", "com.example.Pay", fields));
        assertEquals("com.example.Pay", record.get("logger").asText());
        assertEquals("t-1", record.get("tenant").asText());
        assertEquals(42, record.get("amount").asInt());
        assertEquals(0.5, record.get("ratio").asDouble());
        assertEquals("b", record.get("items").get(1).asText());
        assertTrue(record.get("none").isNull());
        assertEquals("c-1", record.get("correlation_id").asText());
        assertEquals("pay", record.get("function_name").asText());
    }

    @Test
    void aFieldNamedLikeAKeyTheEventHasIsKeptUnderAnUnderscoredName() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("level", "mine");
        fields.put("logger", "also mine");
        fields.put("correlation_id", "from the MDC");
        fields.put("_level", "taken already");
        String line = formatter("#json", Map.of("correlation_id", "c-1"))
                .format(Level.WARNING, "m", null, AT, "", "x.Y", fields);
        JsonNode record = JSON.readTree(line);
        assertEquals("WARNING", record.get("level").asText());
        assertEquals("mine", record.get("_level").isTextual() ? JSON.readTree(line).get("_level").asText() : null,
                line);
        assertEquals("x.Y", record.get("logger").asText());
        assertEquals("also mine", record.get("_logger").asText());
        assertEquals("c-1", record.get("correlation_id").asText());
        assertEquals("from the MDC", record.get("_correlation_id").asText());
        assertEquals("taken already", record.get("__level").asText());
        assertEquals(line.split("\"_level\"").length, 2, "each key once: " + line);
    }

    @Test
    void textFormatsFillLoggerAndAppendTheFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tenant", "t-1");
        fields.put("amount", 42);
        assertEquals("INFO com.example.Pay pay: paid tenant=t-1 amount=42", formatter("{level} {logger} {func}: ", Map.of())
                .format(Level.INFO, "paid", null, AT, "", "com.example.Pay", fields));
        assertEquals("INFO: pay: paid tenant=t-1 amount=42", formatter("#short", Map.of())
                .format(Level.INFO, "paid", null, AT, "", "com.example.Pay", fields));
        String withError = formatter("#short", Map.of()).format(Level.ERROR, "failed", new IllegalStateException("x"),
                AT, "", "a.B", Map.of("k", "v"));
        assertTrue(withError.startsWith("ERROR: pay: failed k=v\njava.lang.IllegalStateException: x"), withError);
    }

    @Test
    void anAppLoggerCallHasAnEmptyLoggerAndIsSizedExactly() {
        EventFormatter formatter = formatter("[{logger}] {level} ", Map.of());
        String line = formatter.format(Level.INFO, "plain", null, AT, "");
        assertEquals("[] INFO plain", line);
        assertEquals(LogEvent.utf8Length(line), formatter.deferredBytes(Level.INFO, "plain", AT, ""));
    }

    @Test
    void aPrintingLoggerFiltersByTheNameAndKeepsTheLinesOwnTimestamp() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AppLogger logger = AppLoggers.create(LoggerConfig.builder().kind(LoggerKind.PRINT).format("#json")
                .levels(LoggerLevels.parse("com.example=DEBUG"))
                .out(new PrintStream(printed, true, StandardCharsets.UTF_8)).build());
        logger.logNamed("com.example.A", Level.DEBUG, AT, "shown", null, null);
        logger.logNamed("org.other.B", Level.DEBUG, AT, "not shown", null, null);
        logger.logNamed("software.amazon.awssdk.core", Level.INFO, AT, "not shown either", null, null);
        logger.logNamed("org.other.B", Level.INFO, AT, "shown too", null, null);
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("{\"timestamp\":\"2025-11-25T10:51:00.123Z\",\"level\":\"DEBUG\",\"message\":\"shown\""),
                lines.get(0));
        assertTrue(lines.get(1).contains("\"logger\":\"org.other.B\""), lines.get(1));
    }
}
