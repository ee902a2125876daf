package dev.applog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.local.logs.Fault;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The light transport against the local endpoint: the three calls as the service's protocol has them, and each
 * failure the service or the network gives, read back as the code and status the sender decides on.
 */
class LightLogsTransportTest {

    private LocalLogsServer server;
    private LightLogsTransport transport;
    private final AtomicInteger credentialsMade = new AtomicInteger();

    @BeforeEach
    void start() {
        server = LocalLogsServer.start();
        transport = new LightLogsTransport(server.endpoint(), "eu-west-1", Duration.ofSeconds(2), () -> {
            credentialsMade.incrementAndGet();
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
        });
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    private static List<Event> events(long first, String... messages) {
        return java.util.stream.IntStream.range(0, messages.length)
                .mapToObj(i -> (Event) new TextEvent(first + i, messages[i], messages[i].getBytes(StandardCharsets.UTF_8).length, "s"))
                .toList();
    }

    private static final Duration T = Duration.ofSeconds(2);

    @Test
    void createsTheGroupAndStreamAndStoresEventsInOrderWithTheirTimestamps() {
        long now = System.currentTimeMillis();
        transport.createLogGroup("/app/light", T);
        transport.createLogStream("/app/light", "s", T);
        Transport.Rejected rejected = transport.putLogEvents("/app/light", "s",
                events(now, "first", "zweite \u00fc \"quoted\" \\ \n newline", "\u65e5\u672c \uD83D\uDE00"), T);
        assertFalse(rejected.any());
        List<StoredEvent> stored = server.events("/app/light", "s");
        assertEquals(List.of("first", "zweite \u00fc \"quoted\" \\ \n newline", "\u65e5\u672c \uD83D\uDE00"),
                stored.stream().map(StoredEvent::message).toList());
        assertEquals(List.of(now, now + 1, now + 2), stored.stream().map(StoredEvent::timestamp).toList());
        assertEquals(1, server.requests("PutLogEvents"));
        assertEquals(1, server.requests("CreateLogGroup"));
        assertEquals(1, server.requests("CreateLogStream"));
    }

    @Test
    void aMissingStreamOrGroupAndAnExistingOneComeBackAsTheServiceNamesThem() {
        LightLogsTransport.Failure missingGroup = assertThrows(LightLogsTransport.Failure.class,
                () -> transport.putLogEvents("/app/none", "s", events(System.currentTimeMillis(), "x"), T));
        assertEquals("ResourceNotFoundException", missingGroup.code);
        assertEquals(400, missingGroup.status);
        assertFalse(missingGroup.io);
        assertThrows(LightLogsTransport.Failure.class, () -> transport.createLogStream("/app/none", "s", T));
        transport.createLogGroup("/app/some", T);
        LightLogsTransport.Failure exists = assertThrows(LightLogsTransport.Failure.class,
                () -> transport.createLogGroup("/app/some", T));
        assertEquals("ResourceAlreadyExistsException", exists.code);
        assertTrue(exists.getMessage().length() > 0);
    }

    @Test
    void eventsRefusedForTheirTimestampsAreReportedByIndex() {
        transport.createLogGroup("/app/old", T);
        transport.createLogStream("/app/old", "s", T);
        long now = System.currentTimeMillis();
        long fifteenDaysAgo = now - Duration.ofDays(15).toMillis();
        List<Event> batch = List.of(new TextEvent(fifteenDaysAgo, "old", 3, "s"), new TextEvent(now, "fresh", 5, "s"),
                new TextEvent(now + Duration.ofHours(3).toMillis(), "future", 6, "s"));
        Transport.Rejected rejected = transport.putLogEvents("/app/old", "s", batch, T);
        assertEquals(new Transport.Rejected(2, 1, -1), rejected);
        assertEquals(List.of("fresh"), server.events("/app/old", "s").stream().map(StoredEvent::message).toList());
    }

    @Test
    void throttlingServerFaultsAccessDeniedAndRefusedCredentialsCarryTheirCodeAndStatus() {
        transport.createLogGroup("/app/f", T);
        transport.createLogStream("/app/f", "s", T);
        server.failNext("PutLogEvents", 1, Fault.throttling());
        server.failNext("PutLogEvents", 1, Fault.serviceUnavailable());
        server.failNext("PutLogEvents", 1, Fault.accessDenied());
        server.failNext("PutLogEvents", 1, Fault.unrecognizedClient());
        server.failNext("PutLogEvents", 1, Fault.error(400, "ExpiredTokenException", "The security token included in the request is expired"));
        server.failNext("PutLogEvents", 1, Fault.error(500, "InternalFailure", "boom"));
        String[][] expected = {{"ThrottlingException", "400"}, {"ServiceUnavailableException", "503"},
                {"AccessDeniedException", "400"}, {"UnrecognizedClientException", "400"},
                {"ExpiredTokenException", "400"}, {"InternalFailure", "500"}};
        for (String[] e : expected) {
            LightLogsTransport.Failure failure = assertThrows(LightLogsTransport.Failure.class,
                    () -> transport.putLogEvents("/app/f", "s", events(System.currentTimeMillis(), "x"), T));
            assertEquals(e[0], failure.code);
            assertEquals(Integer.parseInt(e[1]), failure.status);
            assertTrue(failure.text().startsWith(e[0] + ": "), failure.text());
        }
        assertTrue(server.events("/app/f", "s").isEmpty());
        transport.putLogEvents("/app/f", "s", events(System.currentTimeMillis(), "after"), T);
        assertEquals(1, server.events("/app/f", "s").size());
    }

    @Test
    void aDroppedConnectionIsAnIoFailureAndTheNextCallGoesThrough() {
        transport.createLogGroup("/app/io", T);
        transport.createLogStream("/app/io", "s", T);
        server.failNext("PutLogEvents", 1, Fault.dropConnection());
        LightLogsTransport.Failure failure = assertThrows(LightLogsTransport.Failure.class,
                () -> transport.putLogEvents("/app/io", "s", events(System.currentTimeMillis(), "x"), T));
        assertTrue(failure.io);
        assertEquals(LightLogsTransport.Failure.IO, failure.code);
        transport.putLogEvents("/app/io", "s", events(System.currentTimeMillis(), "y"), T);
        assertEquals(List.of("y"), server.events("/app/io", "s").stream().map(StoredEvent::message).toList());
    }

    @Test
    void anAttemptShorterThanTheRequestTimeoutIsCutAsAnIoFailure() {
        transport.createLogGroup("/app/slow", T);
        transport.createLogStream("/app/slow", "s", T);
        server.failNext("PutLogEvents", 1, Fault.delay(Duration.ofSeconds(5)));
        LightLogsTransport.Failure failure = assertThrows(LightLogsTransport.Failure.class,
                () -> transport.putLogEvents("/app/slow", "s", events(System.currentTimeMillis(), "x"),
                        Duration.ofMillis(300)));
        assertTrue(failure.io, failure.text());
    }

    @Test
    void missingCredentialsAreAFailureOfTheirOwnAndNothingIsSent() {
        LightLogsTransport none = new LightLogsTransport(server.endpoint(), "eu-west-1", T, () -> () -> {
            throw new IllegalStateException("no credentials in the chain");
        });
        LightLogsTransport.Failure failure = assertThrows(LightLogsTransport.Failure.class,
                () -> none.createLogGroup("/app/x", T));
        assertEquals(LightLogsTransport.Failure.NO_CREDENTIALS, failure.code);
        assertTrue(failure.getMessage().startsWith("Unable to load credentials"), failure.getMessage());
        assertEquals(0, server.totalRequests());
    }

    @Test
    void resetDropsTheCredentialsAndTheNextCallMakesFreshOnes() {
        transport.createLogGroup("/app/r", T);
        assertEquals(1, credentialsMade.get());
        transport.createLogStream("/app/r", "a", T);
        assertEquals(1, credentialsMade.get(), "kept between calls");
        transport.reset();
        transport.createLogStream("/app/r", "b", T);
        assertEquals(2, credentialsMade.get());
        assertTrue(server.streamExists("/app/r", "b"));
    }

    @Test
    void betweenCloseAndReopenEachRequestClosesItsConnectionAndFreshCredentialsAreMade() throws Exception {
        transport.createLogGroup("/app/keep", T);
        assertTrue(server.openConnections() >= 1, "kept alive after the request");
        transport.closeConnections();
        transport.createLogStream("/app/keep", "s", T);
        assertEquals(2, credentialsMade.get(), "dropped and made again");
        waitForNoConnection();
        assertEquals(0, server.openConnections(), "no connection left open after a request in the closing mode");
        transport.reopenConnections();
        transport.putLogEvents("/app/keep", "s", events(System.currentTimeMillis(), "kept alive again"), T);
        assertEquals(3, credentialsMade.get());
        assertEquals(1, server.openConnections(), "kept alive again after the reopen");
        assertEquals(1, server.events("/app/keep", "s").size());
    }

    private void waitForNoConnection() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.openConnections() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }

