package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.delivery.DeliveryTestAccess;
import dev.applog.local.logs.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batching, ordering, creation on demand and splitting, seen from the endpoint. */
class CloudWatchDeliveryTest extends LocalEndpointTest {

    @Test
    void aThousandEventsCostOnePutLogEventsRequest() {
        create("/app/shop", "s");
        CloudWatchLogger log = logger(config("/app/shop", "s"));
        for (int i = 0; i < 1_000; i++) {
            log.info("event " + i);
        }
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(1, puts());
        assertEquals(1, server.totalRequests(), "no Describe call, no create: the stream was there");
        List<String> stored = stored("/app/shop", "s");
        assertEquals(IntStream.range(0, 1_000).mapToObj(i -> "event " + i).collect(Collectors.toList()), stored);
        DeliveryStats stats = log.stats();
        assertEquals(1_000, stats.eventsLogged());
        assertEquals(1_000, stats.eventsSent());
        assertEquals(1, stats.putRequests());
        assertEquals(0, stats.fallbackEvents());
        assertEquals(0, stats.eventsPending());
    }

    @Test
    void theOriginalsTwentyEventTriggerWouldCostFiftyRequests() {
        create("/app/compare", "s");
        CloudWatchLogger log = logger(config("/app/compare", "s").maxBufferedEvents(20));
        for (int i = 0; i < 1_000; i++) {
            log.info("event " + i);
        }
        assertTrue(log.purge(Duration.ofSeconds(20)));
        assertEquals(50, puts());
        assertEquals(1_000, stored("/app/compare", "s").size());
        System.out.println("requests for 1,000 events: default triggers 1, the original's 20-event trigger " + puts());
    }

    @Test
    void groupAndStreamAreCreatedOnDemandPutFirst() {
        CloudWatchLogger log = logger(config("/app/new", "fresh"));
        log.info("first");
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(List.of("first"), stored("/app/new", "fresh"));
        assertEquals(2, puts(), "put, then put again after creating");
        assertEquals(1, server.requests("CreateLogGroup"));
        assertEquals(2, server.requests("CreateLogStream"), "the stream first; the group was missing too; then again");
        assertEquals(0, server.requests("DescribeLogStreams") + server.requests("DescribeLogGroups"));

        // a missing stream in an existing group: only the stream is made
        server.resetCounters();
        CloudWatchLogger other = logger(config("/app/new", "second"));
        other.info("x");
        assertTrue(other.purge(Duration.ofSeconds(10)));
        assertEquals(0, server.requests("CreateLogGroup"));
        assertEquals(1, server.requests("CreateLogStream"));
        assertEquals(List.of("x"), stored("/app/new", "second"));
    }

