package dev.applog.local.logs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What only the local endpoint offers or can show exactly: an injected clock (exact too-new / too-old
 * boundaries), the legacy event size limit, counters, direct read access and the protocol's edges.
 */
class LocalLogsServerTest {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static LocalLogsServer serverAt(Instant now) {
        return LocalLogsServer.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).start();
    }

    private static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }

    private static void createGroupAndStream(CloudWatchLogsClient logs, String group, String stream) {
        logs.createLogGroup(r -> r.logGroupName(group));
        logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
    }

    private static PutLogEventsResponse put(CloudWatchLogsClient logs, String group, String stream,
                                            InputLogEvent... events) {
        return logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(events));
    }

    @Test
    void tooOldAndTooNewAreDecidedByTheInjectedClockToTheMillisecond() {
        long now = NOW.toEpochMilli();
        try (LocalLogsServer server = serverAt(NOW);
             CloudWatchLogsClient logs = SdkClients.withoutRetries(server.endpoint())) {
            createGroupAndStream(logs, "/g", "s");
            RejectedLogEventsInfo old = put(logs, "/g", "s",
                    event(now - 14 * DAY - 1, "one ms too old"), event(now - 14 * DAY, "exactly 14 days old"))
                    .rejectedLogEventsInfo();
            assertEquals(1, old.tooOldLogEventEndIndex());
            assertNull(old.tooNewLogEventStartIndex());
            assertNull(old.expiredLogEventEndIndex());

            RejectedLogEventsInfo young = put(logs, "/g", "s",
                    event(now + 2 * HOUR, "exactly 2 hours ahead"), event(now + 2 * HOUR + 1, "one ms too new"))
                    .rejectedLogEventsInfo();
            assertEquals(1, young.tooNewLogEventStartIndex());
            assertNull(young.tooOldLogEventEndIndex());

            List<StoredEvent> stored = server.events("/g", "s");
            assertEquals(List.of("exactly 14 days old", "exactly 2 hours ahead"),
                    stored.stream().map(StoredEvent::message).toList());
            assertTrue(stored.stream().allMatch(e -> e.ingestionTime() == now), "ingestion time is the clock's now");
            assertEquals(2, server.eventsReceived());
            assertEquals(2, server.eventsRejected());
        }
    }

    @Test
    void retentionDecidesWhatIsExpiredBeforeTheFourteenDayRule() {
        long now = NOW.toEpochMilli();
        try (LocalLogsServer server = serverAt(NOW);
             CloudWatchLogsClient logs = SdkClients.withoutRetries(server.endpoint())) {
            createGroupAndStream(logs, "/g", "s");
            logs.putRetentionPolicy(r -> r.logGroupName("/g").retentionInDays(1));
            RejectedLogEventsInfo expired = put(logs, "/g", "s",
                    event(now - DAY - 1, "expired"), event(now - DAY, "kept")).rejectedLogEventsInfo();
            assertEquals(1, expired.expiredLogEventEndIndex());
            assertNull(expired.tooOldLogEventEndIndex());

            logs.putRetentionPolicy(r -> r.logGroupName("/g").retentionInDays(30));
            PutLogEventsResponse allRejected = put(logs, "/g", "s", event(now - 20 * DAY, "too old, not expired"));
            assertEquals(1, allRejected.rejectedLogEventsInfo().tooOldLogEventEndIndex());
            assertNull(allRejected.rejectedLogEventsInfo().expiredLogEventEndIndex());
            assertNull(allRejected.nextSequenceToken(), "no token when nothing was stored");
            assertEquals(List.of("kept"), server.events("/g", "s").stream().map(StoredEvent::message).toList());
        }
    }

    @Test
    void theLegacyEventLimitIs262144BytesIncludingTheOverhead() {
        try (LocalLogsServer server = LocalLogsServer.builder()
                .eventSizeLimit(LocalLogsServer.LEGACY_EVENT_SIZE_LIMIT).start();
             CloudWatchLogsClient logs = SdkClients.withoutRetries(server.endpoint())) {
            createGroupAndStream(logs, "/g", "s");
            long now = System.currentTimeMillis();
            put(logs, "/g", "s", event(now, "x".repeat(262_144 - 26)));
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> put(logs, "/g", "s", event(now, "x".repeat(262_144 - 25))));
            assertEquals("Log event too large: 262145 bytes exceeds limit of 262144", e.awsErrorDetails().errorMessage());
            assertEquals(1, server.events("/g", "s").size());
        }
    }

    @Test
    void theDefaultEventLimitIsTheServicesCurrentOne() {
        try (LocalLogsServer server = LocalLogsServer.start();
             CloudWatchLogsClient logs = SdkClients.withoutRetries(server.endpoint())) {
            createGroupAndStream(logs, "/g", "s");
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> put(logs, "/g", "s", event(System.currentTimeMillis(), "x".repeat(1_048_576 - 25))));
            assertEquals("Log event too large: 1048577 bytes exceeds limit of 1048576", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void aGetLogEventsPageHoldsAtMostOneMegabyteAndPagingReturnsEverything() {
        try (LocalLogsServer server = LocalLogsServer.start();
             CloudWatchLogsClient logs = SdkClients.withoutRetries(server.endpoint())) {
            createGroupAndStream(logs, "/g", "s");
            long now = System.currentTimeMillis();
            String big = "x".repeat(200_000);
            for (int batch = 0; batch < 3; batch++) {
                InputLogEvent[] events = new InputLogEvent[4];
                for (int i = 0; i < 4; i++) {
                    events[i] = event(now + batch * 4 + i, big + (batch * 4 + i));
                }
                put(logs, "/g", "s", events);
            }
            int total = 0;
            String token = null;
            while (true) {
                String current = token;
                var page = logs.getLogEvents(r -> r.logGroupName("/g").logStreamName("s").startFromHead(true)
                        .nextToken(current));
                long bytes = page.events().stream().mapToLong(e -> e.message().length() + 26).sum();
                assertTrue(bytes <= 1_048_576, "a page holds at most 1 MB, got " + bytes);
                total += page.events().size();
                if (page.nextForwardToken().equals(current)) {
                    break;
                }
                token = page.nextForwardToken();
            }
            assertEquals(12, total);
        }
    }

    @Test
    void countersCountRequestsAcceptedEventsAndTheirBytes() {
        try (LocalLogsServer server = LocalLogsServer.start();
             CloudWatchLogsClient logs = SdkClients.withoutRetries(server.endpoint())) {
            createGroupAndStream(logs, "/g", "s");
            long now = System.currentTimeMillis();
            put(logs, "/g", "s", event(now, "é"), event(now, "€uro"), event(now, "😀"));
            assertThrows(InvalidParameterException.class,
                    () -> put(logs, "/g", "s", event(now, "b"), event(now - 1, "a")));
            assertEquals(1, server.requests("CreateLogGroup"));
            assertEquals(1, server.requests("CreateLogStream"));
            assertEquals(2, server.requests("PutLogEvents"), "refused calls are requests too");
            assertEquals(0, server.requests("GetLogEvents"));
            assertEquals(4, server.totalRequests());
            assertEquals(3, server.eventsReceived(), "only the accepted call's events");
            assertEquals(2 + 6 + 4 + 3 * 26, server.bytesReceived(), "UTF-8 bytes + 26 per event");

            server.resetCounters();
            assertEquals(0, server.totalRequests());
            assertEquals(0, server.requests("PutLogEvents"));
            assertEquals(0, server.eventsReceived());
            assertEquals(0, server.bytesReceived());
            assertEquals(3, server.events("/g", "s").size(), "resetting counters keeps the events");
        }
    }

    @Test
    void eventsAreKeptInTimestampOrderAcrossCallsAndStableForEqualTimestamps() {
        try (LocalLogsServer server = LocalLogsServer.start();
             CloudWatchLogsClient logs = SdkClients.withoutRetries(server.endpoint())) {
            assertFalse(server.groupExists("/g"));
            createGroupAndStream(logs, "/g", "s");
            assertTrue(server.groupExists("/g"));
            assertTrue(server.streamExists("/g", "s"));
            assertFalse(server.streamExists("/g", "other"));
            long t = System.currentTimeMillis();
            put(logs, "/g", "s", event(t, "a"));
            put(logs, "/g", "s", event(t - 5, "earlier, sent later"));
            put(logs, "/g", "s", event(t, "b"), event(t, "c"));
            assertEquals(List.of("earlier, sent later", "a", "b", "c"),
                    server.events("/g", "s").stream().map(StoredEvent::message).toList());
            assertEquals(List.of(), server.events("/g", "missing"));
            assertEquals(List.of(), server.events("/missing", "s"));
        }
    }

    @Test
    void theRequestListenerHearsEveryAnswerInOneLine() {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LocalLogsServer server = LocalLogsServer.builder().requestListener(heard::add).start();
             CloudWatchLogsClient logs = SdkClients.withoutRetries(server.endpoint())) {
            createGroupAndStream(logs, "/g", "s");
            server.failNext("PutLogEvents", 1, Fault.throttling());
            long now = System.currentTimeMillis();
            assertThrows(software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException.class,
                    () -> put(logs, "/g", "s", event(now, "x")));
            put(logs, "/g", "s", event(now - 20 * DAY, "old"), event(now, "x"));
            assertThrows(software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException.class,
                    () -> put(logs, "/g", "nope", event(now, "x")));
        }
        assertEquals(List.of(
                "CreateLogGroup /g: ok",
                "CreateLogStream /g s: ok",
                "PutLogEvents: played Fault[400 ThrottlingException]",
                "PutLogEvents /g s: 1 events stored, 1 rejected (too new/old)",
                "PutLogEvents /g nope: ResourceNotFoundException: The specified log stream does not exist."), heard);
    }

    // ---------------------------------------------------------------- protocol edges

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder post(LocalLogsServer server, String operation) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1");
        return operation == null ? builder : builder.header("X-Amz-Target", "Logs_20140328." + operation);
    }

    @Test
    void requestsOutsideTheProtocolGetTheServicesErrorShapeNotACrash() throws Exception {
        try (LocalLogsServer server = LocalLogsServer.start()) {
            HttpResponse<String> noTarget = send(post(server, null).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertEquals(400, noTarget.statusCode());
            assertTrue(noTarget.body().contains("\"__type\":\"UnknownOperationException\""), noTarget.body());
            assertTrue(noTarget.body().contains("X-Amz-Target"), "says what is missing: " + noTarget.body());

            HttpResponse<String> get = send(HttpRequest.newBuilder(server.endpoint()).GET().build());
            assertEquals(400, get.statusCode());
            assertTrue(get.body().contains("UnknownOperationException"), get.body());

            HttpResponse<String> array = send(post(server, "CreateLogGroup")
                    .POST(HttpRequest.BodyPublishers.ofString("[1,2]")).build());
            assertTrue(array.body().contains("SerializationException"), array.body());

            HttpResponse<String> wrongType = send(post(server, "PutLogEvents").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"logGroupName\":\"/g\",\"logStreamName\":\"s\",\"logEvents\":[{\"timestamp\":\"soon\",\"message\":\"m\"}]}"))
                    .build());
            assertEquals(400, wrongType.statusCode());
            assertTrue(wrongType.body().contains("SerializationException"), wrongType.body());

            HttpResponse<String> empty = send(post(server, "CreateLogGroup").POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(400, empty.statusCode());
            assertTrue(empty.body().contains("InvalidParameterException") && empty.body().contains("logGroupName"),
                    empty.body());

            assertEquals(3, server.totalRequests(), "requests without a CloudWatch Logs target are not counted");
        }
    }

    @Test
    void aChunkedRequestBodyIsReadAndTheAnswerCarriesARequestId() throws Exception {
        try (LocalLogsServer server = LocalLogsServer.start()) {
            byte[] body = "{\"logGroupName\":\"/chunked\"}".getBytes(StandardCharsets.UTF_8);
            // a body publisher of unknown length makes the JDK client send Transfer-Encoding: chunked
            HttpResponse<String> response = send(post(server, "CreateLogGroup")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("application/x-amz-json-1.1", response.headers().firstValue("Content-Type").orElse(null));
            assertNotNull(response.headers().firstValue("x-amzn-RequestId").orElse(null));
            assertTrue(server.groupExists("/chunked"));
        }
    }

    @Test
    void badSettingsAreRefusedWithWhatToDo() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> LocalLogsServer.builder().port(70_000));
        assertTrue(port.getMessage().contains("0 = a free port"), port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalLogsServer.builder().eventSizeLimit(26));
        assertThrows(IllegalArgumentException.class, () -> LocalLogsServer.builder().eventSizeLimit(1_048_577));
        assertThrows(NullPointerException.class, () -> LocalLogsServer.builder().clock(null));
        try (LocalLogsServer first = LocalLogsServer.start()) {
            UncheckedIOException busy = assertThrows(UncheckedIOException.class,
                    () -> LocalLogsServer.builder().port(first.endpoint().getPort()).start());
            assertTrue(busy.getMessage().contains("port"), busy.getMessage());
        }
    }
}
