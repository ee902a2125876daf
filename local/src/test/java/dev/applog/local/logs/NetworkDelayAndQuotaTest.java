package dev.applog.local.logs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The injected network delay (PutLogEvents only, the slow tail picked by a seed) and the account's PutLogEvents
 * quota, through the real SDK with retries off. Behaviour only: what the endpoint answered and says it did.
 */
class NetworkDelayAndQuotaTest {

    private static void put(CloudWatchLogsClient logs, String message) {
        logs.putLogEvents(r -> r.logGroupName("/g").logStreamName("s").logEvents(InputLogEvent.builder()
                .timestamp(System.currentTimeMillis()).message(message).build()));
    }

    @Test
    void theDelayAppliesToPutLogEventsOnly() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (LocalLogsServer server = LocalLogsServer.builder().requestListener(lines::add)
                .putLogEventsDelay(NetworkDelay.fixed(Duration.ofMillis(30))).start();
             CloudWatchLogsClient logs = SdkClients.withoutRetries(server.endpoint())) {
            logs.createLogGroup(r -> r.logGroupName("/g"));
            logs.createLogStream(r -> r.logGroupName("/g").logStreamName("s"));
            put(logs, "one");
            logs.getLogEvents(r -> r.logGroupName("/g").logStreamName("s"));
            logs.describeLogStreams(r -> r.logGroupName("/g"));

            assertEquals(5, lines.size(), lines.toString());
            for (String line : lines) {
                assertEquals(line.startsWith("PutLogEvents"), line.contains("after a 30 ms network delay"), line);
            }
            assertEquals(1, server.events("/g", "s").size());
            assertEquals(Duration.ofMillis(30), server.putLogEventsDelay().fixedDelay());
        }
    }

    @Test
    void theSlowTailIsPickedBySeedOneRequestInNOnAverage() {
        NetworkDelay delay = NetworkDelay.fixed(Duration.ofMillis(30)).withSlowTail(20, Duration.ofMillis(150)).seed(7);
        List<Duration> first = draws(delay, 4000);
        assertEquals(first, draws(delay, 4000), "the same seed picks the same requests");
        assertNotEquals(first, draws(delay.seed(8), 4000), "another seed picks others");
        long slow = first.stream().filter(d -> d.equals(Duration.ofMillis(150))).count();
        assertEquals(4000 - slow, first.stream().filter(d -> d.equals(Duration.ofMillis(30))).count());
        // seed 7's sequence: about 1 in 20 (200 expected of 4000; a binomial's 3 standard deviations are about 41)
        assertTrue(slow > 150 && slow < 250, "slow requests: " + slow);
        assertEquals("30 ms, 1 in 20 at 150 ms (seed 7)", delay.toString());
        assertEquals("none", NetworkDelay.NONE.toString());
    }

    private static List<Duration> draws(NetworkDelay delay, int count) {
        NetworkDelay fresh = delay.seed(delay.seedValue());  // a new sequence from the seed
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(fresh.next());
        }
        return out;
    }

    @Test
    void theCommandLineFormsParseAndBadOnesAreRefusedNamingTheRule() {
        assertEquals(Duration.ofMillis(30), NetworkDelay.parseDuration("--put-delay", "30ms"));
        assertEquals(Duration.ofMillis(1500), NetworkDelay.parseDuration("--put-delay", "1.5s"));
        assertEquals(Duration.ZERO, NetworkDelay.parseDuration("--put-delay", "0"));
        NetworkDelay tail = NetworkDelay.NONE.withSlowTail("--put-slow-tail", "1/20:150ms");
        assertEquals(20, tail.slowOneIn());
        assertEquals(Duration.ofMillis(150), tail.slowDelay());

        for (String bad : List.of("30", "-5ms", "thirty", "30 min", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NetworkDelay.parseDuration("--put-delay", bad));
            assertEquals("--put-delay must be a duration such as 30ms or 1.5s, got '" + bad + "'", e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworkDelay.parseDuration("--put-delay", "11s0"))
                .getMessage().contains("--put-delay"));
        assertEquals("--put-delay must be at most 10 minutes, got '601s'", assertThrows(IllegalArgumentException.class,
                () -> NetworkDelay.parseDuration("--put-delay", "601s")).getMessage());
        for (String bad : List.of("20:150ms", "1/20", "1/20:fast", "2/20:150ms")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NetworkDelay.NONE.withSlowTail("--put-slow-tail", bad));
            assertTrue(e.getMessage().startsWith("--put-slow-tail must be"), e.getMessage());
        }
        assertEquals("--put-slow-tail: N in 1/N must be at least 1, got '1/0:150ms'", assertThrows(
                IllegalArgumentException.class, () -> NetworkDelay.NONE.withSlowTail("--put-slow-tail", "1/0:150ms"))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetworkDelay.fixed(Duration.ofMillis(-1)));
        assertEquals("the PutLogEvents quota must be 1..1000000 requests per second, or 0 for none, got -1",
                assertThrows(IllegalArgumentException.class, () -> LocalLogsServer.builder().putLogEventsQuota(-1))
                        .getMessage());
    }

    @Test
    void aPutOverTheAccountQuotaIsThrottledAsTheServiceAnswersAndStoresNothing() {
        ManualClock clock = new ManualClock();
        try (LocalLogsServer server = LocalLogsServer.builder().clock(clock).putLogEventsQuota(3).start();
             CloudWatchLogsClient logs = SdkClients.withoutRetries(server.endpoint())) {
            logs.createLogGroup(r -> r.logGroupName("/g"));
            logs.createLogStream(r -> r.logGroupName("/g").logStreamName("s"));
            logs.createLogStream(r -> r.logGroupName("/g").logStreamName("other"));
            put(logs, "1");
            put(logs, "2");
            logs.putLogEvents(r -> r.logGroupName("/g").logStreamName("other").logEvents(InputLogEvent.builder()
                    .timestamp(System.currentTimeMillis()).message("3, in another stream: the quota is the account's")
                    .build()));

            CloudWatchLogsException over = assertThrows(CloudWatchLogsException.class, () -> put(logs, "4"));
            assertEquals(400, over.statusCode());
            assertEquals("ThrottlingException", over.awsErrorDetails().errorCode());
            assertEquals("Rate exceeded", over.awsErrorDetails().errorMessage());
            assertEquals(1, server.throttled());
            assertEquals(3, server.eventsReceived(), "the throttled request stored nothing");
            // other operations are not counted against it
            logs.createLogStream(r -> r.logGroupName("/g").logStreamName("third"));
            logs.getLogEvents(r -> r.logGroupName("/g").logStreamName("s"));

            clock.advance(Duration.ofMillis(999));
            assertThrows(CloudWatchLogsException.class, () -> put(logs, "5"), "still within the second");
            clock.advance(Duration.ofMillis(1));
            put(logs, "6");
            assertEquals(2, server.throttled());
            assertEquals(List.of("1", "2", "6"), server.events("/g", "s").stream().map(StoredEvent::message).toList());
            assertEquals(3, server.putLogEventsQuota());
        }
    }

    @Test
    void withoutAQuotaNothingIsThrottled() {
        try (LocalLogsServer server = LocalLogsServer.start();
             CloudWatchLogsClient logs = SdkClients.withoutRetries(server.endpoint())) {
            logs.createLogGroup(r -> r.logGroupName("/g"));
            logs.createLogStream(r -> r.logGroupName("/g").logStreamName("s"));
            for (int i = 0; i < 50; i++) {
                put(logs, "m" + i);
            }
            assertEquals(0, server.throttled());
            assertEquals(50, server.eventsReceived());
            assertEquals(0, server.putLogEventsQuota());
            assertFalse(server.putLogEventsDelay().delays());
        }
    }
}