    @Test
    void twoRacingWritersBothCreateAndNothingIsLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            // two separate loggers, as two Lambda functions would have
            CloudWatchLogger log = logger(config("/app/race", "shared"));
            results.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 100; i++) {
                    log.info("w" + writer + "-" + i);
                }
                return log.purge(Duration.ofSeconds(10));
            }));
        }
        start.countDown();
        for (Future<Boolean> result : results) {
            assertTrue(result.get());
        }
        pool.shutdown();
        List<String> stored = stored("/app/race", "shared");
        assertEquals(200, stored.size());
        assertEquals(200, stored.stream().distinct().count());
        assertTrue(stdout.fallbackLines().isEmpty(), stdout.text());
    }

    @Test
    void tenThousandEventsAreOneRequestAndOneMoreMakesTwo() {
        create("/app/big", "s");
        CloudWatchLogger log = logger(config("/app/big", "s"));
        for (int i = 0; i < 10_000; i++) {
            log.info("e" + i);
        }
        assertTrue(log.purge(Duration.ofSeconds(20)));
        assertEquals(1, puts());
        server.resetCounters();
        CloudWatchLogger more = logger(config("/app/big", "s"));
        for (int i = 0; i < 10_001; i++) {
            more.info("f" + i);
        }
        assertTrue(more.purge(Duration.ofSeconds(20)));
        assertEquals(2, puts());
        assertEquals(20_001, stored("/app/big", "s").size());
    }

    @Test
    void bytesJustUnderAndJustOverOneRequest() {
        create("/app/bytes", "s");
        // 4 events of 262,118 bytes + 26 = exactly 1,048,576 bytes: one request
        String exact = "€".repeat(87_372) + "aa";  // 262,116 + 2 bytes of multi-byte text
        assertEquals(262_118, LogEvent.utf8LengthSlow(exact));
        CloudWatchLogger log = logger(config("/app/bytes", "s"));  // #mini, no function, INFO: no prefix
        for (int i = 0; i < 4; i++) {
            log.info(exact);
        }
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(1, puts());
        server.resetCounters();
        for (int i = 0; i < 3; i++) {
            log.info(exact);
        }
        log.info(exact + "a");  // one byte more
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(2, puts());
        assertEquals(8, stored("/app/bytes", "s").size());
        assertTrue(stdout.fallbackLines().isEmpty());
    }

    @Test
    void jsonAndCallerFormatsAlsoFillOneRequestToTheByte() {
        fillsOneRequestToTheByte("#json");
        fillsOneRequestToTheByte("#standard");
    }

    /**
     * The size of an event is counted before its text is written (the sender writes it): a probe with characters
     * the JSON format escapes shows the size of the text around the message; messages grown by plain letters to
     * 262,118 bytes of text each make exactly one request of four events, and one byte more makes two requests.
     */
    private void fillsOneRequestToTheByte(String format) {
        String group = "/app/exact" + format.substring(1);
        create(group, "s");
        LoggerConfig.Builder config = config(group, "s").format(format).function("pay").service("shop")
                .clock(Clock.fixed(Instant.ofEpochMilli(System.currentTimeMillis() / 1000 * 1000 + 89), ZoneOffset.UTC));
        AppLogger log = logger(config).withContext(Map.of("function_request_id", "req-1", "cold_start", true));
        String probe = "€ \"quoted\"\n\u0001 tab\t";
        log.info(probe);
        assertTrue(log.purge(Duration.ofSeconds(10)));
        int probeBytes = LogEvent.utf8LengthSlow(stored(group, "s").get(0));
        String exact = probe + "a".repeat(262_118 - probeBytes);
        server.resetCounters();
        for (int i = 0; i < 4; i++) {
            log.info(exact);
        }
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(1, puts(), format);
        List<String> stored = stored(group, "s");
        assertEquals(262_118, LogEvent.utf8LengthSlow(stored.get(stored.size() - 1)), format);
        server.resetCounters();
        for (int i = 0; i < 3; i++) {
            log.info(exact);
        }
        log.info(exact + "a");
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(2, puts(), format);
        assertEquals(9, stored(group, "s").size());
        assertTrue(stdout.fallbackLines().isEmpty());
    }

    @Test
    void aThrowableWhoseToStringThrowsIsLoggedWithItsFrames() {
        create("/app/broken", "s");
        CloudWatchLogger log = logger(config("/app/broken", "s"));
        Throwable broken = new IllegalStateException("hidden") {
            @Override
            public String toString() { throw new UnsupportedOperationException("no text"); }
        };
        log.exception("failed", broken);
        List<String> stored = stored("/app/broken", "s");
        assertEquals(1, stored.size());
        assertTrue(stored.get(0).startsWith("ERROR: failed\n" + broken.getClass().getName() + " (applog: its stack trace "
                + "could not be written: java.lang.UnsupportedOperationException: no text)\n\tat "), stored.get(0));
        assertTrue(stored.get(0).contains("aThrowableWhoseToStringThrowsIsLoggedWithItsFrames"), stored.get(0));
        assertTrue(stdout.lines().isEmpty(), "nothing went wrong: " + stdout.lines());
    }

    @Test
    void eventsAreSentInChronologicalOrderEvenWhenLoggedOutOfOrder() {
        create("/app/order", "s");
        Instant now = Instant.now();
        ManualClock clock = new ManualClock(now);
        CloudWatchLogger log = logger(config("/app/order", "s").clock(clock));
        clock.set(now.plusMillis(30));
        log.info("third");
        clock.set(now);
        log.info("first");
        clock.set(now.plusMillis(10));
        log.info("second");
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(1, puts(), "sorted, so the service took the batch at once");
        assertEquals(List.of("first", "second", "third"), stored("/app/order", "s"));
    }

    @Test
    void aSpanOverTwentyFourHoursIsSplitIntoTwoRequests() {
        create("/app/span", "s");
        Instant now = Instant.now();
        ManualClock clock = new ManualClock(now.minus(Duration.ofHours(25)));
        CloudWatchLogger log = logger(config("/app/span", "s").clock(clock));
        log.info("yesterday");
        clock.set(now.minus(Duration.ofMinutes(30)));
        log.info("half an hour ago");
        clock.set(now);
        log.info("now");
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(2, puts());
        assertEquals(List.of("yesterday", "half an hour ago", "now"), stored("/app/span", "s"));

        server.resetCounters();
        clock.set(now.minus(Duration.ofHours(24)));
        log.info("exactly a day before");
        clock.set(now);
        log.info("now again");
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(1, puts(), "24 hours exactly is allowed");
    }

    @Test
    void theDateInTheStreamNameIsTheEventsUtcDay() {
        Instant now = Instant.now();
        ManualClock clock = new ManualClock(now.minus(Duration.ofDays(1)));
        CloudWatchLogger log = logger(config("/app/daily", "shop-{date}").clock(clock));
        log.info("yesterday's");
        clock.set(now);
        log.info("today's");
        assertTrue(log.purge(Duration.ofSeconds(10)));
        String today = "shop-" + LocalDate.ofInstant(now, ZoneOffset.UTC);
        String yesterday = "shop-" + LocalDate.ofInstant(now.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        assertEquals(List.of("yesterday's"), stored("/app/daily", yesterday));
        assertEquals(List.of("today's"), stored("/app/daily", today));
    }

    @Test
    void theFunctionInTheStreamName() {
        CloudWatchLogger log = logger(config("/app/fn", "{function}-log").function("orders"));
        log.info("x");
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(List.of("orders: x"), stored("/app/fn", "orders-log"));
    }

    @Test
    void jsonEventsCarryTheContextFields() throws Exception {
        CloudWatchLogger root = logger(config("/app/json", "s").format("#json"));
        AppLogger log = root.withContext(Map.of("function_name", "orders", "function_request_id", "req-7",
                "cold_start", false));
        log.info("{\"total\": 12.5}");
        assertTrue(log.purge(Duration.ofSeconds(10)));
        JsonNode event = new ObjectMapper().readTree(stored("/app/json", "s").get(0));
        assertEquals("req-7", event.get("function_request_id").asText());
        assertEquals("orders", event.get("function_name").asText());
        assertEquals(12.5, event.get("message").get("total").asDouble());
        assertFalse(event.get("cold_start").asBoolean());
    }

    @Test
    void echoPrintsEveryEventTooAtDebug() {
        CloudWatchLogger log = logger(config("/app/echo", "s").level(Level.DEBUG));
        log.debug("seen twice");
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(List.of("seen twice"), stored("/app/echo", "s"));
        assertEquals(List.of("seen twice"), stdout.lines());
    }

    @Test
    void criticalExceptionAndWithPurgeSendAtOnce() {
        create("/app/purging", "s");
        CloudWatchLogger log = logger(config("/app/purging", "s"));
        log.info("buffered");
        assertTrue(stored("/app/purging", "s").isEmpty());
        log.critical("down");
        assertEquals(List.of("buffered", "CRITICAL: down"), stored("/app/purging", "s"));
        log.exception("failed", new IllegalStateException("boom"));
        assertEquals(3, stored("/app/purging", "s").size());
        assertTrue(stored("/app/purging", "s").get(2).startsWith("ERROR: failed"));
        log.warning("now", true);
        assertEquals(4, stored("/app/purging", "s").size());
        assertEquals(3, puts());
    }

    @Test
    void atExitEveryLiveLoggerIsPurged() {
        create("/app/exit", "s");
        CloudWatchLogger log = logger(config("/app/exit", "s"));
        AppLogger invocation = log.withContext(Map.of("function_request_id", "r"));
        log.info("root's");
        invocation.info("invocation's");
        DeliveryTestAccess.purgeAllAtExit();
        // two loggers' buffers: both stored, in no promised order (their timestamps may be equal)
        assertEquals(Set.of("root's", "invocation's"), Set.copyOf(stored("/app/exit", "s")));
        assertEquals(2, stored("/app/exit", "s").size());
    }

    @Test
    void theBufferAgeTriggerSendsWithoutAPurge() throws Exception {
        create("/app/age", "s");
        CloudWatchLogger log = logger(config("/app/age", "s").maxBufferAge(Duration.ofMillis(100)));
        log.info("aged out");
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stored("/app/age", "s").isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(List.of("aged out"), stored("/app/age", "s"));
        assertEquals(1, puts());
    }

    @Test
    void theCountTriggerSendsWhileTheCallerKeepsLogging() throws Exception {
        create("/app/count", "s");
        CloudWatchLogger log = logger(config("/app/count", "s").maxBufferedEvents(10));
        for (int i = 0; i < 25; i++) {
            log.info("c" + i);
        }
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stored("/app/count", "s").size() < 20 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(20, stored("/app/count", "s").size(), "two full buffers went out in the background");
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(25, stored("/app/count", "s").size());
        assertEquals(3, puts());
    }

    @Test
    void theSharedClientPathWithAnExplicitEndpointAndRegion() {
        withSystemPropertyCredentials(() -> {
            AppLogger log = AppLoggers.create(LoggerConfig.builder().group("/app/shared").stream("s").format("#short")
                    .endpoint(server.endpoint()).region("us-east-1").out(stdout.out).build());
            log.info("through the shared client");
            assertTrue(log.purge(Duration.ofSeconds(10)), stdout.text());
            assertEquals(List.of("INFO: : through the shared client"), stored("/app/shared", "s"));
        });
    }
}
