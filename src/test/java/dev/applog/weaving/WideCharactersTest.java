package dev.applog.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.applog.local.logs.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message of supplementary characters larger than one event, logged by a woven handler: stored whole, in
 * parts that each fit the endpoint's event limit, and nothing printed to the fallback.
 */
class WideCharactersTest {

    private static final String GROUP = "/test/shop";
    /** The marker each part starts with, as the library's documentation describes it. */
    private static final Pattern MARKER = Pattern.compile("^\\[applog-part ([0-9a-f]{8}) (\\d+)/(\\d+)\\] ");

    private LogsFixture logs;

    @BeforeEach
    void start() {
        logs = new LogsFixture();
    }

    @AfterEach
    void stop() {
        logs.close();
    }

    @Test
    void aMessageOfU2D800CharactersIsStoredWholeThroughAWovenHandler() throws Exception {
        // U+2D800: 4 UTF-8 bytes, and its low surrogate is D800: 300,000 of them are 1,200,000 bytes
        String message = new String(Character.toChars(0x2D800)).repeat(300_000);
        WovenHandlers.Scenario handler = new WovenHandlers.Scenario((self, event, context) -> {
            self.log.info(message);
            return "logged";
        });

        assertEquals("logged", handler.handleRequest(Map.of(), new FakeContext("req-wide", "wide", 60_000)));

        String stream = "wide-" + LocalDate.now(ZoneOffset.UTC);
        List<StoredEvent> stored = logs.events(GROUP, stream);
        assertEquals(2, stored.size(), "1.2 MB in two events");
        TreeMap<Integer, String> bodies = new TreeMap<>();
        for (StoredEvent event : stored) {
            int bytes = event.message().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes + 26 <= 1_048_576, "an event of " + bytes + " bytes");
            Matcher marker = MARKER.matcher(event.message());
            assertTrue(marker.find(), "a marked part");
            assertEquals("2", marker.group(3));
            bodies.put(Integer.parseInt(marker.group(2)), event.message().substring(marker.end()));
        }
        JsonNode record = LogsFixture.JSON.readTree(String.join("", bodies.values()));
        assertEquals(message, record.get("message").asText());
        assertEquals("req-wide", record.get("function_request_id").asText());
        assertFalse(logs.printed().contains("\"applog\":\"fallback\""), "a fallback line was printed");
    }
}
