package dev.applog.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.applog.AppLog;
import dev.applog.local.logs.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * SLF4J's MDC in a woven handler is the invocation's keys (those of {@code AppLog.appendKey}): ended with the
 * invocation as {@code clearState} says, shared by the invocation's threads, and the thread's own MDC outside an
 * invocation. Through the provider into the invocation's stream on the local endpoint, through the real SDK client.
 */
class Slf4jMdcTest extends HandlerAgainstLocalEndpoint {

    private static final Logger ORDERS = LoggerFactory.getLogger("com.example.Orders");

    @Test
    void anMdcEntryPutInOneInvocationIsGoneInTheNextByDefault() throws Exception {
        AtomicReference<String> seenNext = new AtomicReference<>("not read");
        invoke(() -> {
            MDC.put("tenant", "t-1");
            ORDERS.info("first");
        });
        invoke(() -> {
            seenNext.set(MDC.get("tenant"));
            ORDERS.info("second");
        });
        List<JsonNode> records = records();
        assertEquals(2, records.size(), records.toString());
        assertEquals("t-1", records.get(0).path("tenant").asText(), records.get(0).toString());
        assertFalse(records.get(1).has("tenant"), records.get(1).toString());
        assertNull(seenNext.get(), "clearState (default true) ends the MDC with the invocation");
        assertNull(MDC.get("tenant"), "nor is it left on the thread after the invocation");
    }

    @Test
    void withClearStateFalseTheMdcStaysForTheNextInvocation() throws Exception {
        environment.put("APPLOG_CLEAR_STATE", "false");
        install();
        AtomicReference<String> seenNext = new AtomicReference<>();
        invoke(() -> MDC.put("tenant", "t-1"));
        invoke(() -> {
            seenNext.set(MDC.get("tenant"));
            ORDERS.info("second");
        });
        assertEquals("t-1", seenNext.get());
        List<JsonNode> records = records();
        assertEquals(1, records.size(), records.toString());
        assertEquals("t-1", records.get(0).path("tenant").asText(), records.get(0).toString());
    }

    @Test
    void theMdcAndAppendKeyAreOneStore() throws Exception {
        Map<String, Object> keysAfterPut = new HashMap<>();
        AtomicReference<String> amountThroughMdc = new AtomicReference<>();
        AtomicReference<Map<String, String>> copy = new AtomicReference<>();
        AtomicReference<Map<String, Object>> keysAfterClear = new AtomicReference<>();
        invoke(() -> {
            MDC.put("tenant", "t-1");
            keysAfterPut.putAll(AppLog.keys());
            AppLog.appendKey("amount", 42);
            amountThroughMdc.set(MDC.get("amount"));
            copy.set(MDC.getCopyOfContextMap());
            ORDERS.info("both");
            AppLog.current().info("an AppLogger line");
            MDC.remove("amount");
            ORDERS.info("tenant only");
            MDC.clear();
            keysAfterClear.set(AppLog.keys());
            ORDERS.info("none");
        });
        assertEquals(Map.of("tenant", "t-1"), keysAfterPut, "MDC.put is appendKey");
        assertEquals("42", amountThroughMdc.get(), "an appended key is an MDC entry, as its text");
        assertEquals(Map.of("tenant", "t-1", "amount", "42"), copy.get());
        assertEquals(Map.of(), keysAfterClear.get(), "MDC.clear clears the invocation's keys");
        List<JsonNode> records = records();
        assertEquals(4, records.size(), records.toString());
        for (int i = 0; i < 2; i++) {
            assertEquals("t-1", records.get(i).path("tenant").asText(), records.get(i).toString());
            assertEquals(42, records.get(i).path("amount").asInt(), records.get(i).toString());
            assertTrue(records.get(i).get("amount").isNumber(), "the appended value keeps its type");
        }
        assertEquals("an AppLogger line", records.get(1).get("message").asText());
        assertEquals("t-1", records.get(2).path("tenant").asText());
        assertFalse(records.get(2).has("amount"), records.get(2).toString());
        assertFalse(records.get(3).has("tenant") || records.get(3).has("amount"), records.get(3).toString());
    }

