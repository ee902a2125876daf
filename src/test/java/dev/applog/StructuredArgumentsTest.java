package dev.applog;

import static dev.applog.StructuredArguments.array;
import static dev.applog.StructuredArguments.entries;
import static dev.applog.StructuredArguments.entry;
import static dev.applog.StructuredArguments.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Structured arguments in each format, printed (the CloudWatch path is in the weaving tests). */
class StructuredArgumentsTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private AppLogger logger(String format) {
        return AppLoggers.create(LoggerConfig.builder().kind("#print").format(format).level(Level.DEBUG)
                .out(new PrintStream(printed, true, StandardCharsets.UTF_8)).build()).withContext(Map.of("cart", "c-1"));
    }

    private String line() {
        return printed.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void jsonWritesEachPairAsAKeyAndNestedValuesAsJson() throws Exception {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Oslo");
        address.put("zip", 150);
        logger("#json").info("order placed", entry("orderId", "o-17"), entry("total", 42.5), entry("items", List.of("book", "lamp")),
                entry("address", address), array("tags", "gift", 3), json("raw", "{\"a\":[1,2]}"), entry("nothing", null),
                entries(Map.of("channel", "web")));
        JsonNode record = new ObjectMapper().readTree(line());
        assertEquals("order placed", record.get("message").asText());
        assertEquals("o-17", record.get("orderId").asText());
        assertEquals(42.5, record.get("total").asDouble());
        assertEquals("[\"book\",\"lamp\"]", record.get("items").toString());
        assertEquals("{\"city\":\"Oslo\",\"zip\":150}", record.get("address").toString());
        assertEquals("[\"gift\",3]", record.get("tags").toString());
        assertEquals("{\"a\":[1,2]}", record.get("raw").toString());
        assertTrue(record.get("nothing").isNull());
        assertEquals("web", record.get("channel").asText());
        assertEquals("c-1", record.get("cart").asText(), "the logger's context stays");
    }

    @Test
    void aKeyTheEventHasIsKeptUnderAnUnderscoredNameNeitherValueLost() throws Exception {
        logger("#json").warning("careful", entry("message", "mine"), entry("level", 3), entry("cart", "c-2"));
        JsonNode record = new ObjectMapper().readTree(line());
        assertEquals("careful", record.get("message").asText());
        assertEquals("WARNING", record.get("level").asText());
        assertEquals("mine", record.get("_message").asText());
        assertEquals(3, record.get("_level").asInt());
        assertEquals("c-1", record.get("cart").asText(), "the logger's context stays");
        assertEquals("c-2", record.get("_cart").asText(), "the pair is kept beside it");
    }

    @Test
    void floatingPointNumbersAreWrittenAsJacksonWritesThem() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Object[] values = {42.5, 1.0E10, -0.0, 1.0E-7, 3.4028235E38f, 0.1f, Double.NaN, Double.POSITIVE_INFINITY, Float.NaN};
        for (Object value : values) {
            printed.reset();
            logger("#json").info("n", entry("v", value));
            JsonNode record = mapper.readTree(line());
            assertEquals(mapper.writeValueAsString(value), record.get("v").toString(), String.valueOf(value));
        }
    }

    @Test
    void jsonThatDoesNotParseIsWrittenAsAString() throws Exception {
        logger("#json").info("odd", json("broken", "{not json"));
        JsonNode record = new ObjectMapper().readTree(line());
        assertEquals("{not json", record.get("broken").asText());
    }

    @Test
    void textFormatsWriteKeyEqualsValueAfterTheMessage() {
        logger("#simple").error("order failed", entry("orderId", "o-17"), entry("total", 42.5),
                entry("items", List.of("book", "lamp")), entry("note", "two words"), entry("empty", ""), json("raw", "{\"a\":1}"));
        String line = line();
        assertTrue(line.endsWith("order failed orderId=o-17 total=42.5 items=[\"book\",\"lamp\"] note=\"two words\" empty=\"\""
                + " raw={\"a\":1}"), line);
    }

    @Test
    void belowTheThresholdNothingIsWritten() {
        AppLogger info = AppLoggers.create(LoggerConfig.builder().kind("#print").format("#json").level(Level.INFO)
                .out(new PrintStream(printed, true, StandardCharsets.UTF_8)).build());
        info.debug("hidden", entry("k", 1));
        assertFalse(line().contains("hidden"));
    }

    @Test
    void aLoggerOfAnotherLibraryGetsThePairsInItsMessage() {
        StringBuilder seen = new StringBuilder();
        AppLogger foreign = new AppLogger() {
            @Override public void log(Level level, String message) { seen.append(message); }
            @Override public void log(Level level, String message, boolean withPurge) { seen.append(message); }
            @Override public void exception(String message, Throwable error) { seen.append(message); }
            @Override public void purge() { }
            @Override public String classCode() { return "foreign"; }
            @Override public boolean isPurgeable() { return false; }
            @Override public Level level() { return Level.DEBUG; }
            @Override public void log(Level level, String message, Throwable error, boolean withPurge) { seen.append(message); }
            @Override public boolean purge(java.time.Duration maxWait) { return true; }
            @Override public AppLogger withContext(Map<String, ?> fields) { return this; }
        };
        foreign.info("paid", entry("orderId", "o-1"), entry("total", 3));
        assertEquals("paid orderId=o-1 total=3", seen.toString());
    }
}
