package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.applog.delivery.Batcher;
import dev.applog.local.logs.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * Events of one logger are stored in the order they were logged, equal timestamps included, however many
 * requests they take. The local endpoint, like the service, keeps events of equal timestamps in the order they
 * arrived, so two requests of one stream in flight at once would show as events out of logging order here.
 */
class CloudWatchOrderTest extends LocalEndpointTest {

    private static final int EVENTS = 200_000;

    @Test
    void twoHundredThousandEventsOfOneMillisecondAreStoredInLoggingOrder() {
        create("/app/order", "s");
        // every event in the same millisecond: only the order of arrival decides where each is stored
        ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:15:30.123Z"));
        CloudWatchLogger log = logger(config("/app/order", "s").clock(clock).format("{level}: ")
                .maxBufferBytes(64L * 1024 * 1024));
        for (int i = 0; i < EVENTS; i++) {
            log.info("seq " + i);
        }
        assertTrue(log.purge(Duration.ofSeconds(60)), "all stored: " + log.stats());
        assertTrue(puts() >= EVENTS / Batcher.MAX_BATCH_EVENTS, "many requests: " + puts());

        List<String> stored = readBack("/app/order", "s");
        assertEquals(EVENTS, stored.size(), "every event stored once");
        int inversions = 0;
        String first = null;
        for (int i = 0; i < EVENTS; i++) {
            if (!stored.get(i).equals("INFO: seq " + i)) {
                inversions++;
                if (first == null) {
                    first = "position " + i + " holds '" + stored.get(i) + "'";
                }
            }
        }
        if (inversions > 0) {
            fail(inversions + " of " + EVENTS + " events stored out of logging order; first: " + first);
        }
    }

    @Test
    void aLoggerThatIsPurgedWhileItsBackgroundRequestIsInFlightKeepsTheOrder() {
        create("/app/order", "p");
        ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:15:30.123Z"));
        // small shipments, so that a background request is in flight when each purge starts
        CloudWatchLogger log = logger(config("/app/order", "p").clock(clock).format("{level}: ")
                .maxBufferedEvents(50));
        int n = 0;
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < 130; i++) {
                log.info("seq " + n++);
            }
            assertTrue(log.purge(Duration.ofSeconds(20)));
        }
        List<String> stored = readBack("/app/order", "p");
        assertEquals(n, stored.size());
        for (int i = 0; i < n; i++) {
            assertEquals("INFO: seq " + i, stored.get(i), "position " + i);
        }
    }

    @Test
    void waitingForItsTurnDoesNotUseUpAShipmentsDeliveryTime() {
        create("/app/order", "q");
        // six shipments one after the other, each request answered after 400 ms: the last one's turn comes after
        // more than the 1 s delivery deadline; its time counts from its turn (or the purge's), so it is stored
        CloudWatchLogger log = logger(config("/app/order", "q").maxBufferedEvents(10)
                .deliveryDeadline(Duration.ofSeconds(1)));
        server.failNext("PutLogEvents", 6, dev.applog.local.logs.Fault.delay(Duration.ofMillis(400)));
        for (int i = 0; i < 60; i++) {
            log.info("seq " + i);
        }
        assertTrue(log.purge(Duration.ofSeconds(20)), "all stored: " + log.stats() + " " + stdout.text());
        assertEquals(60, stored("/app/order", "q").size());
        assertEquals(List.of(), stdout.fallbackLines());
    }

    /** Every event of the stream from its head, through GetLogEvents as a user's tool reads it. */
    private List<String> readBack(String group, String stream) {
        List<String> messages = new ArrayList<>();
        String token = null;
        while (true) {
            String from = token;
            GetLogEventsResponse page = client.getLogEvents(b -> b.logGroupName(group).logStreamName(stream)
                    .startFromHead(true).nextToken(from));
            for (OutputLogEvent event : page.events()) {
                messages.add(event.message());
            }
            if (page.events().isEmpty() || page.nextForwardToken().equals(token)) {
                return messages;
            }
            token = page.nextForwardToken();
        }
    }
}
