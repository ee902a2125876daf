package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.delivery.ScriptedTransport;
import dev.applog.delivery.Transport.Rejected;
import dev.applog.delivery.TransportException.Reason;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The delivery policy ({@code dev.applog.delivery.CloudWatchSink}) over a {@link ScriptedTransport}: which reason is retried, which
 * creates the stream or group, which goes to the fallback with which diagnostic. The same faults through the real
 * SDK and the local endpoint are in {@link CloudWatchFailureTest}.
 */
class DeliveryPolicyTest {

    private final Captured stdout = new Captured();
    private final ScriptedTransport transport = new ScriptedTransport();

    private CloudWatchLogger logger() {
        return logger(Duration.ofSeconds(10));
    }

    private CloudWatchLogger logger(Duration deliveryDeadline) {
        return new CloudWatchLogger(LoggerConfig.builder().group("/app/policy").stream("s").format("#mini")
                .out(stdout.out).deliveryDeadline(deliveryDeadline).build(), transport);
    }

    private static List<String> messages(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m" + i).collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, names = {"THROTTLED", "SERVER_FAULT", "CONNECTION_LOST", "OTHER"})
    void retryableReasonsAreRetriedUntilStored(Reason reason) {
        transport.fail("PutLogEvents", 2, reason, "Code");
        try (CloudWatchLogger log = logger()) {
            messages(3).forEach(log::info);
            assertTrue(log.purge(Duration.ofSeconds(10)), stdout.text());
            assertEquals(messages(3), transport.stored.get("s"));
            assertEquals(3, log.stats().putRequests());
            assertEquals(2, log.stats().retries());
            assertTrue(stdout.fallbackLines().isEmpty(), stdout.text());
        }
    }

    @Test
    void aMissingStreamIsCreatedOnceThenThePutRepeated() {
        transport.fail("PutLogEvents", 1, Reason.STREAM_MISSING, "ResourceNotFoundException");
        try (CloudWatchLogger log = logger()) {
            log.info("one");
            assertTrue(log.purge(Duration.ofSeconds(10)), stdout.text());
            assertEquals(List.of("PutLogEvents /app/policy/s x1", "CreateLogStream /app/policy/s",
                    "PutLogEvents /app/policy/s x1"), transport.calls());
            assertEquals(1, log.stats().createRequests());
            assertEquals(0, log.stats().retries());
        }
    }

    @Test
    void aMissingGroupIsCreatedThenTheStreamThenThePut() {
        transport.fail("PutLogEvents", 1, Reason.GROUP_MISSING, "ResourceNotFoundException")
                .fail("CreateLogStream", 1, Reason.GROUP_MISSING, "ResourceNotFoundException");
        try (CloudWatchLogger log = logger()) {
            log.info("one");
            assertTrue(log.purge(Duration.ofSeconds(10)), stdout.text());
            assertEquals(List.of("PutLogEvents /app/policy/s x1", "CreateLogStream /app/policy/s",
                    "CreateLogGroup /app/policy", "CreateLogStream /app/policy/s", "PutLogEvents /app/policy/s x1"),
                    transport.calls());
            assertEquals(List.of("one"), transport.stored.get("s"));
        }
    }

    @Test
    void aCreateDeniedSendsTheEventsToTheFallbackNamingTheAction() {
        transport.fail("PutLogEvents", 1, Reason.STREAM_MISSING, "ResourceNotFoundException")
                .fail("CreateLogStream", 1, Reason.ACCESS_DENIED, "AccessDeniedException");
        try (CloudWatchLogger log = logger()) {
            log.info("one");
            assertFalse(log.purge(Duration.ofSeconds(10)));
            assertEquals(1, stdout.fallbackLines().size());
            assertTrue(stdout.fallbackLines().get(0).contains("CreateLogStream refused"), stdout.text());
            assertTrue(stdout.diagnostics().get(0).contains("allow the IAM action logs:CreateLogStream"), stdout.text());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, names = {"ACCESS_DENIED", "CREDENTIALS_REFUSED", "NO_CREDENTIALS", "REFUSED"})
    void permanentReasonsAreNotRetriedAndGoToTheFallback(Reason reason) {
        transport.fail("PutLogEvents", 1, reason, "SomeCode");
        try (CloudWatchLogger log = logger()) {
            messages(2).forEach(log::info);
            assertFalse(log.purge(Duration.ofSeconds(10)));
            assertEquals(1, log.stats().putRequests());
            assertEquals(0, log.stats().retries());
            assertEquals(2, log.stats().fallbackEvents());
            assertEquals(2, stdout.fallbackLines().size(), stdout.text());
        }
    }

    @Test
    void credentialsRefusedAndAccessDeniedSayDifferentFixes() {
        transport.fail("PutLogEvents", 1, Reason.CREDENTIALS_REFUSED, "ExpiredTokenException")
                .fail("PutLogEvents", 1, Reason.ACCESS_DENIED, "AccessDeniedException");
        try (CloudWatchLogger log = logger()) {
            log.info("a");
            log.purge(Duration.ofSeconds(10));
            log.info("b");
            log.purge(Duration.ofSeconds(10));
            List<String> diagnostics = stdout.diagnostics();
            assertEquals(2, diagnostics.size(), stdout.text());
            assertTrue(diagnostics.get(0).contains("the credentials were not accepted"), diagnostics.get(0));
            assertTrue(diagnostics.get(1).contains("allow the IAM action logs:PutLogEvents"), diagnostics.get(1));
        }
    }

    @Test
    void anInvalidBatchIsHalvedUntilTheOneBadEventIsIsolated() {
        // the first put of 4 fails, its halves of 2: the first half fails again, its halves of 1: the first fails
        transport.fail("PutLogEvents", 3, Reason.INVALID, "InvalidParameterException");
        try (CloudWatchLogger log = logger()) {
            messages(4).forEach(log::info);
            assertFalse(log.purge(Duration.ofSeconds(10)));
            assertEquals(List.of("m1", "m2", "m3"), transport.stored.get("s"));
            assertEquals(1, stdout.fallbackLines().size(), stdout.text());
            assertTrue(stdout.fallbackLines().get(0).contains("\"message\":\"m0\""), stdout.text());
            assertTrue(stdout.diagnostics().get(0).contains("lower LoggerConfig.maxEventBytes"), stdout.text());
        }
    }

    @Test
    void rejectedIndexesSendExactlyThoseEventsToTheFallbackWithTheirReason() {
        // 6 events: [0,1) expired, [1,2) too old, [4,6) too new; 2 and 3 stored
        transport.reject(new Rejected(4, 2, 1));
        try (CloudWatchLogger log = logger()) {
            messages(6).forEach(log::info);
            assertFalse(log.purge(Duration.ofSeconds(10)));
            assertEquals(List.of("m2", "m3"), transport.stored.get("s"));
            assertEquals(2, log.stats().eventsSent());
            assertEquals(4, log.stats().fallbackEvents());
            List<String> lines = stdout.fallbackLines();
            assertTrue(lines.get(0).contains("expired") && lines.get(0).contains("\"m0\""), lines.toString());
            assertTrue(lines.get(1).contains("too old") && lines.get(1).contains("\"m1\""), lines.toString());
            assertTrue(lines.get(2).contains("too new") && lines.get(2).contains("\"m4\""), lines.toString());
            assertTrue(stdout.diagnostics().get(0).contains("rejected 4 event(s)"), stdout.text());
        }
    }

    @Test
    void noClientGoesToTheFallbackAtOnceCountingNoRequest() {
        transport.fail("PutLogEvents", 1, Reason.NO_CLIENT, "");
        try (CloudWatchLogger log = logger()) {
            log.info("a");
            assertFalse(log.purge(Duration.ofSeconds(10)));
            assertEquals(0, log.stats().putRequests());
            assertTrue(stdout.diagnostics().get(0).contains("cannot make a CloudWatch Logs client"), stdout.text());
            assertTrue(stdout.diagnostics().get(0).contains("set AWS_REGION"), stdout.text());
        }
    }

    @Test
    void aTransportThatNeverAnswersInTimeEndsInTheFallbackAtTheDeadline() {
        transport.fail("PutLogEvents", 1_000, Reason.THROTTLED, "ThrottlingException");
        try (CloudWatchLogger log = logger(Duration.ofMillis(400))) {
            log.info("a");
            assertFalse(log.purge(Duration.ofSeconds(10)));
            assertEquals(1, stdout.fallbackLines().size());
            assertTrue(stdout.fallbackLines().get(0).contains("not delivered within the delivery deadline"), stdout.text());
            assertTrue(stdout.diagnostics().get(0).contains("could not be reached in time"), stdout.text());
        }
    }
}
