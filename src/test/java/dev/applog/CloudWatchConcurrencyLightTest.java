package dev.applog;

/** {@link CloudWatchConcurrencyTest} through the light transport ({@link LightLogsTransport}): the same behaviour, asserted the same way. */
class CloudWatchConcurrencyLightTest extends CloudWatchConcurrencyTest {
    @Override
    protected boolean lightTransport() {
        return true;
    }
}
