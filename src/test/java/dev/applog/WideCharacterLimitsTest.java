package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.local.logs.LocalLogsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 4-byte characters whose low surrogate looks like a lone one (U+2D800: D874 DC00... its low 16 bits are D800)
 * packed against each byte limit: one event, one request. The library counts them, the endpoint counts them, and
 * the two agree to the byte. The endpoint enforces the former 262,144-byte event limit, so that four full
 * events make exactly one full request.
 */
class WideCharacterLimitsTest extends LocalEndpointTest {

    private static final String WIDE = new String(Character.toChars(0x2D800));
    /** 65,529 x 4 + 2 = 262,118 bytes: with the service's 26, exactly one event's limit. */
    private static final String FULL_EVENT = WIDE.repeat(65_529) + "é";

    @Override
    protected LocalLogsServer startServer() {
        return LocalLogsServer.builder().eventSizeLimit(LocalLogsServer.LEGACY_EVENT_SIZE_LIMIT).start();
    }

    @Test
    void anEventExactlyAtTheLimitIsOneEventAndOneByteMoreIsSplit() {
        assertEquals(262_118, LogEvent.utf8LengthSlow(FULL_EVENT));
        CloudWatchLogger log = logger(config("/app/wide", "s").maxEventBytes(262_144));
        log.info(FULL_EVENT);
        log.info(FULL_EVENT + "a");
        assertTrue(log.purge(Duration.ofSeconds(20)), stdout.diagnostics().toString());
        List<String> stored = stored("/app/wide", "s");
        assertEquals(3, stored.size(), "one event, then two parts");
        assertEquals(FULL_EVENT, stored.get(0));
        assertEquals(FULL_EVENT + "a", MessageSplitter.join(stored.subList(1, 3)));
        for (String event : stored) {
            assertTrue(LogEvent.utf8LengthSlow(event) + 26 <= 262_144, "an event of " + LogEvent.utf8LengthSlow(event));
        }
        assertEquals(1, log.stats().splitMessages());
        assertEquals(0, stdout.fallbackLines().size(), stdout.diagnostics().toString());
    }

    @Test
    void fourFullEventsAreExactlyOneRequestAndOneByteMoreIsTwo() {
        create("/app/wide", "exact");
        CloudWatchLogger log = logger(config("/app/wide", "exact").maxEventBytes(262_144));
        for (int i = 0; i < 4; i++) {
            log.info(FULL_EVENT);
        }
        assertTrue(log.purge(Duration.ofSeconds(20)), stdout.diagnostics().toString());
        assertEquals(1, puts(), "4 x (262,118 + 26) = 1,048,576 bytes: one request");
        assertEquals(4, stored("/app/wide", "exact").size());

        client.createLogStream(b -> b.logGroupName("/app/wide").logStreamName("over"));
        server.resetCounters();
        CloudWatchLogger over = logger(config("/app/wide", "over").maxEventBytes(262_144));
        for (int i = 0; i < 3; i++) {
            over.info(FULL_EVENT);
        }
        over.info(WIDE.repeat(65_529) + "a");  // 262,117 bytes
        over.info("b");
        assertTrue(over.purge(Duration.ofSeconds(20)), stdout.diagnostics().toString());
        assertEquals(2, puts(), "1,048,575 + 27 bytes: two requests");
        assertEquals(5, stored("/app/wide", "over").size());
        assertEquals(0, stdout.fallbackLines().size(), stdout.diagnostics().toString());
    }
}
