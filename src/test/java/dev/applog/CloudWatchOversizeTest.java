package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Oversized messages, against an endpoint that enforces the former 262,144-byte event limit. */
class CloudWatchOversizeTest extends LocalEndpointTest {

    @Override
    protected LocalLogsServer startServer() {
        return LocalLogsServer.builder().eventSizeLimit(LocalLogsServer.LEGACY_EVENT_SIZE_LIMIT).start();
    }

    @Test
    void anOversizedMessageIsSplitAtCharacterBoundariesAndRejoins() {
        String message = ("ascii é€😀 ").repeat(40_000);  // 640,000 bytes, multi-byte and surrogate pairs
        CloudWatchLogger log = logger(config("/app/split", "s").maxEventBytes(262_144));
        log.info(message);
        assertTrue(log.purge(Duration.ofSeconds(10)));
        List<String> parts = stored("/app/split", "s");
        assertEquals(3, parts.size(), "640,000 bytes in parts of at most 262,118");
        assertEquals(message, MessageSplitter.join(parts));
        assertEquals(1, log.stats().splitMessages());
        assertEquals(3, log.stats().eventsSent());
        assertTrue(stdout.fallbackLines().isEmpty());
    }

    @Test
    void anEventTheEndpointRefusesGoesToTheFallbackAndTheRestIsStored() {
        // the logger believes the service's current limit; this endpoint enforces the old one
        CloudWatchLogger log = logger(config("/app/refused", "s"));
        log.info("small one");
        log.info("x".repeat(300_000));
        log.info("small two");
        assertFalse(log.purge(Duration.ofSeconds(10)));
        assertEquals(List.of("small one", "small two"), stored("/app/refused", "s"));
        List<String> fallback = stdout.fallbackLines();
        assertEquals(1, fallback.size());
        assertTrue(fallback.get(0).contains("InvalidParameterException"), fallback.get(0));
        assertEquals(0, log.stats().retries(), "an InvalidParameterException is never retried as is");
        assertTrue(stdout.diagnostics().get(0).contains("maxEventBytes"), stdout.diagnostics().toString());
        List<StoredEvent> events = server.events("/app/refused", "s");
        assertEquals(2, events.size());
    }
}