    @Test
    void theThreadsOfAnInvocationShareItsMdc() throws Exception {
        AtomicReference<String> seenByWorker = new AtomicReference<>();
        AtomicReference<String> seenByHandler = new AtomicReference<>();
        invoke(() -> {
            MDC.put("tenant", "t-1");
            Thread worker = new Thread(() -> {
                seenByWorker.set(MDC.get("tenant"));
                MDC.put("step", "picked");
                ORDERS.info("from the worker");
            });
            worker.start();
            try {
                worker.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            seenByHandler.set(MDC.get("step"));
            ORDERS.info("from the handler");
        });
        assertEquals("t-1", seenByWorker.get());
        assertEquals("picked", seenByHandler.get());
        List<JsonNode> records = records();
        assertEquals(2, records.size(), records.toString());
        for (JsonNode record : records) {
            assertEquals("t-1", record.path("tenant").asText(), record.toString());
            assertEquals("picked", record.path("step").asText(), record.toString());
        }
    }

    @Test
    void outsideAnInvocationTheMdcIsTheThreadsOwn() throws Exception {
        MDC.put("batch", "b-7");
        AtomicReference<String> seenInside = new AtomicReference<>("not read");
        invoke(() -> {
            seenInside.set(MDC.get("batch"));
            ORDERS.info("inside");
        });
        assertNull(seenInside.get(), "the thread's own MDC is not the invocation's");
        assertEquals("b-7", MDC.get("batch"), "and the invocation leaves it as it was");
        ORDERS.info("outside");
        List<JsonNode> records = records();
        assertEquals(1, records.size(), records.toString());
        assertFalse(records.get(0).has("batch"), records.get(0).toString());
        String line = printed.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("\"outside\"")).findFirst().orElseThrow();
        assertEquals("b-7", JSON.readTree(line).path("batch").asText(), line);
    }

    /**
     * What a line holds is taken at the call, though its JSON is written later by the sender: a mutable argument, a
     * mutable key-value pair, a mutable appended key, and MDC entries put after the call change nothing logged.
     */
    @Test
    void aLineIsLoggedAsItWasAtTheCall() throws Exception {
        invoke(() -> {
            StringBuilder state = new StringBuilder("before");
            List<String> items = new ArrayList<>(List.of("book"));
            List<String> tags = new ArrayList<>(List.of("gift"));
            AppLog.appendKey("tags", tags);
            MDC.put("tenant", "t-1");
            ORDERS.atInfo().addKeyValue("items", items).log("state {}", state);
            state.replace(0, state.length(), "after");
            items.add("lamp");
            tags.add("urgent");
            MDC.put("tenant", "t-2");
            ORDERS.info("state {}", state);
        });
        List<JsonNode> records = records();
        assertEquals(2, records.size(), records.toString());
        JsonNode first = records.get(0);
        assertEquals("state before", first.get("message").asText());
        assertEquals("[\"book\"]", first.get("items").toString());
        assertEquals("[\"gift\"]", first.get("tags").toString());
        assertEquals("t-1", first.get("tenant").asText());
        JsonNode second = records.get(1);
        assertEquals("state after", second.get("message").asText());
        assertEquals("[\"gift\",\"urgent\"]", second.get("tags").toString());
        assertEquals("t-2", second.get("tenant").asText());
    }

    /** A caller's own type with the pair shape (public getKey and getValue). */
    public static final class Pair {
        public String getKey() { return "region"; }

        public Object getValue() { return "eu-west-1"; }
    }

    /**
     * Arguments beyond the placeholders are not left out: applog's and Powertools' structured arguments, map entries
     * and objects with getKey/getValue become fields; anything else is appended to the message; a trailing throwable
     * stays the line's throwable.
     */
    @Test
    void argumentsBeyondThePlaceholdersBecomeFieldsOrFollowTheMessage() throws Exception {
        invoke(() -> {
            ORDERS.info("placed {}", "o-1", dev.applog.StructuredArguments.entry("amount", 42),
                    software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry("customer", "c-7"),
                    Map.entry("tenant", "t-9"), new Pair(), new int[] {1, 2}, "tail",
                    software.amazon.lambda.powertools.logging.argument.StructuredArguments.array("tags", "a", "b"));
            ORDERS.atWarn().addKeyValue("n", 1).log("no placeholder", "extra", new IllegalStateException("boom"));
            ORDERS.info("escaped \\{}", "kept");
        });
        List<JsonNode> records = records();
        assertEquals(3, records.size(), records.toString());
        JsonNode first = records.get(0);
        assertEquals("placed o-1 [1, 2] tail tags=[a, b]", first.get("message").asText(), first.toString());
        assertEquals(42, first.get("amount").asInt(), first.toString());
        assertEquals("c-7", first.get("customer").asText(), first.toString());
        assertEquals("t-9", first.get("tenant").asText(), first.toString());
        assertEquals("eu-west-1", first.get("region").asText(), first.toString());
        JsonNode second = records.get(1);
        assertEquals("no placeholder extra", second.get("message").asText(), second.toString());
        assertEquals(1, second.get("n").asInt());
        assertEquals("boom", second.path("error").path("message").asText(), second.toString());
        assertEquals("escaped {} kept", records.get(2).get("message").asText());
    }

