package dev.applog.local.logs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ServiceUnavailableException;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults on demand, as the real SDK (retries off) sees them, and the counters that go with them. */
class LocalLogsServerFaultsTest {

    private static LocalLogsServer server;
    private static CloudWatchLogsClient logs;

    private final String group = "/faults/" + UUID.randomUUID();
    private final String stream = "s";

    @BeforeAll
    static void startServer() {
        server = LocalLogsServer.start();
        logs = SdkClients.withoutRetries(server.endpoint());
    }

    @AfterAll
    static void stopServer() {
        logs.close();
        server.close();
    }

    @AfterEach
    void forgetFaults() {
        server.clearFaults();
    }

    private void createGroupAndStream() {
        logs.createLogGroup(r -> r.logGroupName(group));
        logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
    }

    private void put(String... messages) {
        long now = System.currentTimeMillis();
        logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(
                java.util.Arrays.stream(messages)
                        .map(m -> InputLogEvent.builder().timestamp(now).message(m).build()).toList()));
    }

    private CloudWatchLogsException putFails() {
        return assertThrows(CloudWatchLogsException.class, () -> put("x"));
    }

    @Test
    void throttlingIsA400ThrottlingExceptionAndTheNextCallSucceeds() {
        createGroupAndStream();
        server.failNext("PutLogEvents", 1, Fault.throttling());
        CloudWatchLogsException e = putFails();
        assertEquals(400, e.statusCode());
        assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
        assertTrue(e.isThrottlingException(), "the SDK classifies it as throttling");
        assertNotNull(e.requestId(), "errors carry x-amzn-RequestId");
        put("after");
        assertEquals(1, server.events(group, stream).size(), "the faulted call stored nothing");
    }

    @Test
    void serviceUnavailableIsA503OfTheModelledType() {
        createGroupAndStream();
        server.failNext("PutLogEvents", 1, Fault.serviceUnavailable());
        CloudWatchLogsException e = putFails();
        assertInstanceOf(ServiceUnavailableException.class, e);
        assertEquals(503, e.statusCode());
    }

    @Test
    void accessDeniedAndUnrecognizedClientAreTheirErrorCodes() {
        createGroupAndStream();
        server.failNext("PutLogEvents", 1, Fault.accessDenied());
        server.failNext("PutLogEvents", 1, Fault.unrecognizedClient());
        assertEquals("AccessDeniedException", putFails().awsErrorDetails().errorCode());
        assertEquals("UnrecognizedClientException", putFails().awsErrorDetails().errorCode());
        put("now it works");
        assertEquals(1, server.events(group, stream).size());
    }

    @Test
    void faultsApplyOnlyToTheirOperationAndOnlyTimesTimes() {
        long before = server.requests("PutLogEvents");
        server.failNext("PutLogEvents", 2, Fault.throttling());
        createGroupAndStream(); // other operations are not affected
        putFails();
        putFails();
        put("third call passes");
        assertEquals(3, server.requests("PutLogEvents") - before, "every call is counted, faulted or not");
    }

    @Test
    void aFaultForAnyOperationHitsTheNextCallWhateverItIs() {
        server.failNext(null, 1, Fault.throttling());
        CloudWatchLogsException e = assertThrows(CloudWatchLogsException.class,
                () -> logs.createLogGroup(r -> r.logGroupName(group)));
        assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
        assertFalse(server.groupExists(group));
        logs.createLogGroup(r -> r.logGroupName(group));
        assertTrue(server.groupExists(group));
    }

    @Test
    void clearFaultsForgetsQueuedFaults() {
        createGroupAndStream();
        server.failNext("PutLogEvents", 5, Fault.throttling());
        server.clearFaults();
        put("no fault left");
        assertEquals(1, server.events(group, stream).size());
    }

    @Test
    void aDroppedConnectionIsAnIoErrorForTheSdkAndStoresNothing() {
        createGroupAndStream();
        long before = server.requests("PutLogEvents");
        server.failNext("PutLogEvents", 1, Fault.dropConnection());
        SdkClientException e = assertThrows(SdkClientException.class, () -> put("lost"));
        assertInstanceOf(java.io.IOException.class, e.getCause(), "an I/O error underneath: " + e);
        assertEquals(1, server.requests("PutLogEvents") - before,
                "the HTTP client did not silently resend the request");
        assertTrue(server.events(group, stream).isEmpty());
        put("next");
        assertEquals(1, server.events(group, stream).size(), "the client recovers on a new connection");
    }

    @Test
    void aConnectionDroppedAfterStoringLooksTheSameToTheSdkButTheEventsAreStored() {
        createGroupAndStream();
        long before = server.requests("PutLogEvents");
        server.failNext("PutLogEvents", 1, Fault.dropConnectionAfterStoring());
        SdkClientException e = assertThrows(SdkClientException.class, () -> put("stored, answer lost"));
        assertInstanceOf(java.io.IOException.class, e.getCause(), "an I/O error underneath: " + e);
        assertEquals(1, server.requests("PutLogEvents") - before, "not resent by the HTTP client");
        assertEquals(List.of("stored, answer lost"), messages(), "the call took effect before the drop");
        put("stored, answer lost");
        assertEquals(List.of("stored, answer lost", "stored, answer lost"), messages(),
                "a client that retries stores the events twice: the service has no idempotency");
    }

    @Test
    void aRepeatingFaultFailsEveryOtherCallUntilCleared() {
        createGroupAndStream();
        server.failRepeatedly("PutLogEvents", List.of(Fault.throttling()), 1);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            outcomes.add(outcome(() -> put("m")));
        }
        assertEquals(List.of("ThrottlingException", "ok", "ThrottlingException", "ok", "ThrottlingException", "ok"),
                outcomes);
        logs.describeLogGroups(r -> r.logGroupNamePrefix(group)); // another operation is not affected
        server.clearFaults();
        put("after clearing");
        assertEquals(4, server.events(group, stream).size());
    }

    @Test
    void aRepeatingCycleOfFaultsPlaysEachInTurnThenItsPassesAndQueuedFaultsComeFirst() {
        createGroupAndStream();
        server.failRepeatedly("PutLogEvents", List.of(Fault.error(500, "InternalFailure", "boom"),
                Fault.serviceUnavailable()), 2);
        server.failNext("PutLogEvents", 1, Fault.accessDenied());
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            outcomes.add(outcome(() -> put("m")));
        }
        assertEquals(List.of("AccessDeniedException", "InternalFailure", "ServiceUnavailableException", "ok", "ok",
                "InternalFailure", "ServiceUnavailableException", "ok", "ok"), outcomes);
    }

    @Test
    void aRepeatingFaultWithoutPassesFailsEveryCall() {
        createGroupAndStream();
        server.failRepeatedly(null, List.of(Fault.unrecognizedClient()), 0);
        for (int i = 0; i < 3; i++) {
            assertEquals("UnrecognizedClientException", outcome(() -> put("m")));
        }
        assertEquals("UnrecognizedClientException", outcome(() -> logs.describeLogGroups()), "null = any operation");
        assertTrue(server.events(group, stream).isEmpty());
    }

    @Test
    void refusedConnectionsForADurationThenTheSamePortListensAgain() throws Exception {
        try (LocalLogsServer own = LocalLogsServer.start();
                CloudWatchLogsClient client = SdkClients.withoutRetries(own.endpoint())) {
            client.createLogGroup(r -> r.logGroupName(group));
            assertFalse(own.refusingConnections());
            long before = own.totalRequests();
            own.refuseConnectionsFor(Duration.ofSeconds(1));
            assertTrue(own.refusingConnections());
            SdkClientException e = assertThrows(SdkClientException.class,
                    () -> client.createLogStream(r -> r.logGroupName(group).logStreamName(stream)));
            assertTrue(hasCause(e, ConnectException.class), "connection refused: " + e);
            assertEquals(before, own.totalRequests(), "a refused connection never reaches the endpoint");
            assertThrows(IllegalStateException.class, () -> own.refuseConnectionsFor(Duration.ofSeconds(1)),
                    "one outage at a time");
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (own.refusingConnections() && System.nanoTime() < giveUp) {
                Thread.sleep(20);
            }
            assertFalse(own.refusingConnections(), "listening again after the outage");
            client.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
            assertTrue(own.streamExists(group, stream), "served again on the same port, state kept");
        }
    }

    @Test
    void anOutageResetsOpenConnections() throws Exception {
        try (LocalLogsServer own = LocalLogsServer.start();
                CloudWatchLogsClient client = SdkClients.withoutRetries(own.endpoint())) {
            client.createLogGroup(r -> r.logGroupName(group));
            client.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
            own.failNext("PutLogEvents", 1, Fault.delay(Duration.ofSeconds(30)));
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> client.putLogEvents(r -> r
                    .logGroupName(group).logStreamName(stream)
                    .logEvents(InputLogEvent.builder().timestamp(System.currentTimeMillis()).message("m").build())));
            while (own.requests("PutLogEvents") == 0) {
                Thread.sleep(10);
            }
            own.refuseConnectionsFor(Duration.ofMillis(200));
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> waiting.get(20, TimeUnit.SECONDS));
            assertTrue(hasCause(e, java.io.IOException.class), "the open connection was reset: " + e);
        }
    }

    @Test
    void aDelayedCallDoesNotHoldUpOtherConnectionsAndThenSucceeds() throws Exception {
        createGroupAndStream();
        try (CloudWatchLogsClient other = SdkClients.withoutRetries(server.endpoint())) {
            other.describeLogGroups(r -> r.logGroupNamePrefix(group)); // warm up, so the check below is quick
            server.failNext("PutLogEvents", 1, Fault.delay(Duration.ofSeconds(5)));
            CompletableFuture<Void> delayed = CompletableFuture.runAsync(() -> put("delayed"));
            // wait until the delayed call has reached the server, then talk to it on another connection
            while (server.requests("PutLogEvents") == 0) {
                Thread.sleep(10);
            }
            other.describeLogGroups(r -> r.logGroupNamePrefix(group));
            assertFalse(delayed.isDone(), "another connection was served while the delayed call waited");
            delayed.get(30, TimeUnit.SECONDS);
        }
        assertEquals("delayed", server.events(group, stream).get(0).message());
    }

    @Test
    void aDelayLongerThanTheClientsAttemptTimeoutIsATimeoutForTheSdk() {
        createGroupAndStream();
        server.failNext("DescribeLogGroups", 1, Fault.delay(Duration.ofSeconds(3)));
        try (CloudWatchLogsClient impatient = SdkClients.withoutRetries(server.endpoint(), Duration.ofMillis(300))) {
            assertThrows(ApiCallAttemptTimeoutException.class,
                    () -> impatient.describeLogGroups(r -> r.logGroupNamePrefix(group)));
        }
    }

    @Test
    void aCustomErrorFaultIsAnsweredAsGiven() {
        createGroupAndStream();
        server.failNext("PutLogEvents", 1, Fault.error(400, "OperationAbortedException", "try again"));
        CloudWatchLogsException e = putFails();
        assertEquals("OperationAbortedException", e.awsErrorDetails().errorCode());
        assertEquals("try again", e.awsErrorDetails().errorMessage());
    }

    private List<String> messages() {
        return server.events(group, stream).stream().map(StoredEvent::message).toList();
    }

    /** "ok", or the error code the call failed with. */
    private static String outcome(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (CloudWatchLogsException e) {
            return e.awsErrorDetails().errorCode();
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void badFaultArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> server.failNext("PutLogEvents", 0, Fault.throttling()));
        assertThrows(NullPointerException.class, () -> server.failNext("PutLogEvents", 1, null));
        assertThrows(IllegalArgumentException.class, () -> Fault.delay(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> Fault.error(200, "X", "y"));
        assertThrows(IllegalArgumentException.class, () -> server.failRepeatedly("PutLogEvents", List.of(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> server.failRepeatedly("PutLogEvents", List.of(Fault.throttling()), -1));
        assertThrows(IllegalArgumentException.class, () -> server.refuseConnectionsFor(Duration.ZERO));
    }
}
