package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.delivery.DeliveryTestAccess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link CloudWatchFailureTest} through the light transport ({@link LightLogsTransport}): the same behaviour,
 * asserted the same way; the two tests that break the SDK's client are replaced by the light transport's own
 * ways to fail the same way (no region, no credentials).
 */
class CloudWatchFailureLightTest extends CloudWatchFailureTest {
    @Override
    protected boolean lightTransport() {
        return true;
    }

    @Test
    @Override
    void aClientThatCannotBeMadeGoesToTheFallbackNamingAwsRegion() {
        LoggerConfig config = config("/app/noregion", "s").build();
        CloudWatchLogger log = new CloudWatchLogger(config, DeliveryTestAccess.lazyLight(
                server.endpoint(), "", config.requestTimeout(), () -> null));
        log.info("kept");
        assertFalse(log.purge(Duration.ofSeconds(5)));
        assertEquals(1, stdout.fallbackLines().size());
        assertTrue(stdout.diagnostics().get(0).contains("AWS_REGION"), stdout.diagnostics().toString());
        assertEquals(0, server.totalRequests());
    }

    @Test
    @Override
    void missingCredentialsGoToTheFallbackAtOnceNamingTheFix() {
        LoggerConfig config = config("/app/nocreds", "s").build();
        CloudWatchLogger log = new CloudWatchLogger(config, DeliveryTestAccess.light(server.endpoint(), "us-east-1",
                config.requestTimeout(), () -> () -> {
                    throw new IllegalStateException("Unable to load credentials from any of the providers in the chain");
                }));
        log.info("kept");
        assertFalse(log.purge(Duration.ofSeconds(10)));
        assertEquals(0, log.stats().retries(), "nothing to retry");
        assertEquals(1, stdout.fallbackLines().size());
        assertTrue(stdout.diagnostics().get(0).contains("execution role"), stdout.diagnostics().toString());
        assertEquals(0, server.totalRequests());
    }
}
