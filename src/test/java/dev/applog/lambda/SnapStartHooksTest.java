package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import dev.applog.LoggerConfig;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

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
}
