package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.logs.Fault;
import dev.applog.local.logs.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Faults the sender survives, and what goes to the fallback (stdout) with which diagnostic. */
class CloudWatchFailureTest extends LocalEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private List<String> messages(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m" + i).collect(Collectors.toList());
    }

    @Test
    void throttlingServerFaultsAndDroppedConnectionsAreRetriedAndEverythingIsStored() {
        create("/app/faults", "s");
        server.failNext("PutLogEvents", 2, Fault.throttling());
        server.failNext("PutLogEvents", 1, Fault.serviceUnavailable());
        server.failNext("PutLogEvents", 1, Fault.error(500, "InternalFailure", "boom"));
        server.failNext("PutLogEvents", 1, Fault.dropConnection());
        CloudWatchLogger log = logger(config("/app/faults", "s"));
        messages(50).forEach(log::info);
        assertTrue(log.purge(Duration.ofSeconds(20)), stdout.text());
        assertEquals(messages(50), stored("/app/faults", "s"));
        assertEquals(6, puts());
        assertEquals(5, log.stats().retries());
        assertEquals(0, log.stats().fallbackEvents());
        assertTrue(stdout.fallbackLines().isEmpty());
    }

    @Test
    void aSlowResponseTimesOutAndIsRetriedDeliveryIsAtLeastOnce() throws Exception {
        create("/app/slow", "s");
        server.failNext("PutLogEvents", 1, Fault.delay(Duration.ofMillis(1_500)));
        CloudWatchLogger log = logger(config("/app/slow", "s").requestTimeout(Duration.ofMillis(500)));
        messages(5).forEach(log::info);
        assertTrue(log.purge(Duration.ofSeconds(20)), stdout.text());
        assertTrue(log.stats().retries() >= 1);
        // the timed-out request is answered later and stored too: every event is there at least once
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (stored("/app/slow", "s").size() < 10 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(new HashSet<>(messages(5)), new HashSet<>(stored("/app/slow", "s")));
        assertEquals(10, stored("/app/slow", "s").size(), "stored twice: at-least-once, as documented");
    }

    @Test
    void accessDeniedGoesToTheFallbackWithOneDiagnosticNamingTheAction() throws Exception {
        create("/app/denied", "s");
        server.failNext("PutLogEvents", 2, Fault.accessDenied());
        CloudWatchLogger log = logger(config("/app/denied", "s"));
        messages(3).forEach(log::info);
        assertFalse(log.purge(Duration.ofSeconds(10)));
        log.info("again");
        assertFalse(log.purge(Duration.ofSeconds(10)));
        assertEquals(2, puts(), "not retried: one request per purge");
        assertEquals(0, log.stats().retries());
        List<String> fallback = stdout.fallbackLines();
        assertEquals(4, fallback.size());
        JsonNode first = JSON.readTree(fallback.get(0));
        assertEquals("fallback", first.get("applog").asText());
        assertEquals("/app/denied", first.get("group").asText());
        assertEquals("s", first.get("stream").asText());
        assertEquals("m0", first.get("message").asText());
        assertTrue(first.get("timestamp").asLong() > 0);
        assertTrue(first.get("reason").asText().contains("AccessDeniedException"));
        List<String> diagnostics = stdout.diagnostics();
        assertEquals(1, diagnostics.size(), "one diagnostic, not one per event: " + diagnostics);
        assertTrue(diagnostics.get(0).contains("logs:PutLogEvents") && diagnostics.get(0).contains("/app/denied"),
                diagnostics.get(0));
        assertEquals(4, log.stats().fallbackEvents());
        assertEquals(0, log.stats().eventsPending());
        assertTrue(stored("/app/denied", "s").isEmpty());
    }

    @Test
    void accessDeniedOnCreateNamesCreateLogStream() {
        server.failNext("CreateLogStream", 1, Fault.accessDenied());
        CloudWatchLogger log = logger(config("/app/nocreate", "s"));
        log.info("lost? no: in the fallback");
        assertFalse(log.purge(Duration.ofSeconds(10)));
        assertEquals(1, stdout.fallbackLines().size());
        assertTrue(stdout.diagnostics().get(0).contains("logs:CreateLogStream"), stdout.diagnostics().toString());
    }

    @Test
    void badCredentialsGoToTheFallbackWithADiagnosticAboutCredentials() {
        create("/app/creds", "s");
        server.failNext(null, 1, Fault.unrecognizedClient());
        CloudWatchLogger log = logger(config("/app/creds", "s"));
        log.info("x");
        assertFalse(log.purge(Duration.ofSeconds(10)));
        assertEquals(1, stdout.fallbackLines().size());
        assertTrue(stdout.diagnostics().get(0).contains("credentials were not accepted"), stdout.diagnostics().toString());
    }

    @Test
    void rejectedTooOldEventsGoToTheFallbackAndTheRestIsStored() throws Exception {
        create("/app/old", "s");
        Instant now = Instant.now();
        ManualClock clock = new ManualClock(now.minus(Duration.ofDays(14)).minus(Duration.ofHours(1)));
        CloudWatchLogger log = logger(config("/app/old", "s").clock(clock));
        log.info("too old");
        clock.set(now.minus(Duration.ofDays(14)).plus(Duration.ofHours(1)));
        log.info("old but fine");
        assertFalse(log.purge(Duration.ofSeconds(10)));
        assertEquals(1, puts());
        assertEquals(List.of("old but fine"), stored("/app/old", "s"));
        List<String> fallback = stdout.fallbackLines();
        assertEquals(1, fallback.size());
        JsonNode line = JSON.readTree(fallback.get(0));
        assertEquals("too old", line.get("message").asText());
        assertTrue(line.get("reason").asText().contains("too old"));
        assertTrue(stdout.diagnostics().get(0).contains("clock"), stdout.diagnostics().toString());
    }

    @Test
    void rejectedTooNewEventsGoToTheFallback() throws Exception {
        create("/app/new", "s");
        Instant now = Instant.now();
        ManualClock clock = new ManualClock(now);
        CloudWatchLogger log = logger(config("/app/new", "s").clock(clock));
        log.info("fine");
        clock.set(now.plus(Duration.ofHours(3)));
        log.info("from the future");
        assertFalse(log.purge(Duration.ofSeconds(10)));
        assertEquals(List.of("fine"), stored("/app/new", "s"));
        List<String> fallback = stdout.fallbackLines();
        assertEquals(1, fallback.size());
        assertTrue(JSON.readTree(fallback.get(0)).get("reason").asText().contains("too new"));
        assertEquals(1, log.stats().eventsSent());
        assertEquals(1, log.stats().fallbackEvents());
    }

    @Test
    void aPurgeThatRunsOutOfTimeOnItsOwnRequestHandsTheEventsToTheFallback() {
        create("/app/deadline", "s");
        server.failNext("PutLogEvents", 1, Fault.delay(Duration.ofSeconds(3)));
        CloudWatchLogger log = logger(config("/app/deadline", "s").requestTimeout(Duration.ofSeconds(10)));
        messages(3).forEach(log::info);
        assertFalse(log.purge(Duration.ofMillis(300)));
        assertEquals(3, stdout.fallbackLines().size(), stdout.text());
        assertTrue(stdout.diagnostics().get(0).contains("at-least-once"), stdout.diagnostics().toString());
        assertEquals(3, log.stats().fallbackEvents());
        assertEquals(0, log.stats().eventsPending());
    }

    @Test
    void aPurgeThatRunsOutOfTimeHandsWhatTheBackgroundSenderHoldsToTheFallback() throws Exception {
        create("/app/inflight", "s");
        server.failNext("PutLogEvents", 1, Fault.delay(Duration.ofSeconds(3)));
        CloudWatchLogger log = logger(config("/app/inflight", "s").requestTimeout(Duration.ofSeconds(10))
                .maxBufferedEvents(3));
        messages(3).forEach(log::info);  // a full buffer: the background sender takes it
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (puts() < 1 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertFalse(log.purge(Duration.ofMillis(300)));
        assertEquals(3, stdout.fallbackLines().size(), stdout.text());
        assertTrue(stdout.diagnostics().get(0).contains("at-least-once"), stdout.diagnostics().toString());
        assertEquals(3, log.stats().fallbackEvents());
        assertEquals(0, log.stats().eventsPending());
    }

    @Test
    void undeliverableWithinTheDeadlineGoesToTheFallbackWithADiagnostic() {
        create("/app/down", "s");
        server.failNext("PutLogEvents", 1_000, Fault.serviceUnavailable());
        CloudWatchLogger log = logger(config("/app/down", "s"));
        messages(2).forEach(log::info);
        assertFalse(log.purge(Duration.ofMillis(700)));
        assertEquals(2, stdout.fallbackLines().size());
        assertTrue(stdout.fallbackLines().get(0).contains("ServiceUnavailableException"), stdout.text());
        assertTrue(stdout.diagnostics().get(0).contains("deliveryDeadline"), stdout.diagnostics().toString());
        assertTrue(log.stats().retries() >= 1);
        server.clearFaults();
    }

    @Test
    void aClientThatCannotBeMadeGoesToTheFallbackNamingAwsRegion() {
        CloudWatchLogger log = logger(config("/app/noregion", "s").clientSupplier(() -> {
            throw SdkClientException.create("Unable to load region from any of the providers in the chain");
        }));
        log.info("kept");
        assertFalse(log.purge(Duration.ofSeconds(5)));
        assertEquals(1, stdout.fallbackLines().size());
        assertTrue(stdout.diagnostics().get(0).contains("AWS_REGION"), stdout.diagnostics().toString());
    }

    @Test
    void missingCredentialsGoToTheFallbackAtOnceNamingTheFix() {
        software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient noCredentials =
                software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.builder()
                        .endpointOverride(server.endpoint())
                        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                        .credentialsProvider(() -> {
                            throw SdkClientException.create("Unable to load credentials from any of the providers");
                        })
                        .build();
        try {
            CloudWatchLogger log = logger(config("/app/nocreds", "s").clientSupplier(() -> noCredentials));
            log.info("kept");
            assertFalse(log.purge(Duration.ofSeconds(10)));
            assertEquals(0, log.stats().retries(), "nothing to retry");
            assertEquals(1, stdout.fallbackLines().size());
            assertTrue(stdout.diagnostics().get(0).contains("execution role"), stdout.diagnostics().toString());
            assertEquals(0, server.totalRequests());
        } finally {
            noCredentials.close();
        }
    }

    @Test
    void aLogCallNeverThrows() {
        CloudWatchLogger log = logger(config("/app/never", "s"));
        log.log(null, (String) null);
        log.info((String) null);
        log.exception(null, null);
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(List.of("null", "null", "ERROR: null"), stored("/app/never", "s"), "a null level is INFO");
    }
}