    /** Patterns and arguments: escapes, fewer arguments than placeholders, nulls, arrays, odd characters. */
    private static final List<Object[]> CALLS = List.of(
            new Object[] {"order {} accepted: {} items", "o-1", 3},
            new Object[] {"escaped \\{} and \\\\{} then {} {}", "a", 'b', null},
            new Object[] {"fewer {} {} {}", 1.5},
            new Object[] {"odd \"q\" \\ \t {} \u20ac {}", "\ud83d\ude00\n", "\u0001</script>"},
            new Object[] {"{} array", new int[] {1, 2}},
            new Object[] {"{} mutable", new StringBuilder("sb")},
            new Object[] {"{\"k\": {}}", 1},
            new Object[] {"[{}] bracketed", "x"},
            new Object[] {"{}", ""});

    /**
     * A line's {@code {}} arguments are filled in as SLF4J's MessageFormatter fills them in: the line is stored byte
     * for byte as the same message formatted by MessageFormatter and logged through the invocation's logger, in JSON
     * and text formats.
     */
    @Test
    void aLineIsStoredAsMessageFormatterFillsItIn() throws Exception {
        int seen = 0;
        for (String format : List.of("#json", "#short", "{level} [{func}] ")) {
            environment.put("TEST_FORMAT", format);
            install();
            invoke(() -> {
                MDC.put("tenant", "t-\u00e9");
                for (Object[] call : CALLS) {
                    String pattern = (String) call[0];
                    Object[] arguments = java.util.Arrays.copyOfRange(call, 1, call.length);
                    ORDERS.info(pattern, arguments);
                    AppLog.current().logNamed(ORDERS.getName(), dev.applog.Level.INFO, System.currentTimeMillis(),
                            org.slf4j.helpers.MessageFormatter.basicArrayFormat(pattern, arguments), null, null);
                }
            });
            List<StoredEvent> events = stored();
            assertEquals(seen + 2 * CALLS.size(), events.size(), format);
            for (int i = seen; i < events.size(); i += 2) {
                String through = events.get(i).message().replaceFirst("\"timestamp\":\"[^\"]*\"", "");
                String atTheCall = events.get(i + 1).message().replaceFirst("\"timestamp\":\"[^\"]*\"", "");
                assertEquals(atTheCall, through, format);
            }
            seen = events.size();
        }
    }

    /**
     * Lines whose text the sender writes (plain SLF4J lines, lines with pairs) and lines written at the call (with a
     * throwable, too large for one event) and AppLogger calls are stored in the order they were logged, none lost.
     */
    @Test
    void linesWrittenLaterAndAtTheCallKeepTheirOrder() throws Exception {
        int lines = 200;
        invoke(() -> {
            MDC.put("tenant", "t-1");
            for (int i = 0; i < lines; i++) {
                switch (i % 6) {
                    case 0 -> ORDERS.info("line {}", i);
                    case 1 -> ORDERS.warn("line {}", i, new IllegalStateException("boom " + i));
                    case 2 -> AppLog.current().info("line " + i);
                    case 3 -> ORDERS.atInfo().addKeyValue("n", i).log("line {}", i);
                    case 4 -> ORDERS.info("line {} {}", i, "x".repeat(i == 4 ? 1_100_000 : 10));
                    default -> ORDERS.info("line {} {}", i, new StringBuilder("mutable"));
                }
            }
        });
        List<String> messages = new ArrayList<>();
        for (StoredEvent event : stored()) {
            String text = event.message();
            if (text.startsWith("[applog-part ")) {
                if (text.contains(" 1/")) {
                    messages.add("line 4 (split)");
                }
                continue;
            }
            messages.add(JSON.readTree(text).get("message").asText().replaceAll("^(line \\d+).*", "$1"));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            expected.add(i == 4 ? "line 4 (split)" : "line " + i);
        }
        assertEquals(expected, messages);
    }
}
