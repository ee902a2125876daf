package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /**
     * A line whose JSON or text the sender writes later: its fields part, written at the call, and its size, worked
     * out at the call, give exactly the text written at once, in every format that can defer it.
     */
    @Test
    void aLineWrittenLaterIsSizedExactlyAndReadsAsOneWrittenAtTheCall() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tenant", "t-\u00e9\"1\"");
        fields.put("level", 3);
        fields.put("items", List.of("a", "b"));
        fields.put("none", null);
        for (String format : List.of("#json", "#short", "#standard", "{level} {func}: ")) {
            EventFormatter formatter = formatter(format, Map.of("correlation_id", "c-1"));
            String caller = format.equals("#standard") ? "handleRequest" : "";
            for (Map<String, ?> each : java.util.Arrays.<Map<String, ?>>asList(fields, null, FrozenFields.of(fields))) {
                for (String name : java.util.Arrays.asList("com.example.Pay", null)) {
                    for (String message : List.of("paid \u20ac 3 \"now\"\n\t", "", "\ud83d\ude00 tab\u0001")) {
                        String atOnce = formatter.format(Level.INFO, message, null, AT, caller, name, each);
                        EventFormatter.Fragment named = formatter.fragment(name, each);
                        String later = formatter.write(Level.INFO, message, null, AT, caller, name, named.text);
                        String what = format + " " + name + " " + each + " '" + message + "'";
                        assertEquals(atOnce, later, what);
                        assertEquals(LogEvent.utf8LengthSlow(atOnce),
                                formatter.deferredBytes(Level.INFO, message, AT, caller, name, named), what);
                    }
                }
            }
        }
    }

    @Test
    void aFormatNamingTheLoggerWritesANamedLineAtTheCall() {
        EventFormatter formatter = formatter("{level} {logger}: ", Map.of());
        assertEquals(-1, formatter.deferredBytes(Level.INFO, "m", AT, "", "a.B", formatter.fragment("a.B", null)));
        EventFormatter.Fragment none = formatter.fragment(null, Map.of("k", "v"));
        assertEquals(LogEvent.utf8Length("INFO : m k=v"), formatter.deferredBytes(Level.INFO, "m", AT, "", null, none));
    }

    /**
     * The invocation's keys (a {@link FrozenFields} whose values' text cannot change) are written once per logger name
     * and reused; fields that may change (a mutable value, a plain map) are written at each call, as they are then.
     */
    @Test
    void fixedFieldsAreWrittenOnceAndChangingOnesAtEachCall() {
        EventFormatter formatter = formatter("#json", Map.of());
        FrozenFields keys = FrozenFields.of(Map.of("tenant", "t-1"));
        assertTrue(keys.fixedText());
        assertSame(formatter.fragment("a.B", keys), formatter.fragment("a.B", keys));
        assertSame(formatter.fragment(null, keys), formatter.fragment(null, keys));
        assertNotSame(formatter.fragment("a.B", keys), formatter.fragment("c.D", keys));
        FrozenFields changed = FrozenFields.of(Map.of("tenant", "t-2"));
        assertEquals(",\"logger\":\"a.B\",\"tenant\":\"t-2\"", formatter.fragment("a.B", changed).text);
        // lines from loggers taking turns, and a name as an equal string of its own, each get their own fields part
        for (int i = 0; i < 3; i++) {
            assertEquals(",\"logger\":\"a.B\",\"tenant\":\"t-1\"", formatter.fragment("a.B", keys).text);
            assertEquals(",\"logger\":\"c.D\",\"tenant\":\"t-1\"", formatter.fragment("c.D", keys).text);
            assertEquals(",\"logger\":\"a.B\",\"tenant\":\"t-2\"", formatter.fragment(new String("a.B"), changed).text);
            assertEquals(",\"tenant\":\"t-2\"", formatter.fragment(null, changed).text);
            assertEquals(",\"logger\":\"c.D\"", formatter.fragment("c.D", null).text);
        }

        List<String> items = new ArrayList<>(List.of("book"));
        FrozenFields mutable = FrozenFields.of(Map.of("items", items));
        assertFalse(mutable.fixedText());
        EventFormatter.Fragment first = formatter.fragment("a.B", mutable);
        items.add("lamp");
        EventFormatter.Fragment second = formatter.fragment("a.B", mutable);
        assertEquals(",\"logger\":\"a.B\",\"items\":[\"book\"]", first.text, "taken at the first call");
        assertEquals(",\"logger\":\"a.B\",\"items\":[\"book\",\"lamp\"]", second.text, "as it is at the second");
    }
}
