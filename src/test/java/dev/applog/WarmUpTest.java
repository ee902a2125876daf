package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.delivery.DeliveryTestAccess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up runs a PutLogEvents through the SDK that never leaves the process; real requests are unchanged. */
class WarmUpTest extends LocalEndpointTest {

    @Test
    void aDryRunGoesThroughTheSdkAndNothingReachesTheEndpoint() {
        assertNotNull(DeliveryTestAccess.dryRun(client, "warm", Duration.ofSeconds(2)));

        assertEquals(0, puts());
        assertFalse(server.streamExists(DeliveryTestAccess.DRY_RUN_GROUP, "warm"));
    }

    @Test
    void aLoggerWithAClientOfTheCallersSendsNothingToWarmUp() {
        CloudWatchLogger logger = logger(config("/test/warm", "own-client"));

        assertFalse(logger.warmUp(Duration.ofSeconds(5)));
        assertEquals(0, puts());
    }

    @Test
    void aWarmedUpLoggerSendsNothingUntilItsFirstPurgeWhichStoresEverything() {
        withSystemPropertyCredentials(() -> {
            CloudWatchLogger logger = (CloudWatchLogger) AppLoggers.create(LoggerConfig.builder().group("/test/warm")
                    .stream("shared-client").format("#mini").endpoint(server.endpoint()).region("us-east-1")
                    .out(stdout.out).requestTimeout(Duration.ofSeconds(2)).deliveryDeadline(Duration.ofSeconds(20)).build());

            assertTrue(logger.warmUp(Duration.ofSeconds(30)), stdout.text());
            assertEquals(0, puts());
            assertEquals(0, logger.stats().fallbackEvents(), "the dry run's event is nobody's: never in the fallback");

            logger.info("one");
            logger.info("two");
            assertTrue(logger.purge(Duration.ofSeconds(20)), stdout.text());
            assertEquals(List.of("one", "two"), stored("/test/warm", "shared-client"));
        });
    }

    /**
     * The warm-up also runs one event through a twin of the logger (buffer, batcher, sender, sink) into the transport's
     * dry run: nothing is sent, and nothing of it is printed, not even with echo on.
     */
    @Test
    void theWarmUpsEventThroughTheLoggersPathIsNeitherSentNorPrintedEvenWithEcho() {
        withSystemPropertyCredentials(() -> {
            CloudWatchLogger logger = (CloudWatchLogger) AppLoggers.create(LoggerConfig.builder().group("/test/warm")
                    .stream("echoed").format("#mini").echo(true).endpoint(server.endpoint()).region("us-east-1")
                    .out(stdout.out).requestTimeout(Duration.ofSeconds(2)).deliveryDeadline(Duration.ofSeconds(20)).build());

            assertTrue(logger.warmUp(Duration.ofSeconds(30)), stdout.text());
            assertEquals(0, puts());
            assertFalse(stdout.text().contains("dry run"), stdout.text());
            logger.info("real");
            assertTrue(logger.purge(Duration.ofSeconds(20)), stdout.text());
            assertEquals(List.of("real"), stored("/test/warm", "echoed"));
        });
    }
}
