package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The formatter writes the same text as the straightforward way it was first written (each placeholder replaced
 * in turn with String.replace, the JSON record built as a Jackson tree), kept here as the reference, over many
 * messages; and the size it tells without writing the text is the text's UTF-8 size.
 */
class EventFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESERVED = Set.of("timestamp", "level", "message", "error", "service");

    /** Format labels and strings, with the template each stands for ({@code null}: not a template). */
    private static final Map<String, String> TEMPLATES = new LinkedHashMap<>();

    static {
        TEMPLATES.put("#standard", "{level}: {func}: {caller}: ");
        TEMPLATES.put("#short", "{level}: {func}: ");
        TEMPLATES.put("#simple", "{func}: ");
        TEMPLATES.put("#mini", null);
        TEMPLATES.put("#json", null);
        TEMPLATES.put("[{level}|{func}|{caller}] {other} ", "[{level}|{func}|{caller}] {other} ");
        TEMPLATES.put("{caller}{caller}-{cal{func}ler}-{{level}}-{func}{level}", "{caller}{caller}-{cal{func}ler}-{{level}}-{func}{level}");
        TEMPLATES.put("no placeholders ", "no placeholders ");
        TEMPLATES.put("é€😀 {level} ", "é€😀 {level} ");
    }

    private static final List<String> FUNCTIONS = List.of("", "pay", "f{caller}", "fünf-€-😀", "q\"uote\\");
    private static final List<String> CALLERS = List.of("", "handle", "lambda$main$0", "naïve€");
    private static final long[] TIMESTAMPS = {0L, 1_000L, 1_764_067_860_123L, 1_764_067_860_000L, 1_764_067_860_007L,
            -1L, -62_167_219_200_001L, 253_402_300_799_999L, 253_402_300_800_000L};

    @Test
    void textFormatsWriteWhatReplacingEachPlaceholderWrote() {
        Random random = new Random(7);
        List<String> messages = messages(random);
        int sized = 0;
        for (Map.Entry<String, String> spec : TEMPLATES.entrySet()) {
            if (spec.getKey().equals("#json")) {
                continue;
            }
            for (String function : FUNCTIONS) {
                EventFormatter formatter = new EventFormatter(config(spec.getKey(), function, null), Map.of());
                for (String message : messages) {
                    Level level = Level.values()[random.nextInt(Level.values().length)];
                    String caller = CALLERS.get(random.nextInt(CALLERS.size()));
                    long timestamp = TIMESTAMPS[random.nextInt(TIMESTAMPS.length)];
                    String expected = referenceText(spec.getValue(), level, function, caller, message);
                    String actual = formatter.format(level, message, null, timestamp, caller);
                    assertEquals(expected, actual, () -> spec.getKey() + " / " + function + " / " + message);
                    sized += checkSize(formatter, level, message, timestamp, caller, actual);
                }
            }
        }
        assertTrue(sized > 1_000, "the sizes of text events are known without writing them: " + sized);
    }

    @Test
    void jsonIsTheTreeItUsedToBuild() {
        Random random = new Random(11);
        List<String> messages = messages(random);
        List<Map<String, Object>> contexts = contexts();
        int sized = 0;
        for (String service : new String[] {null, "shop", "sh\"op\n€"}) {
            for (String function : FUNCTIONS) {
                for (Map<String, Object> context : contexts) {
                    EventFormatter formatter = new EventFormatter(config("#json", function, service), context);
                    for (String message : messages) {
                        Level level = Level.values()[random.nextInt(Level.values().length)];
                        String caller = "";  // JSON does not use the caller: the logger gives ""
                        long timestamp = TIMESTAMPS[random.nextInt(TIMESTAMPS.length)];
                        Throwable error = random.nextInt(20) == 0 ? error(random) : null;
                        String expected = referenceJson(service, formatter.function(), context, level, message, error,
                                timestamp);
                        String actual = formatter.format(level, message, error, timestamp, caller);
                        assertEquals(expected, actual, () -> context + " / " + message);
                        if (error == null) {
                            sized += checkSize(formatter, level, message, timestamp, caller, actual);
                        }
                    }
                }
            }
        }
        assertTrue(sized > 1_000, "the sizes of JSON events are known without writing them: " + sized);
    }

    @Test
    void aThrowableWhoseToStringThrowsIsStillLoggedWithItsFrames() {
        Throwable broken = new IllegalStateException("hidden") {
            @Override
            public String toString() { throw new UnsupportedOperationException("no text"); }

            @Override
            public String getMessage() { throw new UnsupportedOperationException("no message"); }
        };
        EventFormatter text = new EventFormatter(config("#short", "pay", null), Map.of());
        String line = text.format(Level.ERROR, "failed", broken, 0L, "");
        assertTrue(line.startsWith("ERROR: pay: failed\n" + broken.getClass().getName()
                + " (applog: its stack trace could not be written: java.lang.UnsupportedOperationException: no text)"), line);
        assertTrue(line.contains("\tat dev.applog.EventFormatterTest.aThrowableWhoseToStringThrows"), line);

        EventFormatter json = new EventFormatter(config("#json", "pay", null), Map.of());
        JsonNode record = readJson(json.format(Level.ERROR, "failed", broken, 0L, ""));
        assertEquals(broken.getClass().getName(), record.get("error").get("name").asText());
        assertEquals("(applog: getMessage() threw java.lang.UnsupportedOperationException: no message)",
                record.get("error").get("message").asText());
        assertTrue(record.get("error").get("stack").asText().contains("aThrowableWhoseToStringThrows"));
    }

    /** Asserts the size told without writing, when told, is the text's; 1 when it was told. */
    private static int checkSize(EventFormatter formatter, Level level, String message, long timestamp, String caller,
                                 String text) {
        int bytes = formatter.deferredBytes(level, message, timestamp, caller);
        if (bytes < 0) {
            return 0;
        }
        assertEquals(LogEvent.utf8LengthSlow(text), bytes, () -> "size of " + text);
        return 1;
    }

    private static LoggerConfig config(String format, String function, String service) {
        return LoggerConfig.builder().kind(LoggerKind.PRINT).format(format).function(function).service(service).build();
    }

    private static List<String> messages(Random random) {
        List<String> messages = new ArrayList<>(List.of("", " ", "hello", "null", "{}", "[]", "{ }", " [1, 2.50, 1.0e3] ",
                "{\"a\":1,\"a\":2}", "{\"nested\":{\"x\":[true,null,\"s\\u0001\"]}}", "{\"a\":", "[1,2", "{]", "{} {}",
                "[\"é€😀\", \"\\ud83d\\ude00\"]", "{\"big\":123456789012345678901234567890}", "\t{\"padded\":true}\n",
                "\"quoted\"", "back\\slash", "line\nbreak\r\n\ttab\b\f", "\u0000\u0001\u001f\u007f\u0080",
                "\u2028\u2029", "\ud800 lone high", "lone low \udc00", "end high \ud83d", "😀 pair", "{caller}{func}"));
        String alphabet = "ab {}[]\":,\\/\n\t\r\u0000\u001b\u007féß€漢\u2028";
        for (int i = 0; i < 300; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                int pick = random.nextInt(alphabet.length() + 3);
                if (pick < alphabet.length()) {
                    text.append(alphabet.charAt(pick));
                } else if (pick == alphabet.length()) {
                    text.append("😀");
                } else if (pick == alphabet.length() + 1) {
                    text.append((char) (0xD800 + random.nextInt(0x800)));  // a lone surrogate
                } else {
                    text.append((char) random.nextInt(0x20));
                }
            }
            String body = text.toString();
            messages.add(body);
            messages.add("{\"k\":\"" + body.replace("\\", "").replace("\"", "") + "\"}");
        }
        return messages;
    }

    private static List<Map<String, Object>> contexts() {
        Map<String, Object> lambda = new LinkedHashMap<>();
        lambda.put("function_name", "from-context");
        lambda.put("function_request_id", "req-1");
        lambda.put("cold_start", true);
        lambda.put("memory", 512);
        lambda.put("ratio", 0.25);
        lambda.put("price", new BigDecimal("10.50"));
        lambda.put("none", null);
        lambda.put("message", "reserved: left out");
        lambda.put("caller", "a field like any other: JSON writes no caller of its own");
        lambda.put("key \"quoted\"\n€", 'c');
        Map<String, Object> changing = new LinkedHashMap<>();
        changing.put("tags", new ArrayList<>(List.of("a", "b")));
        changing.put("nested", Map.of("x", 1));
        changing.put("opaque", new Object() {
            @Override
            public String toString() { return "opaque"; }
        });
        return List.of(Map.of(), lambda, changing);
    }

    private static Throwable error(Random random) {
        RuntimeException cause = new IllegalArgumentException("cause \"with\" quotes\nand lines");
        return random.nextBoolean() ? new IllegalStateException("failed € " + random.nextInt(), cause)
                : new RuntimeException((String) null);
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    // ---- the reference: how the text used to be written --------------------------------------------------

    private static String referenceText(String template, Level level, String func, String caller, String message) {
        String prefix;
        if (template == null) {  // #mini
            prefix = (level.atLeast(Level.WARNING) ? level.name() + ": " : "") + (func.isEmpty() ? "" : func + ": ");
        } else {
            prefix = template.replace("{level}", level.name()).replace("{func}", func).replace("{caller}", caller);
        }
        String line = prefix + message;
        return line.isEmpty() ? EventFormatter.EMPTY_MESSAGE : line;
    }

    private static String referenceJson(String service, String function, Map<String, Object> context, Level level,
                                        String message, Throwable error, long timestamp) {
        ObjectNode node = JSON.createObjectNode();
        node.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        node.put("level", level.name());
        JsonNode embedded = referenceEmbedded(message);
        if (embedded != null) {
            node.set("message", embedded);
        } else {
            node.put("message", message);
        }
        if (service != null) {
            node.put("service", service);
        }
        if (!function.isEmpty()) {
            node.put("function_name", function);
        }
        for (Map.Entry<String, Object> field : context.entrySet()) {
            String key = field.getKey();
            if (key == null || RESERVED.contains(key) || key.equals("function_name")) {
                continue;
            }
            try {
                node.set(key, JSON.valueToTree(field.getValue()));
            } catch (IllegalArgumentException e) {
                node.put(key, String.valueOf(field.getValue()));
            }
        }
        if (error != null) {
            ObjectNode err = node.putObject("error");
            err.put("name", error.getClass().getName());
            err.put("message", error.getMessage());
            err.put("stack", EventFormatter.stackTrace(error));
        }
        return node.toString();
    }

    private static JsonNode referenceEmbedded(String message) {
        String trimmed = message.trim();
        if (trimmed.length() < 2) {
            return null;
        }
        char first = trimmed.charAt(0);
        char last = trimmed.charAt(trimmed.length() - 1);
        if (!((first == '{' && last == '}') || (first == '[' && last == ']'))) {
            return null;
        }
        try {
            return JSON.readTree(trimmed);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The context is the logger's: its fields are those the map had when the logger was made; a value that is a
     * mutable object is written as it is when the event is logged (see docs/logger.md).
     */
    @Test
    void aContextValueChangedAfterTheLoggerWasMadeIsWrittenAsItIsAtLoggingTime() throws Exception {
        List<String> cart = new ArrayList<>(List.of("apple"));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("cart", cart);
        context.put("order", "A1");
        EventFormatter formatter = new EventFormatter(config("#json", "shop", null), context);
        context.put("added", "later");
        cart.add("pear");
        assertEquals(-1, formatter.deferredBytes(Level.INFO, "m", 1_000L, ""), "written at the call, not later");
        JsonNode record = JSON.readTree(formatter.format(Level.INFO, "m", null, 1_000L, ""));
        assertEquals(List.of("apple", "pear"), JSON.convertValue(record.get("cart"), List.class));
        assertEquals("A1", record.get("order").asText());
        assertTrue(!record.has("added"), "a field added to the map later is not the logger's");
        assertEquals(Map.of("cart", cart, "order", "A1"), formatter.context());
    }

    @Test
    void theSizeIsToldWithoutWritingAtTheFirstAndLastFixedWidthTimestamps() {
        EventFormatter formatter = new EventFormatter(config("#json", "shop", null), Map.of("n", 1));
        for (long timestamp : new long[] {0L, 253_402_300_799_999L}) {
            int bytes = formatter.deferredBytes(Level.INFO, "m", timestamp, "");
            assertEquals(LogEvent.utf8LengthSlow(formatter.format(Level.INFO, "m", null, timestamp, "")), bytes,
                    "at " + timestamp);
        }
    }

    @Test
    void onlyAFormatWithTheCallerAsksForIt() {
        assertTrue(new EventFormatter(config("#standard", "f", null), Map.of()).usesCaller());
        assertTrue(!new EventFormatter(config("#short", "f", null), Map.of()).usesCaller());
    }

    @Test
    void aStackTraceLosesOnlyItsFinalLineBreak() {
        RuntimeException error = new RuntimeException("boom");
        java.io.StringWriter printed = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(printed));
        String trace = EventFormatter.stackTrace(error);
        assertEquals(printed.toString(), trace + System.lineSeparator());
        assertTrue(!trace.endsWith(System.lineSeparator()) && !trace.endsWith("\n"), trace);
    }

    @Test
    void anExceptionWhoseTextThrowsIsNamedByItsClass() {
        RuntimeException hostile = new IllegalStateException() {
            private static final long serialVersionUID = 1L;
            @Override public String toString() { throw new UnsupportedOperationException("no text"); }
        };
        assertEquals(hostile.getClass().getName(), EventFormatter.safeText(hostile));
        assertEquals("java.lang.IllegalStateException: fine", EventFormatter.safeText(new IllegalStateException("fine")));
    }

    /** The size pass counts 4-byte characters whatever their low 16 bits (U+2D800's are D800), in every format. */
    @Test
    void theSizeToldWithoutWritingCountsEveryFourByteCharacter() {
        String message = new String(Character.toChars(0x2D800)) + "a" + new String(Character.toChars(0x10000))
                + new String(Character.toChars(0x10FFFF)) + "\ud83d\ude00";
        for (String format : new String[] {"#standard", "#short", "#mini", "#json", "[{level}|{caller}] "}) {
            EventFormatter formatter = new EventFormatter(config(format, "f\ud874\udc00", null), Map.of("k", 1));
            int bytes = formatter.deferredBytes(Level.INFO, message, 1_000L, "handle");
            assertEquals(LogEvent.utf8LengthSlow(formatter.format(Level.INFO, message, null, 1_000L, "handle")), bytes, format);
        }
    }

    /** The function's name: the configured one, else the context's, else Lambda's variable, else empty. */
    @Test
    void theFunctionNameComesFromTheConfigurationTheContextOrLambdasVariableInThatOrder() {
        Map<String, String> lambda = Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders");
        assertEquals("billing", EventFormatter.functionName(config("#json", "billing", null),
                Map.of("function_name", "payments"), lambda::get));
        assertEquals("payments", EventFormatter.functionName(config("#json", null, null),
                Map.of("function_name", "payments"), lambda::get));
        assertEquals("orders", EventFormatter.functionName(config("#json", null, null),
                Map.of("function_name", ""), lambda::get), "an empty context name is no name");
        assertEquals("", EventFormatter.functionName(config("#json", null, null), Map.of(), name -> null));
    }

    /** The JSON timestamp, written from a cached second, reads exactly as {@code Instant.toString()} writes it. */
    @Test
    void timestampsAreWrittenAsInstantWritesThem() {
        java.util.List<Long> instants = new java.util.ArrayList<>(java.util.List.of(0L, 1L, 10L, 100L, 999L, 1000L,
                1_764_067_860_000L, 1_764_067_860_001L, 1_764_067_860_100L, 1_764_067_860_999L, 1_764_067_861_050L,
                1_764_067_860_020L, 253_402_300_799_999L, 253_402_300_800_000L, -1L, -1000L, Long.MAX_VALUE / 2));
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 2_000; i++) {
            long base = 1_764_067_860_000L + random.nextInt(5_000);  // several events per second, seconds revisited
            instants.add(i % 7 == 0 ? Math.floorMod(random.nextLong(), 253_402_300_800_000L) : base);
        }
        for (long at : instants) {
            assertEquals(java.time.Instant.ofEpochMilli(at).toString(),
                    EventFormatter.appendInstant(new StringBuilder(), at).toString(), "at " + at);
        }
    }

    /**
     * The size pass of a JSON message: the UTF-8 bytes of the message as {@code quote} escapes it, for ASCII alone, for
     * text that turns non-ASCII after escapes, and for every character class at every position.
     */
    @Test
    void escapedBytesAreTheBytesOfTheEscapedText() {
        List<String> texts = new ArrayList<>(List.of("", "order o-4711 accepted: 3 items", "q\"b\\\n\t\u0001\u001f",
                "ascii \"then\" \u00e9\u20ac\ud83d\ude00 \"\n\u0002", "\u00e9", "lone \ud800 surrogate \udc00"));
        String pieces = "a\"\\\n\u0001\u00e9\u20ac\ud83d\ude00\ud800";
        Random random = new Random(14);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(pieces.charAt(random.nextInt(pieces.length())));
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            String escaped = EventFormatter.quote(new StringBuilder(), text).toString();
            int expected = LogEvent.utf8Length(escaped) - 2;
            assertEquals(expected, EventFormatter.escapedBytes(text), text);
        }
    }
}
