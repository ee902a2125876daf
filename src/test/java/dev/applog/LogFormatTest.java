package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-03-04T05:06:07.089Z"), ZoneOffset.UTC);

    private static List<String> print(String format, String function, Level level, String message) {
        Captured captured = new Captured();
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind(LoggerKind.PRINT).level(Level.DEBUG).echo(false)
                .format(format).function(function).out(captured.out).build());
        log.log(level, message);
        return captured.lines();
    }

    @Test
    void standardShortSimple() {
        // the caller is the method that called the logger: here the helper "print"
        assertEquals(List.of("INFO: pay: print: hello"), print("#standard", "pay", Level.INFO, "hello"));
        assertEquals(List.of("WARNING: pay: hello"), print("#short", "pay", Level.WARNING, "hello"));
        assertEquals(List.of("pay: hello"), print("#simple", "pay", Level.ERROR, "hello"));
    }

    @Test
    void miniShowsTheLevelFromWarningAndTheFunctionWhenThereIsOne() {
        assertEquals(List.of("pay: hello"), print("#mini", "pay", Level.INFO, "hello"));
        assertEquals(List.of("WARNING: pay: hello"), print("#mini", "pay", Level.WARNING, "hello"));
        assertEquals(List.of("CRITICAL: pay: hello"), print("#mini", "pay", Level.CRITICAL, "hello"));
        assertEquals(List.of("ERROR: hello"), print("#mini", "", Level.ERROR, "hello"));
    }

    @Test
    void formatStringWithPlaceholders() {
        assertEquals(List.of("[DEBUG|pay|print] {other} hi"),
                print("[{level}|{func}|{caller}] {other} ", "pay", Level.DEBUG, "hi"));
    }

    @Test
    void functionFormat() {
        Captured captured = new Captured();
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind(LoggerKind.PRINT).out(captured.out)
                .format(LogFormat.of((level, func, caller, message) -> level.number() + "/" + func + "/" + caller
                        + "/" + message.length() + " > ", true)).function("f").build());
        log.info("abc");
        assertEquals(List.of("20/f/functionFormat/3 > abc"), captured.lines());
    }

    @Test
    void funcDefaultsToTheContextFunctionName() {
        Captured captured = new Captured();
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind(LoggerKind.PRINT).format("#short").out(captured.out).build())
                .withContext(Map.of("function_name", "orders"));
        log.info("x");
        assertEquals(List.of("INFO: orders: x"), captured.lines());
    }

    @Test
    void unknownLabelIsAnErrorNamingTheRule() {
        AppLogConfigException e = assertThrows(AppLogConfigException.class, () -> LogFormat.parse("#fancy"));
        assertEquals("format", e.setting());
        assertTrue(e.getMessage().contains("'#fancy'") && e.getMessage().contains("#standard, #short, #simple, #mini, #json"),
                e.getMessage());
        assertTrue(e.withSource("@AppLogging(format)").getMessage().startsWith("@AppLogging(format): format '#fancy'"));
    }

    @Test
    void callerIsLookedUpOnlyWhenTheFormatUsesIt() {
        assertTrue(LogFormat.parse("#standard").usesCaller());
        assertFalse(LogFormat.parse("#short").usesCaller());
        assertFalse(LogFormat.parse("#mini").usesCaller());
        assertTrue(LogFormat.parse("{caller}: ").usesCaller());
    }

    @Test
    void exceptionStackTraceFollowsTheTextMessage() {
        Captured captured = new Captured();
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind(LoggerKind.PRINT).format("#short").function("f")
                .out(captured.out).build());
        log.exception("failed", new IllegalStateException("boom"));
        String text = captured.text();
        // #print writes one line per event: the trace's line breaks are escaped (PrintedLines)
        String lineBreak = System.lineSeparator().replace("\r", "\\r").replace("\n", "\\n");
        assertTrue(text.startsWith("ERROR: f: failed" + lineBreak + "java.lang.IllegalStateException: boom"), text);
        assertTrue(text.contains(lineBreak + "\tat dev.applog.LogFormatTest.exceptionStackTraceFollowsTheTextMessage"), text);
        assertEquals(1, captured.lines().size(), text);
    }

    @Test
    void jsonUsesPowertoolsKeysContextFieldsAndEmbedsJsonMessages() throws Exception {
        Captured captured = new Captured();
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind(LoggerKind.PRINT).format("#json").service("shop")
                .clock(FIXED).out(captured.out).build())
                .withContext(Map.of("function_name", "orders", "function_request_id", "r-1", "cold_start", true,
                        "xray_trace_id", "1-abc", "correlation_id", "c-9", "level", "not-overridden"));
        log.info("{\"order\": 42, \"items\": [1, 2]}");
        log.warning("plain {not json");
        log.error("with error", new IllegalArgumentException("bad amount"));
        List<String> lines = captured.lines();
        assertEquals(3, lines.size(), lines.toString());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(lines.get(0));
        assertEquals("2026-03-04T05:06:07.089Z", first.get("timestamp").asText());
        assertEquals("INFO", first.get("level").asText());
        assertEquals(42, first.get("message").get("order").asInt(), "a JSON message is embedded as JSON");
        assertEquals("shop", first.get("service").asText());
        assertEquals("orders", first.get("function_name").asText());
        assertEquals("r-1", first.get("function_request_id").asText());
        assertTrue(first.get("cold_start").asBoolean());
        assertEquals("1-abc", first.get("xray_trace_id").asText());
        assertEquals("c-9", first.get("correlation_id").asText());
        assertNull(first.get("caller"), "no caller in JSON, as in Powertools' (a stack walk per event)");
        JsonNode second = mapper.readTree(lines.get(1));
        assertEquals("plain {not json", second.get("message").asText());
        assertEquals("WARNING", second.get("level").asText());
        JsonNode third = mapper.readTree(lines.get(2));
        assertEquals("java.lang.IllegalArgumentException", third.get("error").get("name").asText());
        assertEquals("bad amount", third.get("error").get("message").asText());
        assertTrue(third.get("error").get("stack").asText().contains("LogFormatTest"));
        assertFalse(third.has("stack_trace"));
    }

    @Test
    void anEmptyEventBecomesAMarkerBecauseTheServiceRefusesEmptyMessages() {
        assertEquals(List.of("(empty)"), print("#mini", "", Level.INFO, ""));
        assertEquals(List.of("null"), print("#mini", "", Level.INFO, null));
    }

    @Test
    void aMissingOrBlankFormatIsStandard() {
        assertEquals("#standard", LogFormat.parse(null).label());
        assertEquals("#standard", LogFormat.parse("  ").toString());
        assertTrue(LogFormat.parse(null).usesCaller());
    }

    @Test
    void aPrefixFunctionThatThrowsIsNotedAndTheEventKept() {
        Captured captured = new Captured();
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind(LoggerKind.PRINT).out(captured.out)
                .format(LogFormat.of((level, func, caller, message) -> {
                    throw new IllegalStateException("no prefix today");
                })).build());
        log.info("kept");
        assertEquals(List.of("(applog: the prefix function threw java.lang.IllegalStateException: no prefix today) kept"),
                captured.lines());
        assertFalse(LogFormat.of((level, func, caller, message) -> "").usesCaller(), "no caller unless asked for");
    }

    /** The behaviour docs/logger.md states for a context changed after {@code withContext}. */
    @Test
    void aContextLoggerKeepsTheFieldsItWasMadeWithAndWritesMutableValuesAsTheyAreAtLoggingTime() throws Exception {
        Captured captured = new Captured();
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind(LoggerKind.PRINT).format("#json")
                .out(captured.out).build());
        List<String> cart = new java.util.ArrayList<>(List.of("apple"));
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("cart", cart));
        AppLogger withCart = log.withContext(fields);
        cart.add("pear");
        fields.put("added", "later");
        withCart.info("checkout");
        JsonNode record = new ObjectMapper().readTree(captured.lines().get(0));
        assertEquals("[\"apple\",\"pear\"]", record.get("cart").toString());
        assertFalse(record.has("added"), record.toString());
    }
}
