package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import dev.applog.LoggerConfig;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SnapStart's hooks: registered only under snap-start; before the checkpoint every event logged so far is stored and
 * the connections and credentials are dropped; after the restore they are dropped again (nothing of the snapshot's is
 * reused). The runtime's calls themselves are the local Lambda's snap-start mode's (InitTypeEndToEndTest).
 */
class SnapStartHooksTest {

    @Test
    void onlyASnapStartEnvironmentRegistersTheHooksAndOnlyOnce() {
        assertNull(SnapStartHooks.registerIfSnapStart(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")::get,
                List::of, () -> { }, () -> { }));
        assertNull(SnapStartHooks.registerIfSnapStart(Map.<String, String>of()::get, List::of, () -> { }, () -> { }));
        SnapStartHooks first = SnapStartHooks.registerIfSnapStart(
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")::get, List::of, () -> { }, () -> { });
        assertNotNull(first);
        assertSame(first, SnapStartHooks.registerIfSnapStart(
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")::get, List::of, () -> { }, () -> { }));
    }

    @Test
    void beforeTheCheckpointEveryEventIsStoredAndConnectionsAreDroppedAfterTheRestoreAgain() {
        try (LocalLogsServer server = LocalLogsServer.start()) {
            AppLogger logger = AppLoggers.create(LoggerConfig.builder().group("/app/snap").stream("init").format("#mini")
                    .endpoint(server.endpoint()).region("us-east-1").transport("light")
                    .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build());
            AtomicInteger dropped = new AtomicInteger();
            AtomicInteger reopened = new AtomicInteger();
            SnapStartHooks hooks = new SnapStartHooks(() -> List.of(logger), dropped::incrementAndGet,
                    reopened::incrementAndGet);
            System.setProperty("aws.accessKeyId", "AKIDTEST");
            System.setProperty("aws.secretAccessKey", "secret");
            try {
                logger.info("logged in the init phase");
                logger.info("also in the init phase");
                hooks.beforeCheckpoint(null);
                assertEquals(List.of("logged in the init phase", "also in the init phase"),
                        server.events("/app/snap", "init").stream().map(StoredEvent::message).toList());
                assertEquals(2, dropped.get(), "before the purge and after it");
                assertEquals(0, reopened.get());
                assertEquals(1, hooks.checkpoints);
                hooks.afterRestore(null);
                assertEquals(1, reopened.get());
                assertEquals(1, hooks.restores);
                logger.info("after the restore");
                logger.purge(Duration.ofSeconds(10));
                assertEquals(3, server.events("/app/snap", "init").size());
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
                logger.close();
            }
        }
    }

    /**
     * Both transports under SnapStart, with credentials from a container endpoint (as Lambda gives them under SnapStart)
     * that hands out other keys after the restore: the purge before the checkpoint leaves no connection open (the SDK
     * client's ones included: its keep-alive connections would be cloned into every restored environment), and the
     * first request after the restore is signed with the restored environment's keys, not with a cached copy of the
     * snapshot's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"light", "sdk"})
    void neitherTransportKeepsAConnectionOrCredentialsOfTheSnapshot(String transport) throws Exception {
        AtomicReference<String> key = new AtomicReference<>("ASIASNAPSHOT" + transport.toUpperCase(java.util.Locale.ROOT));
        HttpServer credentials = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        credentials.createContext("/credentials", exchange -> {
            byte[] body = ("{\"AccessKeyId\": \"" + key.get() + "\", \"SecretAccessKey\": \"secret\", \"Token\": \"token\", "
                    + "\"Expiration\": \"" + Instant.now().plus(Duration.ofHours(6)) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        credentials.start();
        System.setProperty("aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + credentials.getAddress().getPort() + "/credentials");
        System.setProperty("aws.containerAuthorizationToken", "local-token");
        try (LocalLogsServer server = LocalLogsServer.start()) {
            AppLogger logger = AppLoggers.create(LoggerConfig.builder().group("/app/snap").stream("keys-" + transport)
                    .format("#mini").endpoint(server.endpoint()).region("us-east-1").transport(transport)
                    .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build());
            SnapStartHooks hooks = new SnapStartHooks(() -> List.of(logger), AppLoggers::dropConnections,
                    AppLoggers::reopenConnections);
            try {
                logger.info("logged in the init phase");
                hooks.beforeCheckpoint(null);
                assertEquals(1, server.events("/app/snap", "keys-" + transport).size());
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (server.openConnections() > 0 && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                assertEquals(0, server.openConnections(), "a connection left open in the snapshot");
                String restoredKey = "ASIARESTORED" + transport.toUpperCase(java.util.Locale.ROOT);
                key.set(restoredKey);
                hooks.afterRestore(null);
                logger.info("after the restore");
                assertTrue(logger.purge(Duration.ofSeconds(10)));
                assertEquals(2, server.events("/app/snap", "keys-" + transport).size());
                List<String> keys = server.accessKeyIds();
                assertEquals(restoredKey, keys.get(keys.size() - 1), keys.toString());
            } finally {
                logger.close();
                AppLoggers.reopenConnections();
            }
        } finally {
            System.clearProperty("aws.containerCredentialsFullUri");
            System.clearProperty("aws.containerAuthorizationToken");
            credentials.stop(0);
        }
    }

    /**
     * A {@code {date}} stream after a restore on another day than the snapshot's: the events logged after it go to the
     * stream of their own day, those of the init phase to the snapshot's day.
     */
    @Test
    void aDateStreamIsWorkedOutAgainAfterARestoreOnAnotherDay() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now().minus(Duration.ofDays(1)));
        Clock clock = new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        try (LocalLogsServer server = LocalLogsServer.start()) {
            AppLogger logger = AppLoggers.create(LoggerConfig.builder().group("/app/snap").stream("daily-{date}")
                    .format("#mini").endpoint(server.endpoint()).region("us-east-1").transport("light").clock(clock)
                    .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build());
            SnapStartHooks hooks = new SnapStartHooks(() -> List.of(logger), AppLoggers::dropConnections,
                    AppLoggers::reopenConnections);
            System.setProperty("aws.accessKeyId", "AKIDTEST");
            System.setProperty("aws.secretAccessKey", "secret");
            try {
                logger.info("before the snapshot");
                hooks.beforeCheckpoint(null);
                now.set(Instant.now());  // restored a day later
                hooks.afterRestore(null);
                logger.info("after the restore");
                assertTrue(logger.purge(Duration.ofSeconds(10)));
                assertEquals(List.of("before the snapshot"), server.events("/app/snap", "daily-" + today.minusDays(1))
                        .stream().map(StoredEvent::message).toList());
                assertEquals(List.of("after the restore"), server.events("/app/snap", "daily-" + today)
                        .stream().map(StoredEvent::message).toList());
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
                logger.close();
                AppLoggers.reopenConnections();
            }
        }
    }
}