    @Test
    void aMissingRegionIsRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LightLogsTransport(server.endpoint(), " ", T, () -> null));
        assertTrue(e.getMessage().contains("AWS_REGION"), e.getMessage());
    }

    @Test
    void errorCodesAreReadAsTheSdkReadsThem() {
        assertEquals("ResourceNotFoundException", LightLogsTransport.errorCode("com.amazonaws.logs#ResourceNotFoundException"));
        assertEquals("ThrottlingException", LightLogsTransport.errorCode("ThrottlingException:http://internal.amazon.com/"));
        assertEquals("", LightLogsTransport.errorCode(null));
        LightLogsTransport.Failure fromHeader = LightLogsTransport.failure(400, "AccessDeniedException:x",
                "{\"__type\":\"Other\",\"Message\":\"no\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("AccessDeniedException", fromHeader.code);
        assertEquals("no", fromHeader.getMessage());
        LightLogsTransport.Failure notJson = LightLogsTransport.failure(502, null,
                "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8));
        assertEquals("", notJson.code);
        assertEquals(502, notJson.status);
        assertTrue(notJson.getMessage().contains("502"));
    }

    @Test
    void throughTheTransportSeamEachFailureHasTheReasonTheSdkClientsErrorWouldHave() throws Exception {
        TransportException missingGroup = assertThrows(TransportException.class,
                () -> transport.putEvents("/app/none", "s", events(System.currentTimeMillis(), "x"), T));
        assertEquals(TransportException.Reason.GROUP_MISSING, missingGroup.reason());
        transport.createGroup("/app/seam", T);
        transport.createGroup("/app/seam", T);  // exists: success
        TransportException missingStream = assertThrows(TransportException.class,
                () -> transport.putEvents("/app/seam", "s", events(System.currentTimeMillis(), "x"), T));
        assertEquals(TransportException.Reason.STREAM_MISSING, missingStream.reason());
        transport.createStream("/app/seam", "s", T);
        transport.createStream("/app/seam", "s", T);  // exists: success
        TransportException noGroup = assertThrows(TransportException.class,
                () -> transport.createStream("/app/other", "s", T));
        assertEquals(TransportException.Reason.GROUP_MISSING, noGroup.reason());
        Object[][] faults = {
                {Fault.throttling(), TransportException.Reason.THROTTLED},
                {Fault.serviceUnavailable(), TransportException.Reason.SERVER_FAULT},
                {Fault.error(500, "InternalFailure", "boom"), TransportException.Reason.SERVER_FAULT},
                {Fault.accessDenied(), TransportException.Reason.ACCESS_DENIED},
                {Fault.unrecognizedClient(), TransportException.Reason.CREDENTIALS_REFUSED},
                {Fault.error(400, "ExpiredTokenException", "expired"), TransportException.Reason.CREDENTIALS_REFUSED},
                {Fault.error(400, "InvalidParameterException", "bad"), TransportException.Reason.INVALID},
                {Fault.error(400, "DataAlreadyAcceptedException", "no"), TransportException.Reason.REFUSED},
                {Fault.dropConnection(), TransportException.Reason.CONNECTION_LOST}};
        for (Object[] fault : faults) {
            server.failNext("PutLogEvents", 1, (Fault) fault[0]);
            TransportException e = assertThrows(TransportException.class,
                    () -> transport.putEvents("/app/seam", "s", events(System.currentTimeMillis(), "x"), T));
            assertEquals(fault[1], e.reason(), fault[0].toString());
        }
        assertEquals(Transport.Rejected.NONE,
                transport.putEvents("/app/seam", "s", events(System.currentTimeMillis(), "stored"), T));
        assertEquals(List.of("stored"), server.events("/app/seam", "s").stream().map(StoredEvent::message).toList());
    }

    @Test
    void theWarmUpRunsTheWholePathWithoutSendingResolvesTheCredentialsAndLeavesAConnectionOpen() {
        assertTrue(transport.warmUp(new TextEvent(System.currentTimeMillis(), "applog dry run", "s"), T));
        assertEquals(0, server.totalRequests(), "no CloudWatch Logs request");
        assertEquals(1, credentialsMade.get(), "the function's credentials resolved ahead, as the first request needs them");
        assertEquals(1, server.openConnections(), "connected ahead for the first request");
        transport.createLogGroup("/app/warm", T);
        assertEquals(1, server.openConnections(), "the first request reuses it");
        assertEquals(1, credentialsMade.get(), "and the credentials");
    }

    @Test
    void underSnapStartTheWarmUpResolvesNoCredentialsAndLeavesNoConnection() {
        LightLogsTransport snap = new LightLogsTransport(server.endpoint(), "eu-west-1", Duration.ofSeconds(2), () -> {
            credentialsMade.incrementAndGet();
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
        }, java.util.Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")::get);
        try {
            assertTrue(snap.warmUp(new TextEvent(System.currentTimeMillis(), "applog dry run", "s"), T));
            assertEquals(0, server.totalRequests(), "no CloudWatch Logs request");
            assertEquals(0, credentialsMade.get(), "the snapshot's credentials are never resolved");
            assertEquals(0, server.openConnections(), "no connection in the snapshot");
        } finally {
            snap.close();
        }
    }
}
